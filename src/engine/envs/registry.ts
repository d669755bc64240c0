/**
 * Environment id -> what the trainer needs to build it from a validated Scenario.
 * Ids are versioned by the scenario version once shared; add an entry per environment.
 */
import type { Scenario } from '../../scenario/schema';
import type { BatchedEnv } from '../env';
import { EntranceEnv } from './entrance-tobin/env';

export interface EnvEntry {
  label: string;
  /** Name of theta for this environment, for labels. */
  thetaName: string;
  build(s: Scenario): { env: BatchedEnv; thetaRange: [number, number]; fixedTheta: number };
}

export const ENV_REGISTRY: Record<Scenario['env'], EnvEntry> = {
  'entrance-tobin': {
    label: 'Market entrance with a Tobin tax',
    thetaName: 'tau',
    build: (s) => ({ env: new EntranceEnv(s), thetaRange: [s.tauMin, s.tauMax], fixedTheta: s.tau }),
  },
};
