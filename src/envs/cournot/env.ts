/**
 * Cournot oligopoly with heterogeneous bounded-rational firms (Evans and Ganesh, arXiv
 * 2402.00787), batched over parallel markets.
 *
 * Each step, each firm i of a market chooses a quantity q_i,t (one of K levels in [0, qMax]); the
 * market clears at P_t = max(0, a + eps_t - b sum_j q_j,t) and firm i earns q_i,t (P_t - c_i).
 * Firm i also pays lambda_i KL(pi || uniform) (added by the PPO loss from the klColumn). The
 * calibrator (leader) sets how lambda_i is drawn in its own markets so that their prices match a
 * target.
 *
 * Copies (CalibratedPopulation): [0, markets) the calibrator's; `markets` the rational reference
 * (every lambda_i = 0); then, for a synthetic target, targetMarkets markets with the hidden
 * (mu*, sigma*).
 */
import type { BatchedEnv } from '../../engine/env';
import { Rng } from '../../engine/rng';
import { mean } from '../../engine/metrics';
import { calibrationFigures, gaussianQuantileErrors } from '../calibration/figures';
import { CalibratedLayout, CalibratedPopulation } from '../calibration/population';
import { decodeSeries } from '../calibration/series-data';
import { TargetWindows } from '../calibration/target-windows';
import { LAMBDA_MAX, type CournotParams } from './config';
import { COURNOT_PRICES } from './data';
import { firmCosts, nashQuantity, price, type CournotMarket } from './model';
import { nashOf, PRICE_SERIES, priceHistogram, profitBin, PROFIT_BINS } from './report';
import { carried } from '../../engine/persist/carried';

/** Observation: P_(t-1) / a, own q_(t-1) / qMax, the others' mean q_(t-1) / qMax, c_i / a, lambda_i. */
export const OBS_DIM = 5;

type Scenario = CournotParams & { seed: number };

export class CournotEnv extends CalibratedLayout implements BatchedEnv {
  readonly agents: number;
  readonly obsDim = OBS_DIM;
  readonly numActions: number;
  /** The shared policy is conditioned on lambda_i by FiLM (a supertype), and pays lambda_i KL. */
  readonly thetaColumn = 4;
  readonly klColumn = 4;
  /** P_t per copy after the latest step. */
  readonly aggregate: Float64Array;
  /** Keeps the leader's observation (the std of its prices) O(1): prices move by a few units per firm. */
  readonly aggregateScale: number;
  /** Learning sees profit / pi*, the symmetric Nash profit at the mean cost: O(1); lambda_i is in these units. */
  readonly rewardScale: number;
  /** Each firm's marginal cost c_i (the same in every copy) and the Nash reference. */
  readonly costs: Float64Array;
  readonly nash: { q: Float64Array; price: number; profit: Float64Array };
  /** q_i,(t-1) of every firm of every copy. */
  readonly lastQuantity: Float64Array;

  private readonly market: CournotMarket;
  private readonly n: number;
  private readonly horizon: number;
  private readonly noiseStd: number;
  private readonly qMax: number;
  private readonly piStar: number;
  private rng: Rng;
  private readonly windows: TargetWindows;
  /** Per firm of every copy: sum of q and of q^2 over this episode's steps; sum of profit. */
  private readonly quantitySum: Float64Array;
  private readonly quantitySqSum: Float64Array;
  private readonly profitSum: Float64Array;
  /** Counts of profit / pi* per bin this episode: the calibrator's firms, the rational market's. */
  private readonly profitCounts = { calibrated: new Float64Array(PROFIT_BINS), rational: new Float64Array(PROFIT_BINS) };
  /** Per step of this episode: market 0's lowest- and highest-lambda firm, its mean, the rational market's mean. */
  private readonly paths: { low: Float64Array; high: Float64Array; mean: Float64Array; rational: Float64Array };
  /** Market 0's firms with the smallest and the largest lambda_i this episode. */
  private lowFirm = 0;
  private highFirm = 0;

  constructor(params: Scenario) {
    super(new CalibratedPopulation(params, LAMBDA_MAX));
    carried(this, 'lowFirm', 'highFirm');
    const { n, horizon } = params;
    this.n = n;
    this.horizon = horizon;
    this.noiseStd = params.noiseStd;
    this.qMax = params.qMax;
    this.numActions = params.levels;
    this.agents = n;
    this.market = { a: params.a, b: params.b };
    this.costs = firmCosts(n, params.c, params.costSpread);
    this.nash = nashOf(params);
    const qStar = nashQuantity(this.market, n, params.c);
    this.piStar = params.b * qStar * qStar;
    this.rewardScale = 1 / this.piStar;
    this.aggregateScale = Math.max(1, params.b * params.qMax / 4);
    const copies = this.population.copies;
    this.aggregate = new Float64Array(copies);
    this.lastQuantity = new Float64Array(copies * n);
    this.quantitySum = new Float64Array(copies * n);
    this.quantitySqSum = new Float64Array(copies * n);
    this.profitSum = new Float64Array(copies * n);
    this.paths = { low: new Float64Array(horizon), high: new Float64Array(horizon), mean: new Float64Array(horizon), rational: new Float64Array(horizon) };
    this.windows = new TargetWindows(this.population, horizon, params.target === 'data' ? Float64Array.from(decodeSeries(params.targetData, COURNOT_PRICES)) : null);
    // Until the trainer hands one to beginEpisode: a stream of this scenario's own.
    this.rng = Rng.forScenario(params.seed, 0x6c0a1d7);
    this.population.drawLambdas(this.rng);
    this.pickFirms();
    this.reset();
  }

  /** q of action (level index) k: k qMax / (K - 1). */
  quantityOf(k: number): number {
    return (k * this.qMax) / (this.numActions - 1);
  }

  /** Every market as if it had been at rest at the Nash equilibrium. */
  reset(): void {
    this.aggregate.fill(this.nash.price);
    for (let e = 0; e < this.copies; e++) this.lastQuantity.set(this.nash.q, e * this.n);
    this.clearEpisode();
    this.windows.reset();
  }

  private clearEpisode(): void {
    this.quantitySum.fill(0);
    this.quantitySqSum.fill(0);
    this.profitSum.fill(0);
    this.profitCounts.calibrated.fill(0);
    this.profitCounts.rational.fill(0);
  }

  /** Market 0's firms with the smallest and the largest lambda_i (the first of equals). */
  private pickFirms(): void {
    const l = this.population.lambda;
    this.lowFirm = 0;
    this.highFirm = 0;
    for (let k = 1; k < this.n; k++) {
      if (l[k] < l[this.lowFirm]) this.lowFirm = k;
      if (l[k] > l[this.highFirm]) this.highFirm = k;
    }
    if (this.highFirm === this.lowFirm) this.highFirm = this.lowFirm === 0 ? 1 : 0;
  }

  /**
   * Draws each copy's lambda_i for the episode (CalibratedPopulation). The same rng then drives
   * the demand noise eps_t, so a seed fixes the run.
   */
  beginEpisode(rng: Rng): void {
    this.windows.beginEpisode();
    this.rng = rng;
    this.population.drawLambdas(rng);
    this.pickFirms();
    this.clearEpisode();
  }

  observe(out: Float32Array): void {
    const { n, copies, qMax } = this;
    const { a } = this.market;
    const lambda = this.population.lambda;
    for (let e = 0; e < copies; e++) {
      let total = 0;
      for (let k = 0; k < n; k++) total += this.lastQuantity[e * n + k];
      for (let k = 0; k < n; k++) {
        const i = e * n + k;
        const o = i * OBS_DIM;
        out[o] = this.aggregate[e] / a;
        out[o + 1] = this.lastQuantity[i] / qMax;
        out[o + 2] = (total - this.lastQuantity[i]) / ((n - 1) * qMax);
        out[o + 3] = this.costs[k] / a;
        out[o + 4] = lambda[i];
      }
    }
  }

  step(actions: Int32Array, rewardsOut: Float32Array): void {
    const { n, copies, leaderCopies, market, costs } = this;
    const rational = this.population.rationalCopy;
    // A run longer than the horizon without beginEpisode continues as a new episode with the same lambdas.
    if (this.windows.step === this.horizon) {
      this.windows.beginEpisode();
      this.clearEpisode();
    }
    const t = this.windows.step;
    for (let e = 0; e < copies; e++) {
      let total = 0;
      for (let k = 0; k < n; k++) total += this.quantityOf(actions[e * n + k]);
      const p = price({ a: market.a + this.noiseStd * this.rng.normal(), b: market.b }, total);
      for (let k = 0; k < n; k++) {
        const i = e * n + k;
        const q = this.quantityOf(actions[i]);
        const profit = q * (p - costs[k]);
        rewardsOut[i] = profit;
        this.lastQuantity[i] = q;
        this.quantitySum[i] += q;
        this.quantitySqSum[i] += q * q;
        this.profitSum[i] += profit;
        if (e < leaderCopies) this.profitCounts.calibrated[profitBin(profit / this.piStar)]++;
        else if (e === rational) this.profitCounts.rational[profitBin(profit / this.piStar)]++;
      }
      if (e === 0) {
        this.paths.low[t] = this.quantityOf(actions[this.lowFirm]);
        this.paths.high[t] = this.quantityOf(actions[this.highFirm]);
        this.paths.mean[t] = total / n;
      } else if (e === rational) this.paths.rational[t] = total / n;
      this.aggregate[e] = p;
      this.windows.record(e, p);
    }
    this.windows.endStep();
  }

  /** The target, sorted: the observed prices, or the target markets' prices over the window. */
  target(): Float64Array | null {
    return this.windows.target();
  }

  report(aggregates: Float64Array, steps: number): { metrics: Record<string, number>; snapshots: Record<string, Float32Array> } {
    const { n, leaderCopies: L } = this;
    const T = Math.min(steps, aggregates.length / this.copies);
    const t = Math.min(T, this.windows.step);
    const nash = { key: 'Nash', errors: (target: Float64Array) => gaussianQuantileErrors(this.nash.price, this.noiseStd, target) };
    const { metrics, own, pooled, target, targetPath } = calibrationFigures(PRICE_SERIES, this.population, this.windows, aggregates, T, nash);
    const lambda = this.population.lambda;
    // The calibrator's firms by lambda_i: each one's mean quantity over the episode.
    const firms = Array.from({ length: L * n }, (_, i) => ({ lambda: lambda[i], q: this.quantitySum[i] / t }));
    firms.sort((x, y) => x.lambda - y.lambda);
    const half = Math.floor(firms.length / 2);
    const r0 = this.population.rationalCopy * n;
    const stdOf = (from: number, to: number) => {
      let s = 0;
      let s2 = 0;
      for (let i = from; i < to; i++) {
        s += this.quantitySum[i];
        s2 += this.quantitySqSum[i];
      }
      const count = (to - from) * t;
      return count > 1 ? Math.sqrt(Math.max(0, (s2 - (s * s) / count) / (count - 1))) : NaN;
    };
    const perStep = (sums: Float64Array, from: number, to: number) => (t > 0 ? mean(sums.subarray(from, to)) / t : NaN);
    metrics.quantityRational = perStep(this.quantitySum, r0, r0 + n);
    metrics.quantityCalibrated = perStep(this.quantitySum, 0, L * n);
    metrics.quantityLowLambda = mean(firms.slice(0, half).map((f) => f.q));
    metrics.quantityHighLambda = mean(firms.slice(half).map((f) => f.q));
    metrics.quantityStdRational = stdOf(r0, r0 + n);
    metrics.quantityStdCalibrated = stdOf(0, L * n);
    metrics.profitRational = perStep(this.profitSum, r0, r0 + n);
    metrics.profitCalibrated = perStep(this.profitSum, 0, L * n);
    const shares = (counts: Float64Array) => {
      const total = counts.reduce((s, x) => s + x, 0) || 1;
      return Float32Array.from(counts, (x) => x / total);
    };
    const a = this.market.a;
    const snapshots: Record<string, Float32Array> = {
      prices: Float32Array.from(own[0]),
      targetPrices: targetPath,
      qLowLambda: Float32Array.from(this.paths.low.subarray(0, t)),
      qHighLambda: Float32Array.from(this.paths.high.subarray(0, t)),
      qMean: Float32Array.from(this.paths.mean.subarray(0, t)),
      qRational: Float32Array.from(this.paths.rational.subarray(0, t)),
      skillLambda: Float32Array.from(firms, (f) => f.lambda),
      skillQuantity: Float32Array.from(firms, (f) => f.q),
      histProfit: shares(this.profitCounts.calibrated),
      histProfitRational: shares(this.profitCounts.rational),
      histSim: priceHistogram(pooled, a),
      histTarget: target ? priceHistogram(target, a) : new Float32Array(0),
      lambdas: Float32Array.from(lambda.subarray(0, n)),
    };
    return { metrics, snapshots };
  }
}

