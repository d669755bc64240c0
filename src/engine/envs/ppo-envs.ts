/**
 * The environments whose followers learn with PPO (StackelbergTrainer): each scenario's
 * batched environment, theta's box and the fixed leader's theta.
 */
import type { CobwebScenario, CournotScenario, EntranceScenario, MarketMakerScenario, TaxEconomyScenario } from '../../scenario/schema';
import type { BatchedEnv } from '../env';
import type { ObjectiveId } from '../leaders/objectives';
import { LAMBDA_MAX } from './cobweb/config';
import { CobwebEnv } from './cobweb/env';
import { LAMBDA_MAX as COURNOT_LAMBDA_MAX } from './cournot/config';
import { CournotEnv } from './cournot/env';
import { EntranceEnv } from './entrance-tobin/env';
import { parseList } from './market-maker/config';
import { MarketMakerEnv } from './market-maker/env';
import { THETA_DIM } from './tax-economy/config';
import { TaxEconomyEnv } from './tax-economy/env';

export type PpoScenario = EntranceScenario | CobwebScenario | CournotScenario | TaxEconomyScenario | MarketMakerScenario;

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
  /**
   * Where the leader samples theta from a finite set (robust learning): the set, and the
   * user's weights over it (null: none given).
   */
  thetaSet?: { values: number[]; prior: number[] | null };
}

/** The fixed leader's theta, from the scenario's fields (its sliders). */
export function fixedThetaOf(s: PpoScenario): Float32Array {
  switch (s.env) {
    case 'entrance-tobin':
      return Float32Array.of(s.tau);
    case 'cobweb':
    case 'cournot':
      return s.calibrate === 'distribution' ? Float32Array.of(s.mu, s.sigma) : new Float32Array(s.n).fill(s.mu);
    case 'tax-economy':
      return Float32Array.of(s.tauI, s.xiI, s.tauA, s.xiA);
    case 'market-maker':
      return Float32Array.of(s.omega);
  }
}

export function buildPpoEnv(s: PpoScenario): BuiltPpoEnv {
  const fixedTheta = fixedThetaOf(s);
  switch (s.env) {
    case 'entrance-tobin':
      return { env: new EntranceEnv(s), thetaRange: { lo: [s.tauMin], hi: [s.tauMax] }, fixedTheta, objective: s.objective };
    case 'cobweb': {
      // theta: (mu, sigma) of the producers' lambda_i, or each lambda_i itself.
      const d = fixedTheta.length;
      return { env: new CobwebEnv(s), thetaRange: { lo: new Array(d).fill(0), hi: new Array(d).fill(LAMBDA_MAX) }, fixedTheta, objective: 'calibration' };
    }
    case 'cournot': {
      // theta: (mu, sigma) of the firms' lambda_i, or each lambda_i itself.
      const d = fixedTheta.length;
      return { env: new CournotEnv(s), thetaRange: { lo: new Array(d).fill(0), hi: new Array(d).fill(COURNOT_LAMBDA_MAX) }, fixedTheta, objective: 'calibration' };
    }
    case 'tax-economy':
      // theta = (tau_i, xi_i, tau_a, xi_a), each in [0, 1].
      return { env: new TaxEconomyEnv(s), thetaRange: { lo: new Array(THETA_DIM).fill(0), hi: new Array(THETA_DIM).fill(1) }, fixedTheta, objective: s.objective };
    case 'market-maker':
      // theta = omega in [0, 1]; the robust-learning leader's reward is its own entropy.
      return {
        env: new MarketMakerEnv(s),
        thetaRange: { lo: [0], hi: [1] },
        fixedTheta,
        objective: 'robustness',
        thetaSet: { values: parseList(s.omegas), prior: s.leader === 'prior' ? parseList(s.prior) : null },
      };
  }
}
