/**
 * What the followers did in an episode, summarised for the probe: discrete actions as the mean
 * probability of each action (the policy's, not the sampled counts, so equal states give equal
 * figures), continuous ones as the mean action per dimension (in [0, 1]).
 */

export interface ActionSummary {
  kind: 'probabilities' | 'means';
  /** One value per action (discrete) or per action dimension (continuous). */
  values: number[];
}

export class ActionTally {
  private readonly sums: Float64Array;
  private count = 0;

  /** `width`: actions (discrete) or action dimensions (continuous); `rows`: the followers counted, the first rows of each step. */
  constructor(
    private readonly kind: ActionSummary['kind'],
    private readonly width: number,
    private readonly rows: number,
  ) {
    this.sums = new Float64Array(width);
  }

  /** One step: `values` holds `width` numbers per follower row (probabilities or actions). */
  add(values: ArrayLike<number>): void {
    const { width, rows } = this;
    for (let i = 0; i < rows; i++) for (let k = 0; k < width; k++) this.sums[k] += values[i * width + k];
    this.count += rows;
  }

  summary(): ActionSummary {
    return { kind: this.kind, values: Array.from(this.sums, (s) => (this.count ? s / this.count : NaN)) };
  }
}
