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
import type { BatchedEnv } from '../../engine/env';
import { Rng } from '../../engine/rng';
import { calibrationFigures, gaussianQuantileErrors } from '../calibration/figures';
import { CalibratedLayout, CalibratedPopulation } from '../calibration/population';
import { decodeSeries } from '../calibration/series-data';
import { TargetWindows } from '../calibration/target-windows';
import { LAMBDA_MAX, type CobwebParams } from './config';
import { PRICES } from './data';
import { A, B, LEVELS, P_HAT_MAX, predictionLevel, producerReward, rationalPrice, REWARD_MAX, supply } from './model';
import { PRICE_SERIES, priceHistogram } from './report';
import { carried } from '../../engine/persist/carried';

/** Observation: p_(t-1) / 10, EMA of p / 10, own EMA of p-hat / 10, lambda_i. */
export const OBS_DIM = 4;
/**
 * Weight of the newest value in the exponential averages of the price and of each producer's
 * prediction (time constant about 10 steps). The markets continue across episodes, so an
 * average over all past steps would freeze; this one forgets a previous episode's lambdas soon.
 */
export const EMA_WEIGHT = 0.1;

type Scenario = CobwebParams & { seed: number };

export class CobwebEnv extends CalibratedLayout implements BatchedEnv {
  readonly agents: number;
  readonly obsDim = OBS_DIM;
  readonly numActions = LEVELS;
  /** The shared policy is conditioned on lambda_i by FiLM (a supertype), and pays lambda_i KL. */
  readonly thetaColumn = 3;
  readonly klColumn = 3;
  /** p_t per copy after the latest step (p_(t-1) in the next observation). */
  readonly aggregate: Float64Array;
  /** Price stds run from about 0.5 (noise alone) to 2: 1 keeps the leader's observation O(1). */
  readonly aggregateScale = 1;
  /** Learning sees payoffs in [0, 1]; lambda_i is in these units. */
  readonly rewardScale = 1 / REWARD_MAX;
  /** The rational-expectations price p* for n producers. */
  readonly pStar: number;
  /** Exponential averages: of p_t per copy, and of p-hat_i,t per producer. */
  readonly emaPrice: Float64Array;
  readonly emaPrediction: Float64Array;

  private readonly n: number;
  private readonly horizon: number;
  private readonly noiseStd: number;
  private rng: Rng;
  /** Prices this episode and over the rolling windows; the target. */
  private readonly windows: TargetWindows;
  /** Copy 0's mean p-hat at each step of this episode. */
  private readonly episodePredictions: Float64Array;
  private absErrorSum = 0;
  /** S(p-hat) of each level, looked up per action. */
  private readonly supplyOfLevel: Float64Array;

  constructor(params: Scenario) {
    super(new CalibratedPopulation(params, LAMBDA_MAX));
    carried(this, 'absErrorSum');
    const { n, horizon } = params;
    this.n = n;
    this.horizon = horizon;
    this.noiseStd = params.noiseStd;
    this.agents = n;
    this.pStar = rationalPrice(n);
    this.aggregate = new Float64Array(this.copies);
    this.emaPrice = new Float64Array(this.copies);
    this.emaPrediction = new Float64Array(this.copies * n);
    this.episodePredictions = new Float64Array(horizon);
    this.supplyOfLevel = Float64Array.from({ length: LEVELS }, (_, k) => supply(predictionLevel(k)));
    this.windows = new TargetWindows(this.population, horizon, params.target === 'data' ? Float64Array.from(decodeSeries(params.targetData, PRICES)) : null);
    // Until the trainer hands one to beginEpisode: a stream of this scenario's own (the
    // trainer's streams come from Rng.fromSeed(seed), so a different seed keeps them apart).
    this.rng = Rng.forScenario(params.seed, 0x2c0b3eb);
    this.population.drawLambdas(this.rng);
    this.reset();
  }

  /** Every market as if it had been at rest at p*, every producer having predicted p*. */
  reset(): void {
    this.aggregate.fill(this.pStar);
    this.emaPrice.fill(this.pStar);
    this.emaPrediction.fill(this.pStar);
    this.absErrorSum = 0;
    this.windows.reset();
  }

  /**
   * Draws each copy's lambda_i for the episode (CalibratedPopulation). The same rng then drives
   * the price noise eps_t, so a seed fixes the run.
   */
  beginEpisode(rng: Rng): void {
    this.windows.beginEpisode();
    this.rng = rng;
    this.population.drawLambdas(rng);
    this.absErrorSum = 0;
  }

  observe(out: Float32Array): void {
    const { n, copies } = this;
    const lambda = this.population.lambda;
    for (let e = 0; e < copies; e++) {
      const last = this.aggregate[e] / P_HAT_MAX;
      const avg = this.emaPrice[e] / P_HAT_MAX;
      for (let k = 0; k < n; k++) {
        const i = e * n + k;
        const o = i * OBS_DIM;
        out[o] = last;
        out[o + 1] = avg;
        out[o + 2] = this.emaPrediction[i] / P_HAT_MAX;
        out[o + 3] = lambda[i];
      }
    }
  }

  step(actions: Int32Array, rewardsOut: Float32Array): void {
    const { n, copies, leaderCopies } = this;
    // A run longer than the horizon without beginEpisode continues as a new episode with the same lambdas.
    if (this.windows.step === this.horizon) {
      this.windows.beginEpisode();
      this.absErrorSum = 0;
    }
    const t = this.windows.step;
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
        if (e < leaderCopies) this.absErrorSum += Math.abs(pHat - p);
      }
      if (e === 0) this.episodePredictions[t] = predictionSum / n;
      this.aggregate[e] = p;
      this.emaPrice[e] += EMA_WEIGHT * (p - this.emaPrice[e]);
      this.windows.record(e, p);
    }
    this.windows.endStep();
  }

  /** The target, sorted: the observed prices, or the target markets' prices over the window. */
  target(): Float64Array | null {
    return this.windows.target();
  }

  report(aggregates: Float64Array, steps: number): { metrics: Record<string, number>; snapshots: Record<string, Float32Array> } {
    const { copies, n, leaderCopies: L } = this;
    const T = Math.min(steps, aggregates.length / copies);
    // The rational-expectations equilibrium's prices are p* + eps, eps ~ N(0, noiseStd): exact quantiles.
    const re = { key: 'Re', errors: (target: Float64Array) => gaussianQuantileErrors(this.pStar, this.noiseStd, target) };
    const { metrics, own, pooled, target, targetPath } = calibrationFigures(PRICE_SERIES, this.population, this.windows, aggregates, T, re);
    const t = this.windows.step;
    metrics.predictionError = t > 0 ? this.absErrorSum / (t * L * n) : NaN;
    const snapshots: Record<string, Float32Array> = {
      prices: Float32Array.from(own[0]),
      targetPrices: targetPath,
      predictions: Float32Array.from(this.episodePredictions.subarray(0, Math.min(T, t))),
      histSim: priceHistogram(pooled),
      histTarget: target ? priceHistogram(target) : new Float32Array(0),
      lambdas: Float32Array.from(this.population.lambda.subarray(0, n)),
    };
    return { metrics, snapshots };
  }
}
