/** Long runs (long-run.testing.ts): every environment but the calibrations, and the table's coverage of the registry. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV_IDS } from '../scenario/schema';
import { CALIBRATION_ENVS, LONG_RUNS, longRunTests } from './long-run.testing';
import { useNodeBackend } from './node-backend';

beforeAll(async () => {
  await useNodeBackend();
});

describe('the long-run table', () => {
  it('covers every environment in the registry', () => {
    expect(new Set(Object.values(LONG_RUNS).map((r) => r.env))).toEqual(new Set(ENV_IDS));
  });
});

longRunTests((env) => !CALIBRATION_ENVS.includes(env));
