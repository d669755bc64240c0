/**
 * The environments whose followers learn with PPO (StackelbergTrainer): each scenario's
 * batched environment, theta's range and the fixed leader's theta.
 */
import type { EntranceScenario } from '../../scenario/schema';
import type { BatchedEnv } from '../env';
import { EntranceEnv } from './entrance-tobin/env';

export type PpoScenario = EntranceScenario;

export interface BuiltPpoEnv {
  env: BatchedEnv;
  thetaRange: [number, number];
  fixedTheta: number;
}

export function buildPpoEnv(s: PpoScenario): BuiltPpoEnv {
  switch (s.env) {
    case 'entrance-tobin':
      return { env: new EntranceEnv(s), thetaRange: [s.tauMin, s.tauMax], fixedTheta: s.tau };
  }
}
