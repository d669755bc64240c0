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
  /** Theory lines for the aggregate chart. */
  references(s: Scenario): { label: string; value: number }[];
  build(s: Scenario): { env: BatchedEnv; thetaRange: [number, number]; fixedTheta: number };
}

export const ENV_REGISTRY: Record<Scenario['env'], EnvEntry> = {
  'entrance-tobin': {
    label: 'Market entrance with a Tobin tax',
    thetaName: 'tau',
    references: (s) => {
      const C = s.c * s.n;
      return [
        { label: 'capacity C', value: C },
        { label: 'mixed equilibrium n(C−1)/(n−1)', value: (s.n * (C - 1)) / (s.n - 1) },
      ];
    },
    build: (s) => ({ env: new EntranceEnv(s), thetaRange: [s.tauMin, s.tauMax], fixedTheta: s.tau }),
  },
};
