import type { DeviceEnv } from './device/device-env';
import type { Rng } from './rng';

/**
 * The batched multi-agent environment interface. One environment object steps every follower
 * of every parallel copy at once over flat typed arrays (index = copy * agents + agent), so a
 * policy can act for all of them in one forward pass.
 */
export interface BatchedEnv {
  /** Parallel independent copies (markets). */
  readonly copies: number;
  /** Followers per copy. */
  readonly agents: number;
  /** Length of one follower observation vector. */
  readonly obsDim: number;
  /** Number of discrete follower actions; 0 where actions are continuous (actionDim). */
  readonly numActions: number;
  /**
   * Continuous actions: actionDim numbers in [0, 1] per follower (row-major), drawn from a
   * squashed Gaussian. Absent for discrete actions (an index per follower).
   */
  readonly actionDim?: number;
  /** The observation column that carries theta-hat (the followers condition on it). */
  readonly thetaColumn: number;
  /** Dimensions of theta: 1 for a tax rate, 2 for a distribution's (mu, sigma), ... */
  readonly thetaDim: number;
  /** theta of each copy, copy-major: copies * thetaDim values. */
  readonly theta: Float32Array;
  /**
   * The first leaderCopies copies take theta from the leader and are what its objective
   * judges; any others are the environment's own reference markets (e.g. the hidden target of
   * a calibration, or fully rational followers), which set their own theta.
   */
  readonly leaderCopies: number;
  /**
   * The observation column holding each follower's bounded-rationality weight lambda_i, if the
   * followers maximise reward - lambda_i KL(pi(.|o) || uniform); the PPO loss adds that term.
   */
  readonly klColumn?: number;
  /**
   * The followers' PPO entropy bonus, where it is not PPO's default (DEFAULT_PPO.entCoef). The
   * bonus entCoef H(pi) acts as an extra KL weight entCoef on every follower, so an environment
   * whose lambda matters on that scale sets it to 0: lambda_i = 0 is then a rational follower.
   */
  readonly entropyBonus?: number;
  /** The macro quantity per copy after the latest step that the leader watches (e.g. demand D). */
  readonly aggregate: Float64Array;
  /** A typical spread of the aggregate, so leader observations and rewards are O(1). */
  readonly aggregateScale: number;
  /** Multiplies follower rewards for learning, keeping value targets O(1). */
  readonly rewardScale: number;
  /**
   * The followers' discount factor (default GAMMA, 0.99). A repeated static game, whose payoff
   * each step depends only on that step's actions, sets 0: its followers are the theory's
   * one-shot players, and each action is judged by its own reward alone (with 0.99 the
   * advantage also sums the next steps' rewards, which the action does not change: noise).
   */
  readonly discount?: number;
  /**
   * The step in WGSL, for the device-resident path (engine/device): where given, a webgpu
   * backend plays, learns and keeps the trajectory on the GPU. Environments without it step
   * on the CPU on every backend.
   */
  readonly device?: DeviceEnv;
  /** Back to the initial state (theta is kept). */
  reset(): void;

  /** Before each episode, once theta is set: e.g. draw each follower's lambda_i from theta. */
  beginEpisode?(rng: Rng): void;

  /** Writes every follower's observation into out (length copies * agents * obsDim). */
  observe(out: Float32Array): void;
  /** Applies one action per follower, writes per-follower rewards, advances the state. */
  step(actions: Int32Array | Float32Array, rewardsOut: Float32Array): void;

  /**
   * The leader's observation per leader copy (leaderObsDim values each), where the environment
   * defines one; otherwise the leader sees its copy's last volatility and theta.
   */
  readonly leaderObsDim?: number;
  leaderObserve?(out: Float32Array): void;

  /**
   * The calibration target, sorted ascending, that the leader's copies should reproduce (the
   * data, or prices from hidden parameters); null where the environment has none.
   */
  target?(): Float64Array | null;

  /**
   * Each leader copy's welfare over the episode just played, O(1), where the environment measures
   * it beyond its followers' rewards (everyone's gains and losses, an externality's damage
   * included): the 'socialWelfare' objective's reward.
   */
  socialWelfare?(): Float64Array;

  /**
   * The environment's own figures and snapshots for the episode just played, given each copy's
   * aggregate path (aggregates[t * copies + e]); merged into the iteration's report.
   */
  report?(aggregates: Float64Array, steps: number): { metrics: Record<string, number>; snapshots: Record<string, Float32Array> };
}
