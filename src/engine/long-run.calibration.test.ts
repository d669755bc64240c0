/** Long runs (long-run.testing.ts) of the calibration environments: cobweb, cournot, supply-chain. */
import { beforeAll } from 'vitest';
import { CALIBRATION_ENVS, longRunTests } from './long-run.testing';
import { useNodeBackend } from './node-backend';

beforeAll(async () => {
  await useNodeBackend();
});

longRunTests((env) => CALIBRATION_ENVS.includes(env));
