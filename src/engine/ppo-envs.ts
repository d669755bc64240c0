/**
 * The environments whose followers learn with PPO (StackelbergTrainer): each scenario's
 * batched environment, theta's box and the fixed leader's theta.
 */
import type { CobwebScenario, CournotScenario, EntranceScenario, MarketMakerScenario, SupplyChainScenario, TaxEconomyScenario } from '../scenario/schema';
import type { BatchedEnv } from './env';
import type { ObjectiveId } from './leaders/objectives';
import { LAMBDA_MAX } from '../envs/cobweb/config';
import { CobwebEnv } from '../envs/cobweb/env';
import { LAMBDA_MAX as COURNOT_LAMBDA_MAX } from '../envs/cournot/config';
import { CournotEnv } from '../envs/cournot/env';
import { EntranceEnv } from '../envs/entrance-tobin/env';
import { LAMBDA_MAX as SUPPLY_CHAIN_LAMBDA_MAX } from '../envs/supply-chain/config';
import { SupplyChainEnv } from '../envs/supply-chain/env';
import { STAGES } from '../envs/supply-chain/model';
import { parseList } from '../envs/market-maker/config';
import { MarketMakerEnv } from '../envs/market-maker/env';
import { THETA_DIM } from '../envs/tax-economy/config';
import { TaxEconomyEnv } from '../envs/tax-economy/env';

export type PpoScenario = EntranceScenario | CobwebScenario | CournotScenario | SupplyChainScenario | TaxEconomyScenario | MarketMakerScenario;

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
      return calibrationTheta(s, s.n);
    case 'supply-chain':
      return calibrationTheta(s, STAGES);
    case 'tax-economy':
      return Float32Array.of(s.tauI, s.xiI, s.tauA, s.xiA);
    case 'market-maker':
      return Float32Array.of(s.omega);
  }
}

/** A calibration's fixed theta: (mu, sigma) of lambda_i, or mu for each of the n agents' lambda_i. */
const calibrationTheta = (s: { calibrate: string; mu: number; sigma: number }, n: number) =>
  s.calibrate === 'distribution' ? Float32Array.of(s.mu, s.sigma) : new Float32Array(n).fill(s.mu);

/** A calibration: theta (mu and sigma, or each lambda_i) in [0, lambdaMax] per dimension; the leader's reward is the fit. */
const calibration = (env: BatchedEnv, fixedTheta: Float32Array, lambdaMax: number): BuiltPpoEnv => ({
  env,
  thetaRange: { lo: new Array(fixedTheta.length).fill(0), hi: new Array(fixedTheta.length).fill(lambdaMax) },
  fixedTheta,
  objective: 'calibration',
});

export function buildPpoEnv(s: PpoScenario): BuiltPpoEnv {
  const fixedTheta = fixedThetaOf(s);
  switch (s.env) {
    case 'entrance-tobin':
      return { env: new EntranceEnv(s), thetaRange: { lo: [s.tauMin], hi: [s.tauMax] }, fixedTheta, objective: s.objective };
    case 'cobweb':
      return calibration(new CobwebEnv(s), fixedTheta, LAMBDA_MAX);
    case 'cournot':
      return calibration(new CournotEnv(s), fixedTheta, COURNOT_LAMBDA_MAX);
    case 'supply-chain':
      return calibration(new SupplyChainEnv(s), fixedTheta, SUPPLY_CHAIN_LAMBDA_MAX);
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
