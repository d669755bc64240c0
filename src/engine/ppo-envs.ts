/**
 * What the PPO trainer (StackelbergTrainer) is handed: a built environment with theta's box and
 * the leader's objective, and the run's settings. Environments build it (src/envs/<id>/module.ts);
 * the engine imports none of them.
 */
import type { BatchedEnv } from './env';
import type { ObjectiveId } from './leaders/objectives';

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

/** A PPO run's settings, as every PPO environment's scenario carries them (scenario/shapes.ts). */
export interface PpoRunSettings {
  seed: number;
  horizon: number;
  hidden: number;
  followerLr: number;
  /** The followers' PPO epochs per iteration. */
  epochs: number;
  /** Who sets theta: 'ppo', 'bayesopt', 'fixed', 'none', or the robust-learning 'maxent' / 'prior'. */
  leader: string;
  leaderLr: number;
  leaderEvery: number;
  leaderWarmup: number;
  /** Copies that play each of the Bayesian leader's candidates together (calibrations); 1 where absent. */
  replicates?: number;
}

/**
 * The PPO leader's observation per copy where the environment states none (BatchedEnv's
 * leaderObsDim): last episode's volatility, then theta scaled to [0, 1].
 */
export const defaultLeaderObsDim = (thetaDim: number) => 1 + thetaDim;
