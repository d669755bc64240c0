/**
 * The calibrated series (each copy's aggregate: a price, an order) over the current episode and
 * over rolling windows of the last TARGET_WINDOW episodes, for the calibrator's copies, the
 * rational copy and the synthetic target's copies; and the target a calibration fits: the
 * target copies' window, or observed data. The markets continue from episode to episode, so a
 * window is recent enough to follow the agents' learning and long enough for quantiles.
 */
import { concat, quantileErrors } from '../../engine/metrics';
import type { CalibratedPopulation } from './population';
import { carried } from '../../engine/persist/carried';

/** Episodes pooled into the synthetic target and the Table 1 comparisons (a rolling window). */
export const TARGET_WINDOW = 10;

export class TargetWindows {
  /** This episode's series, time-major (t * copies + e). */
  readonly episode: Float64Array;
  /** Steps of the current episode recorded so far, and how many of them the windows hold already. */
  private t = 0;
  private committedTo = 0;
  /** Episodes begun since the reset. */
  private episodes = 0;
  private windows = { target: [] as Float64Array[], rational: [] as Float64Array[], calibrated: [] as Float64Array[] };
  private sortedTarget: Float64Array | null = null;
  /** Observed data, in its order and sorted. */
  private readonly dataSorted: Float64Array | null;

  constructor(
    private readonly population: CalibratedPopulation,
    horizon: number,
    /** Observed data (a data target), or null for a synthetic target. */
    readonly data: Float64Array | null,
  ) {
    carried(this, 't', 'committedTo', 'episodes');
    this.episode = new Float64Array(horizon * population.copies);
    this.dataSorted = data ? Float64Array.from(data).sort() : null;
  }

  /** Forgets every window (the environment's reset). */
  reset(): void {
    this.t = 0;
    this.committedTo = 0;
    this.episodes = 0;
    this.windows = { target: [], rational: [], calibrated: [] };
    this.sortedTarget = null;
  }

  /** Closes the episode played so far into the windows and starts a new one. */
  beginEpisode(): void {
    this.commit();
    this.t = 0;
    this.committedTo = 0;
  }

  /** The step about to be recorded (0 at an episode's start). */
  get step(): number {
    return this.t;
  }

  /** Records copy e's value at the current step. */
  record(e: number, value: number): void {
    this.episode[this.t * this.population.copies + e] = value;
  }

  /** Ends the current step; returns the step count of the episode so far. */
  endStep(): number {
    return ++this.t;
  }

  /** The values of copies [from, to) over this episode's steps [t0, t1), copy by copy. */
  private valuesOf(from: number, to: number, t0: number, t1: number): Float64Array {
    const copies = this.population.copies;
    const out = new Float64Array((to - from) * (t1 - t0));
    let j = 0;
    for (let e = from; e < to; e++) for (let t = t0; t < t1; t++) out[j++] = this.episode[t * copies + e];
    return out;
  }

  /** Adds the steps played since the last commit to the rolling windows. */
  commit(): void {
    const { t, committedTo: t0, population: p } = this;
    if (t <= t0) return;
    const push = (w: Float64Array[], x: Float64Array) => {
      w.push(x);
      if (w.length > TARGET_WINDOW) w.shift();
    };
    push(this.windows.calibrated, this.valuesOf(0, p.leaderCopies, t0, t));
    push(this.windows.rational, this.valuesOf(p.rationalCopy, p.rationalCopy + 1, t0, t));
    if (p.targetCopies > 0) push(this.windows.target, this.valuesOf(p.firstTargetCopy, p.firstTargetCopy + p.targetCopies, t0, t));
    this.committedTo = t;
    if (t0 === 0) this.episodes++;
    this.sortedTarget = null;
  }

  /** The target, sorted: the observed data, or the target copies' values over the window. */
  target(): Float64Array | null {
    this.commit();
    if (this.dataSorted) return this.dataSorted;
    if (!this.sortedTarget && this.windows.target.length) this.sortedTarget = pooledSorted(this.windows.target);
    return this.sortedTarget;
  }

  /**
   * Table 1's quantile errors (1% to 99%) against the target: of the rational copy and of the
   * calibrator's copies over the same window; NaN without a target or a window yet.
   */
  quantileErrors(): { rational: { mae: number; rmse: number }; calibrated: { mae: number; rmse: number } } {
    const target = this.target();
    const none = { mae: NaN, rmse: NaN };
    const errors = (w: Float64Array[]) => (target && w.length ? quantileErrors(pooledSorted(w), target) : none);
    return { rational: errors(this.windows.rational), calibrated: errors(this.windows.calibrated) };
  }

  /** T consecutive observed values, moving along the data (cyclically) one episode at a time. */
  dataStretch(T: number): Float32Array {
    const data = this.data as Float64Array;
    const start = (Math.max(0, this.episodes - 1) * T) % data.length;
    return Float32Array.from({ length: T }, (_, t) => data[(start + t) % data.length]);
  }
}

const pooledSorted = (parts: readonly Float64Array[]) => concat(parts).sort();
