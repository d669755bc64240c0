/**
 * Rollout storage for one episode of an environment, time-major: row = t * batch + follower,
 * batch = copies x agents. The training keeps one for its environment; frozen play on a wider
 * environment (the fit landscape's grid of markets) gets one of its own.
 */
import type { BatchedEnv } from '../env';

export interface RolloutBuffers {
  /** Followers per step: copies x agents. */
  batch: number;
  obs: Float32Array;
  /** Discrete: the action index; continuous: u before squashing, actionDim per row. */
  act: Int32Array | Float32Array;
  /** What the environment is given for continuous actions: sigmoid(u), one step's worth. */
  squashed: Float32Array;
  logp: Float32Array;
  /** The critic's values. */
  val: Float32Array;
  /** Rewards as the update sees them (scaled by the environment's rewardScale). */
  rew: Float32Array;
  /** One step's rewards as the environment pays them. */
  raw: Float32Array;
  /** The environment's aggregate per step and copy: t * copies + e. */
  aggregates: Float64Array;
}

/** Storage for `horizon` steps of `env` (actionDim 0: discrete actions). */
export function rolloutBuffers(horizon: number, env: BatchedEnv, actionDim: number): RolloutBuffers {
  const batch = env.copies * env.agents;
  const rows = horizon * batch;
  return {
    batch,
    obs: new Float32Array(rows * env.obsDim),
    act: actionDim ? new Float32Array(rows * actionDim) : new Int32Array(rows),
    squashed: new Float32Array(batch * actionDim),
    logp: new Float32Array(rows),
    val: new Float32Array(rows),
    rew: new Float32Array(rows),
    raw: new Float32Array(batch),
    aggregates: new Float64Array(horizon * env.copies),
  };
}
