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
  /** Number of discrete follower actions. */
  readonly numActions: number;
  /** The observation column that carries theta-hat (the followers condition on it). */
  readonly thetaColumn: number;
  /** theta: the leader-set characteristic of each copy (length = copies). */
  readonly theta: Float32Array;
  /** The macro quantity per copy after the latest step that the leader watches (e.g. demand D). */
  readonly aggregate: Float64Array;
  /** A typical spread of the aggregate, so leader observations and rewards are O(1). */
  readonly aggregateScale: number;
  /** Multiplies follower rewards for learning, keeping value targets O(1). */
  readonly rewardScale: number;
  /** Back to the initial state (theta is kept). */
  reset(): void;

  /** Writes every follower's observation into out (length copies * agents * obsDim). */
  observe(out: Float32Array): void;
  /** Applies one action per follower, writes per-follower rewards, advances the state. */
  step(actions: Int32Array, rewardsOut: Float32Array): void;
}
