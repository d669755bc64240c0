/**
 * The environments whose followers learn with PPO (StackelbergTrainer): each scenario's
 * batched environment, theta's box and the fixed leader's theta.
 */
import type { CobwebScenario, EntranceScenario } from '../../scenario/schema';
import type { BatchedEnv } from '../env';
import type { ObjectiveId } from '../leaders/objectives';
import { LAMBDA_MAX } from './cobweb/config';
import { CobwebEnv } from './cobweb/env';
import { EntranceEnv } from './entrance-tobin/env';

export type PpoScenario = EntranceScenario | CobwebScenario;

/** theta's bounds, one interval per dimension. */
export interface ThetaRange {
  lo: number[];
  hi: number[];
}

export interface BuiltPpoEnv {
  env: BatchedEnv;
  thetaRange: ThetaRange;
  fixedTheta: Float32Array;
  /** What the learning leader's reward is. */
  objective: ObjectiveId;
}

export function buildPpoEnv(s: PpoScenario): BuiltPpoEnv {
  switch (s.env) {
    case 'entrance-tobin':
      return { env: new EntranceEnv(s), thetaRange: { lo: [s.tauMin], hi: [s.tauMax] }, fixedTheta: Float32Array.of(s.tau), objective: s.objective };
    case 'cobweb': {
      // theta: (mu, sigma) of the producers' lambda_i, or each lambda_i itself.
      const d = s.calibrate === 'distribution' ? 2 : s.n;
      const fixedTheta = s.calibrate === 'distribution' ? Float32Array.of(s.mu, s.sigma) : new Float32Array(d).fill(s.mu);
      return { env: new CobwebEnv(s), thetaRange: { lo: new Array(d).fill(0), hi: new Array(d).fill(LAMBDA_MAX) }, fixedTheta, objective: 'calibration' };
    }
  }
}
