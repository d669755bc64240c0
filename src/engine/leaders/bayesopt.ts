/**
 * A Bayesian-optimisation leader (ADAGE, arXiv 2501.09429): a Gaussian process over theta with
 * expected improvement, on the same simulation budget as the PPO leader. theta is handled in
 * [0, 1]^d (u = (theta - lo) / (hi - lo)) and the GP is fitted on a window of the most recent
 * (u, reward) pairs, because the followers keep learning and older rewards go stale.
 *
 * Schedule: a Latin-hypercube design during warmup; then every `every` episodes a new batch of
 * candidates (expected improvement, then the kriging believer for the rest, see Posterior in
 * gp.ts), which is replayed in between so each point gets several samples.
 *
 * Each candidate is played by `replicates` copies in a row and observed once per episode, with
 * the mean of their rewards (a calibration's reward is then the distance of their pooled series,
 * stackelberg.ts): a distance from a distribution measured on one copy's short episode is
 * dominated by its sampling error, which hides differences pooling shows (cobweb README).
 */
import { mean } from '../metrics';
import { encodeArray } from '../persist/arrays';
import type { StateReader, StateTree } from '../persist/state';
import type { Rng } from '../rng';
import { expectedImprovement, fitGp, type GaussianProcess } from './gp';
import type { Leader, LeaderStats, LeaderTuning } from './leader';

export interface BayesOptLeaderConfig {
  /** theta's bounds per dimension. */
  lo: readonly number[];
  hi: readonly number[];
  /** Episodes each batch of candidates is played before the next is chosen. */
  every: number;
  /** Episodes of space-filling design before the GP picks points. */
  warmup: number;
  /** Copies that play each candidate together (the last candidate of a batch may have fewer); 1 if absent. */
  replicates?: number;
}

/** Observations the GP sees: the most recent (theta, reward) pairs. */
export const WINDOW = 128;
/** Exploration margin of expected improvement, in standardised reward units. */
export const XI = 0.01;
/**
 * Uniform candidates for the acquisition, plus local ones around the best observed points. The
 * posterior over m candidates costs O(m n^2) with n = WINDOW, the bulk of a new batch's time
 * (about 0.1 s with the grid fit on this project's 2-core machine), so m is kept near a thousand.
 */
const RANDOM_CANDIDATES = 1024;
const LOCAL_CENTRES = 8;
const LOCAL_PER_CENTRE = 32;
/** Local candidates are N(centre, (LOCAL_SCALE l)^2): a step on the scale the GP resolves. */
const LOCAL_SCALE = 0.25;

export class BayesOptLeader implements Leader {
  private readonly d: number;
  private readonly xs: Float64Array[] = [];
  private readonly ys: number[] = [];
  /** The candidates being played, in [0, 1]^d. */
  private batch: Float64Array[] = [];
  /** Exploring episodes left before the next batch is chosen. */
  private replaysLeft = 0;
  /** The batch of the last exploring act, until its rewards arrive. */
  private played: Float64Array[] | null = null;
  /** Unused rows of the current Latin-hypercube design. */
  private design: Float64Array[] = [];
  /** Exploring episodes played. */
  private episodes = 0;
  /** The GP on the current window (refitted after new rewards arrive). */
  private fitted: GaussianProcess | null = null;

  /** Copies in a row that play one candidate (Leader.replicates). */
  readonly replicates: number;

  /** Its settings; bounds and schedule change with retune. */
  private config: BayesOptLeaderConfig;

  constructor(config: BayesOptLeaderConfig, private readonly rng: Rng) {
    this.config = { ...config };
    this.d = config.lo.length;
    this.replicates = config.replicates ?? 1;
  }

  /**
   * The observations keep their theta: their points are moved into the new box's coordinates
   * (those now outside it stay as data for the GP), and a batch chosen in the old box is
   * dropped, so the next exploring episode chooses one within the new bounds. A new `every`
   * moves the next choice to the next episode at which (episodes - warmup) is a multiple of it,
   * as the schedule's countdown says. alpha_L: a Bayesian leader has no step size.
   */
  retune({ lo, hi, every }: LeaderTuning): void {
    const old = this.config;
    const boundsMoved = lo.some((v, k) => v !== old.lo[k]) || hi.some((v, k) => v !== old.hi[k]);
    if (boundsMoved) {
      // One moved array per distinct point: a replayed point stays one array (see localPoints).
      const moved = new Map<Float64Array, Float64Array>();
      const move = (u: Float64Array) => u.map((v, k) => (hi[k] > lo[k] ? (old.lo[k] + (old.hi[k] - old.lo[k]) * v - lo[k]) / (hi[k] - lo[k]) : 0.5));
      this.xs.splice(0, this.xs.length, ...this.xs.map((u) => moved.get(u) ?? moved.set(u, move(u)).get(u)!));
      this.fitted = null;
      this.replaysLeft = 0;
    } else if (every !== old.every && this.episodes >= old.warmup) {
      this.replaysLeft = (every - ((this.episodes - old.warmup) % every)) % every;
    }
    this.config = { ...old, lo, hi, every };
  }

  /** obs is ignored: a BO leader is not contextual. */
  async act(_obs: Float32Array, copies: number, explore: boolean): Promise<Float32Array> {
    if (!explore) return this.toTheta(Array.from({ length: copies }, () => this.believedBest()));
    const candidates = Math.ceil(copies / this.replicates);
    if (this.episodes < this.config.warmup || this.ys.length === 0) {
      this.batch = this.designPoints(candidates);
      this.replaysLeft = 0;
    } else {
      if (this.replaysLeft === 0 || this.batch.length !== candidates) {
        this.batch = this.chooseBatch(candidates);
        this.replaysLeft = this.config.every;
      }
      this.replaysLeft--;
    }
    this.episodes++;
    this.played = this.batch;
    return this.toTheta(this.perCopy(this.batch, copies));
  }

  /**
   * Stores one observation per candidate of the last exploring act: the mean of its copies'
   * finite rewards (none finite: dropped).
   */
  async feedback(rewards: Float32Array): Promise<LeaderStats | null> {
    if (this.played === null) return null;
    this.played.forEach((u, c) => {
      const own = Array.from(rewards.subarray(c * this.replicates, (c + 1) * this.replicates)).filter(Number.isFinite);
      if (own.length === 0) return;
      this.xs.push(u);
      this.ys.push(mean(own));
    });
    const excess = this.xs.length - WINDOW;
    if (excess > 0) {
      this.xs.splice(0, excess);
      this.ys.splice(0, excess);
    }
    this.played = null;
    this.fitted = null;
    return null;
  }

  /**
   * Its observations, the batch and design in play, its schedule and its random stream. A point
   * replayed is one array in several places (localPoints counts each once), so the points are
   * saved once each and every list refers to them by index.
   */
  async saveState(): Promise<StateTree> {
    const pool: Float64Array[] = [];
    const index = new Map<Float64Array, number>();
    const refs = (points: readonly Float64Array[]) =>
      points.map((p) => {
        if (!index.has(p)) index.set(p, pool.push(p) - 1);
        return index.get(p)!;
      });
    const lists = { xs: refs(this.xs), batch: refs(this.batch), design: refs(this.design), played: this.played && refs(this.played) };
    const flat = new Float64Array(pool.length * this.d);
    pool.forEach((p, i) => flat.set(p, i * this.d));
    return {
      points: encodeArray(flat, [pool.length, this.d]),
      ...lists,
      ys: encodeArray(Float64Array.from(this.ys)),
      replaysLeft: this.replaysLeft,
      episodes: this.episodes,
      rng: this.rng.state(),
    };
  }

  loadState(saved: StateReader): void {
    const points = saved.get('points');
    const flat = points.array('float64');
    if (flat.length % this.d) points.fail(`${flat.length} values are not points of ${this.d} dimensions (theta's in this scenario)`);
    const count = flat.length / this.d;
    const pool = Array.from({ length: count }, (_, i) => flat.subarray(i * this.d, (i + 1) * this.d));
    const deref = (r: StateReader) =>
      r.items().map((item) => {
        const i = item.count();
        if (i >= count) item.fail(`point ${i} of ${count}`);
        return pool[i];
      });
    const xs = deref(saved.get('xs'));
    const ys = Array.from(saved.get('ys').array('float64', [xs.length]));
    this.xs.splice(0, this.xs.length, ...xs);
    this.ys.splice(0, this.ys.length, ...ys);
    this.batch = deref(saved.get('batch'));
    this.design = deref(saved.get('design'));
    const played = saved.get('played');
    this.played = played.value === null ? null : deref(played);
    this.replaysLeft = saved.get('replaysLeft').count();
    this.episodes = saved.get('episodes').count();
    this.rng.restore(saved.get('rng').rngState());
    this.fitted = null;
  }

  dispose(): void {}

  private gp(): GaussianProcess {
    this.fitted ??= fitGp(this.xs, this.ys);
    return this.fitted;
  }

  /** The observed point with the highest posterior mean; the centre of the box before any. */
  /** The observed point of highest posterior mean, within the box (bounds narrowed mid-run can leave it outside). */
  private believedBest(): Float64Array {
    if (this.xs.length === 0) return new Float64Array(this.d).fill(0.5);
    return this.xs[argmax(this.gp().trainingMean())].map((v) => Math.min(Math.max(v, 0), 1));
  }

  /**
   * `count` candidates: the first maximises expected improvement; each next one maximises
   * it after the previous picks are added with their posterior mean as believed observations
   * (kriging believer), which lowers the variance around them so the batch spreads out.
   */
  private chooseBatch(count: number): Float64Array[] {
    const gp = this.gp();
    const candidates = [...this.uniformPoints(RANDOM_CANDIDATES), ...this.localPoints(gp)];
    const posterior = gp.posterior(candidates);
    let best = Math.max(...gp.trainingMean());
    const picks: Float64Array[] = [];
    for (let c = 0; c < count; c++) {
      const ei = posterior.mean.map((mu, i) => expectedImprovement(mu, Math.sqrt(posterior.variance[i]), best, XI));
      const j = argmax(ei);
      picks.push(candidates[j]);
      best = Math.max(best, posterior.mean[j]);
      posterior.condition(j);
    }
    return picks;
  }

  /**
   * Gaussian steps from the distinct observed points with the highest posterior mean, kept in
   * the box (a replayed point is the same array in the window, so the Set drops its repeats).
   */
  private localPoints(gp: GaussianProcess): Float64Array[] {
    const mean = gp.trainingMean();
    const order = Array.from(mean.keys()).sort((a, b) => mean[b] - mean[a]);
    const centres = [...new Set(order.map((i) => this.xs[i]))].slice(0, LOCAL_CENTRES);
    const step = LOCAL_SCALE * gp.hyper.lengthScale;
    return centres.flatMap((centre) =>
      Array.from({ length: LOCAL_PER_CENTRE }, () => centre.map((v) => Math.min(Math.max(v + step * this.rng.normal(), 0), 1))),
    );
  }

  private uniformPoints(count: number): Float64Array[] {
    return Array.from({ length: count }, () => Float64Array.from({ length: this.d }, () => this.rng.uniform()));
  }

  /**
   * The next rows of a Latin-hypercube design over the whole warmup (every dimension cut into
   * warmup x count strata, one point per stratum), so the warmup covers the box evenly.
   */
  private designPoints(count: number): Float64Array[] {
    if (this.design.length < count) this.design = latinHypercube(Math.max(this.config.warmup, 1) * count, this.d, this.rng);
    return this.design.splice(0, count);
  }

  /** Candidate c for copies c x replicates ... (c + 1) x replicates - 1. */
  private perCopy(candidates: readonly Float64Array[], copies: number): Float64Array[] {
    return Array.from({ length: copies }, (_, e) => candidates[Math.floor(e / this.replicates)]);
  }

  private toTheta(points: readonly Float64Array[]): Float32Array {
    const { lo, hi } = this.config;
    const theta = new Float32Array(points.length * this.d);
    points.forEach((u, e) => u.forEach((v, k) => (theta[e * this.d + k] = lo[k] + (hi[k] - lo[k]) * v)));
    return theta;
  }
}

function latinHypercube(n: number, d: number, rng: Rng): Float64Array[] {
  const points = Array.from({ length: n }, () => new Float64Array(d));
  for (let k = 0; k < d; k++) {
    const strata = rng.permutation(n);
    points.forEach((p, i) => (p[k] = (strata[i] + rng.uniform()) / n));
  }
  return points;
}

/** Index of the largest value (the first on ties). */
function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
