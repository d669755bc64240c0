/**
 * Cobweb market with heterogeneous bounded-rational producers (ADAGE section 4.2, appendix
 * B.2; Evans and Ganesh, arXiv 2402.00787), batched over parallel markets.
 *
 * Each step, each producer i predicts the price, p-hat_i,t (one of LEVELS values in [0, 10]),
 * supplies S(p-hat_i,t), and the market clears at p_t = (a - sum_j S(p-hat_j,t)) / b + eps_t.
 * The payoff rewards accurate prediction; producer i also pays lambda_i KL(pi || uniform) for
 * the information its policy uses (added by the PPO loss from the klColumn). The calibrator
 * (leader) sets how lambda_i is drawn in its own markets so that their prices match a target.
 *
 * Copies: [0, markets) the calibrator's; `markets` the rational reference (every lambda_i = 0);
 * then, for a synthetic target, targetMarkets markets with the hidden (mu*, sigma*).
 */
import type { BatchedEnv } from '../../env';
import { mean, quantileErrors, sampleStd, wasserstein1 } from '../../metrics';
import { Rng } from '../../rng';
import { LAMBDA_MAX, type CobwebParams } from './config';
import { decodePrices } from './data';
import { A, B, LEVELS, P_HAT_MAX, predictionLevel, producerReward, rationalPrice, REWARD_MAX, supply } from './model';
import { acf1, moments, priceHistogram, reQuantileErrors } from './report';

/** Observation: p_(t-1) / 10, EMA of p / 10, own EMA of p-hat / 10, lambda_i. */
export const OBS_DIM = 4;
/**
 * Weight of the newest value in the exponential averages of the price and of each producer's
 * prediction (time constant about 10 steps). The markets continue across episodes, so an
 * average over all past steps would freeze; this one forgets a previous episode's lambdas soon.
 */
export const EMA_WEIGHT = 0.1;
/** Episodes pooled into the synthetic target and the Table 1 comparisons (a rolling window). */
export const TARGET_WINDOW = 10;

/** A draw of N(mu, sigma) truncated at 0 (by rejection; mu >= 0 accepts at least half) and capped at LAMBDA_MAX. */
export function drawLambda(mu: number, sigma: number, rng: Rng): number {
  let x = mu;
  if (sigma > 0) {
    for (let tries = 0; tries < 64; tries++) {
      x = mu + sigma * rng.normal();
      if (x >= 0) break;
    }
  }
  return Math.min(LAMBDA_MAX, Math.max(0, x));
}

type Scenario = CobwebParams & { seed: number };

export class CobwebEnv implements BatchedEnv {
  readonly copies: number;
  readonly agents: number;
  readonly obsDim = OBS_DIM;
  readonly numActions = LEVELS;
  /** The shared policy is conditioned on lambda_i by FiLM (a supertype), and pays lambda_i KL. */
  readonly thetaColumn = 3;
  readonly klColumn = 3;
  readonly thetaDim: number;
  readonly theta: Float32Array;
  readonly leaderCopies: number;
  /** Index of the reference market whose producers all have lambda_i = 0. */
  readonly rationalCopy: number;
  /** The synthetic target's markets: [firstTargetCopy, firstTargetCopy + targetCopies). */
  readonly firstTargetCopy: number;
  readonly targetCopies: number;
  /** p_t per copy after the latest step (p_(t-1) in the next observation). */
  readonly aggregate: Float64Array;
  /** Price stds run from about 0.5 (noise alone) to 2: 1 keeps the leader's observation O(1). */
  readonly aggregateScale = 1;
  /** Learning sees payoffs in [0, 1]; lambda_i is in these units. */
  readonly rewardScale = 1 / REWARD_MAX;
  /** The rational-expectations price p* for n producers. */
  readonly pStar: number;
  /** lambda_i of every producer of every copy this episode. */
  readonly lambda: Float32Array;
  /** Exponential averages: of p_t per copy, and of p-hat_i,t per producer. */
  readonly emaPrice: Float64Array;
  readonly emaPrediction: Float64Array;

  private readonly n: number;
  private readonly horizon: number;
  private readonly noiseStd: number;
  private rng: Rng;
  /** Steps of the current episode so far, and how many of them the windows hold already. */
  private t = 0;
  private committedTo = 0;
  private episodes = 0;
  /** This episode's p_t, time-major (t * copies + e), and copy 0's mean p-hat at each step. */
  private readonly episodePrices: Float64Array;
  private readonly episodePredictions: Float64Array;
  private absErrorSum = 0;
  /** Rolling windows (last TARGET_WINDOW episodes) of prices: target markets, rational market, calibrator's markets. */
  private readonly windows = { target: [] as Float64Array[], rational: [] as Float64Array[], calibrated: [] as Float64Array[] };
  private sortedTarget: Float64Array | null = null;
  /** Observed prices (target = 'data'), in their order and sorted. */
  private readonly data: Float64Array | null;
  private readonly dataSorted: Float64Array | null;
  /** S(p-hat) of each level, looked up per action. */
  private readonly supplyOfLevel: Float64Array;

  constructor(private readonly params: Scenario) {
    const { n, markets, horizon } = params;
    this.n = n;
    this.horizon = horizon;
    this.noiseStd = params.noiseStd;
    this.agents = n;
    this.leaderCopies = markets;
    this.rationalCopy = markets;
    this.firstTargetCopy = markets + 1;
    this.targetCopies = params.target === 'synthetic' ? params.targetMarkets : 0;
    this.copies = markets + 1 + this.targetCopies;
    this.thetaDim = params.calibrate === 'distribution' ? 2 : n;
    this.theta = new Float32Array(this.copies * this.thetaDim);
    for (let e = 0; e < markets; e++) {
      if (params.calibrate === 'distribution') this.theta.set([params.mu, params.sigma], e * 2);
      else this.theta.fill(params.mu, e * n, (e + 1) * n);
    }
    this.pStar = rationalPrice(n);
    this.aggregate = new Float64Array(this.copies);
    this.lambda = new Float32Array(this.copies * n);
    this.emaPrice = new Float64Array(this.copies);
    this.emaPrediction = new Float64Array(this.copies * n);
    this.episodePrices = new Float64Array(horizon * this.copies);
    this.episodePredictions = new Float64Array(horizon);
    this.supplyOfLevel = Float64Array.from({ length: LEVELS }, (_, k) => supply(predictionLevel(k)));
    if (params.target === 'data') {
      this.data = Float64Array.from(decodePrices(params.targetData));
      this.dataSorted = Float64Array.from(this.data).sort();
    } else {
      this.data = null;
      this.dataSorted = null;
    }
    // Until the trainer hands one to beginEpisode: a stream of this scenario's own (the
    // trainer's streams come from Rng.fromSeed(seed), so a different seed keeps them apart).
    this.rng = Rng.fromSeed((params.seed ^ 0x2c0b3eb) >>> 1);
    this.drawLambdas();
    this.reset();
  }

  /** Every market as if it had been at rest at p*, every producer having predicted p*. */
  reset(): void {
    this.aggregate.fill(this.pStar);
    this.emaPrice.fill(this.pStar);
    this.emaPrediction.fill(this.pStar);
    this.t = 0;
    this.committedTo = 0;
    this.episodes = 0;
    this.absErrorSum = 0;
    this.windows.target = [];
    this.windows.rational = [];
    this.windows.calibrated = [];
    this.sortedTarget = null;
  }

  /**
   * Draws each copy's lambda_i for the episode: the calibrator's from its theta, 0 in the
   * rational market, the hidden (mu*, sigma*) in the target markets. The same rng then drives
   * the price noise eps_t, so a seed fixes the run.
   */
  beginEpisode(rng: Rng): void {
    this.commit();
    this.rng = rng;
    this.drawLambdas();
    this.t = 0;
    this.committedTo = 0;
    this.absErrorSum = 0;
  }

  private drawLambdas(): void {
    const { n, thetaDim: d, theta, lambda, rng, params } = this;
    const distribution = params.calibrate === 'distribution';
    for (let e = 0; e < this.copies; e++) {
      const row = lambda.subarray(e * n, (e + 1) * n);
      if (e < this.leaderCopies) {
        for (let i = 0; i < n; i++) row[i] = distribution ? drawLambda(theta[e * d], theta[e * d + 1], rng) : Math.min(LAMBDA_MAX, Math.max(0, theta[e * d + i]));
      } else if (e === this.rationalCopy) {
        row.fill(0);
        theta.fill(0, e * d, (e + 1) * d);
      } else {
        for (let i = 0; i < n; i++) row[i] = drawLambda(params.targetMu, params.targetSigma, rng);
        if (distribution) theta.set([params.targetMu, params.targetSigma], e * d);
        else theta.set(row, e * d);
      }
    }
  }

  observe(out: Float32Array): void {
    const { n, copies } = this;
    for (let e = 0; e < copies; e++) {
      const last = this.aggregate[e] / P_HAT_MAX;
      const avg = this.emaPrice[e] / P_HAT_MAX;
      for (let k = 0; k < n; k++) {
        const i = e * n + k;
        const o = i * OBS_DIM;
        out[o] = last;
        out[o + 1] = avg;
        out[o + 2] = this.emaPrediction[i] / P_HAT_MAX;
        out[o + 3] = this.lambda[i];
      }
    }
  }

  step(actions: Int32Array, rewardsOut: Float32Array): void {
    const { n, copies } = this;
    // A run longer than the horizon without beginEpisode continues as a new episode with the same lambdas.
    if (this.t === this.horizon) {
      this.commit();
      this.t = 0;
      this.committedTo = 0;
      this.absErrorSum = 0;
    }
    const t = this.t;
    for (let e = 0; e < copies; e++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += this.supplyOfLevel[actions[e * n + k]];
      const p = (A - s) / B + this.noiseStd * this.rng.normal();
      let predictionSum = 0;
      for (let k = 0; k < n; k++) {
        const i = e * n + k;
        const pHat = predictionLevel(actions[i]);
        rewardsOut[i] = producerReward(p, pHat);
        this.emaPrediction[i] += EMA_WEIGHT * (pHat - this.emaPrediction[i]);
        predictionSum += pHat;
        if (e < this.leaderCopies) this.absErrorSum += Math.abs(pHat - p);
      }
      if (e === 0) this.episodePredictions[t] = predictionSum / n;
      this.aggregate[e] = p;
      this.emaPrice[e] += EMA_WEIGHT * (p - this.emaPrice[e]);
      this.episodePrices[t * copies + e] = p;
    }
    this.t++;
  }

  /** The prices of copies [from, to) over this episode's uncommitted steps. */
  private pricesOf(from: number, to: number, t0: number, t1: number): Float64Array {
    const out = new Float64Array((to - from) * (t1 - t0));
    let j = 0;
    for (let e = from; e < to; e++) for (let t = t0; t < t1; t++) out[j++] = this.episodePrices[t * this.copies + e];
    return out;
  }

  /** Adds the steps played since the last commit to the rolling windows. */
  private commit(): void {
    const { t, committedTo: t0 } = this;
    if (t <= t0) return;
    const push = (w: Float64Array[], x: Float64Array) => {
      w.push(x);
      if (w.length > TARGET_WINDOW) w.shift();
    };
    push(this.windows.calibrated, this.pricesOf(0, this.leaderCopies, t0, t));
    push(this.windows.rational, this.pricesOf(this.rationalCopy, this.rationalCopy + 1, t0, t));
    if (this.targetCopies > 0) push(this.windows.target, this.pricesOf(this.firstTargetCopy, this.firstTargetCopy + this.targetCopies, t0, t));
    this.committedTo = t;
    if (t0 === 0) this.episodes++;
    this.sortedTarget = null;
  }

  /** The target, sorted: the observed prices, or the target markets' prices over the window. */
  target(): Float64Array | null {
    this.commit();
    if (this.dataSorted) return this.dataSorted;
    if (!this.sortedTarget && this.windows.target.length) this.sortedTarget = pooledSorted(this.windows.target);
    return this.sortedTarget;
  }

  report(aggregates: Float64Array, steps: number): { metrics: Record<string, number>; snapshots: Record<string, Float32Array> } {
    this.commit();
    const { copies, n, leaderCopies: L, thetaDim: d } = this;
    const T = Math.min(steps, aggregates.length / copies);
    const path = (e: number) => Float64Array.from({ length: T }, (_, t) => aggregates[t * copies + e]);
    const own = Array.from({ length: L }, (_, e) => path(e));
    const pooled = concat(own);
    const target = this.target();
    const sim = moments(pooled);
    // The target's own moments: the target markets' paths this episode, or the data in its order.
    const targetPaths = this.data ? [this.data] : Array.from({ length: this.targetCopies }, (_, k) => path(this.firstTargetCopy + k));
    const tgt = targetPaths.length ? moments(concat(targetPaths)) : null;
    const lambdas = this.lambda.subarray(0, L * n);
    const distribution = d === 2;
    const none = { mae: NaN, rmse: NaN };
    const re = target ? reQuantileErrors(this.pStar, this.noiseStd, target) : none;
    const rational = target && this.windows.rational.length ? quantileErrors(pooledSorted(this.windows.rational), target) : none;
    const calibrated = target && this.windows.calibrated.length ? quantileErrors(pooledSorted(this.windows.calibrated), target) : none;
    const thetaMean = (k: number) => (distribution ? mean(Float64Array.from({ length: L }, (_, e) => this.theta[e * d + k])) : NaN);
    const metrics: Record<string, number> = {
      mu: thetaMean(0),
      sigma: thetaMean(1),
      lambdaMean: mean(lambdas),
      lambdaStd: sampleStd(lambdas),
      w1: target ? wasserstein1(pooled, target) : NaN,
      priceMean: sim.mean,
      priceStd: sim.std,
      priceAcf1: mean(own.map(acf1)),
      priceSkew: sim.skew,
      priceKurt: sim.kurt,
      targetMean: tgt?.mean ?? NaN,
      targetStd: tgt?.std ?? NaN,
      targetAcf1: targetPaths.length ? mean(targetPaths.map(acf1)) : NaN,
      targetSkew: tgt?.skew ?? NaN,
      targetKurt: tgt?.kurt ?? NaN,
      maeRe: re.mae,
      rmseRe: re.rmse,
      maeRational: rational.mae,
      rmseRational: rational.rmse,
      maeCalibrated: calibrated.mae,
      rmseCalibrated: calibrated.rmse,
      predictionError: this.t > 0 ? this.absErrorSum / (this.t * L * n) : NaN,
    };
    const snapshots: Record<string, Float32Array> = {
      prices: Float32Array.from(own[0]),
      targetPrices: this.data ? this.dataStretch(T) : this.targetCopies ? Float32Array.from(path(this.firstTargetCopy)) : new Float32Array(0),
      predictions: Float32Array.from(this.episodePredictions.subarray(0, Math.min(T, this.t))),
      histSim: priceHistogram(pooled),
      histTarget: target ? priceHistogram(target) : new Float32Array(0),
      lambdas: Float32Array.from(this.lambda.subarray(0, n)),
    };
    return { metrics, snapshots };
  }

  /** T consecutive observed prices, moving along the data (cyclically) one episode at a time. */
  private dataStretch(T: number): Float32Array {
    const data = this.data as Float64Array;
    const start = (Math.max(0, this.episodes - 1) * T) % data.length;
    return Float32Array.from({ length: T }, (_, t) => data[(start + t) % data.length]);
  }
}

function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let j = 0;
  for (const p of parts) {
    out.set(p, j);
    j += p.length;
  }
  return out;
}

const pooledSorted = (parts: readonly Float64Array[]) => concat(parts).sort();
