/**
 * The outer layer. Once per episode a leader sets theta for every parallel copy from its
 * observation of that copy; after the episode it is told its reward per copy. Learning leaders
 * update on their own, slower, schedule.
 */
export interface LeaderStats {
  policyLoss: number;
  entropy: number;
}

export interface Leader {
  /**
   * theta per copy for the coming episode, from one observation row per copy. With explore
   * false a learning leader plays its policy's mean and records nothing to learn from.
   */
  act(obs: Float32Array, copies: number, explore: boolean): Promise<Float32Array>;
  /** The leader's reward per copy for the episode just played; returns stats when it updated. */
  feedback(rewards: Float32Array): Promise<LeaderStats | null>;
  dispose(): void;
}

/** A fixed theta (the slider), or the paper's no-tax baseline with theta = 0. */
export class FixedLeader implements Leader {
  constructor(public theta: number) {}
  async act(_obs: Float32Array, copies: number) {
    return new Float32Array(copies).fill(this.theta);
  }
  async feedback() {
    return null;
  }
  dispose() {}
}
