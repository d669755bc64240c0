/** Long runs (long-run.testing.ts): the second, fourth, ... of them, beside long-run.test.ts on vitest's other worker. */
import { beforeAll } from 'vitest';
import { useNodeBackend } from '../engine/node-backend';
import { longRunTests } from './long-run.testing';

beforeAll(async () => {
  await useNodeBackend();
});

longRunTests(1);
