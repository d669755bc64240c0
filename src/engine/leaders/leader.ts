import { encodeArray } from '../persist/arrays';
import type { StateReader, StateTree } from '../persist/state';

/**
 * The outer layer. Once per episode a leader sets theta for every parallel copy from its
 * observation of that copy; after the episode it is told its reward per copy. Learning leaders
 * update on their own, slower, schedule.
 */
export interface LeaderStats {
  policyLoss: number;
  entropy: number;
}

/** A learning leader's settings that a user may change mid-run (the form's live fields). */
export interface LeaderTuning {
  /** theta's bounds per dimension. */
  lo: readonly number[];
  hi: readonly number[];
  /** alpha_L (a gradient-free leader has none and ignores it). */
  lr: number;
  /** Episodes between updates. */
  every: number;
}

export interface Leader {
  /**
   * theta for each copy for the coming episode, copy-major (copies x theta's dimensions), from
   * one observation row per copy. With explore false a learning leader plays what it has
   * learned (its policy's mean, its best point) and records nothing to learn from.
   */
  act(obs: Float32Array, copies: number, explore: boolean): Promise<Float32Array>;
  /** The leader's reward per copy for the episode just played; returns stats when it updated. */
  feedback(rewards: Float32Array): Promise<LeaderStats | null>;
  /**
   * Copies in a row that play one theta together, as one experiment (the Bayesian leader's
   * candidates): a calibration's reward is then over their pooled series. 1 where absent.
   */
  readonly replicates?: number;
  /** The entropy of the leader's own distribution over theta, where that is its reward (robust learning). */
  readonly entropy?: number;
  /**
   * Takes new bounds, step and schedule from a live change, keeping what it has learned: theta
   * stays within the new bounds from the next episode on. Absent for leaders with none of them.
   */
  retune?(tuning: LeaderTuning): void;
  /** A learning leader's parameter sums after its last update, named for the divergence check. */
  parameterCheck?(): Record<string, number>;
  /** What it has learned and where it is in its schedule, so a loaded run goes on as this one would. */
  saveState(): Promise<StateTree>;
  /** Restores a saveState of a leader built from the same scenario; throws a StateError naming what does not fit. */
  loadState(saved: StateReader): void;
  dispose(): void;
}

/** A fixed theta (the slider), or the paper's no-tax baseline with theta = 0. */
export class FixedLeader implements Leader {
  /** A single theta: its distribution is a point mass, of entropy 0. */
  readonly entropy = 0;
  constructor(readonly theta: Float32Array) {}
  async act(_obs: Float32Array, copies: number) {
    const out = new Float32Array(copies * this.theta.length);
    for (let e = 0; e < copies; e++) out.set(this.theta, e * this.theta.length);
    return out;
  }
  async feedback() {
    return null;
  }
  /** theta as the slider last left it (a live change is part of the run). */
  async saveState(): Promise<StateTree> {
    return { theta: encodeArray(this.theta) };
  }
  loadState(saved: StateReader) {
    this.theta.set(saved.get('theta').array('float32', [this.theta.length]));
  }
  dispose() {}
}
