/** Long runs (long-run.testing.ts): every environment has one; the first, third, ... of them. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../engine/node-backend';
import { ENVS } from '.';
import { longRunTests } from './long-run.testing';

beforeAll(async () => {
  await useNodeBackend();
});

describe('the long runs', () => {
  it('cover every environment of the list', () => {
    for (const { module } of ENVS) expect(module.longRuns.length, module.id).toBeGreaterThan(0);
  });
});

longRunTests(0);
