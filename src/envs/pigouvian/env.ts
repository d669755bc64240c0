/**
 * A Pigouvian tax on an externality, batched over parallel markets.
 *
 * Each step, each of the n firms of market e chooses a quantity q_i,t (one of K levels in
 * [0, qMax]); the market clears at P_t = max(0, a + eps_t - b Q_t), Q_t = sum_j q_j,t, and firm
 * i earns q_i,t (P_t - c - t_e) with t_e the market's tax (theta). Output does damage d Q_t to
 * others, which no firm pays; the regulator (leader) sets t_e to maximise welfare
 * W_t = CS_t + profits_t + t_e Q_t - d Q_t (socialWelfare, in units of the first best W°).
 * Every copy is the leader's: theta = t per market.
 */
import type { BatchedEnv } from '../../engine/env';
import { mean } from '../../engine/metrics';
import { Rng } from '../../engine/rng';
import type { PigouvianParams } from './config';
import { consumerSurplus, firstBestWelfare, nashOutput, nashQuantity, price, welfare, type PigouvianMarket } from './model';
import { quantityHistogram } from './report';
import { carried } from '../../engine/persist/carried';

/** Observation: P_(t-1) / a, own q_(t-1) / qMax, the others' mean q_(t-1) / qMax, t / (a - c). */
export const OBS_DIM = 4;

type Scenario = PigouvianParams & { seed: number };

export class PigouvianEnv implements BatchedEnv {
  readonly copies: number;
  readonly leaderCopies: number;
  readonly agents: number;
  readonly obsDim = OBS_DIM;
  readonly numActions: number;
  readonly thetaColumn = 3;
  readonly thetaDim = 1;
  /**
   * Myopic firms: each step is the one-shot Cournot game (a firm's quantity moves only that
   * step's profit), so each action is judged by its own reward. With the engine's 0.99 the
   * advantage also summed the next steps' rewards, which the action does not change: noise that
   * left the response to t flat and the policy broad (README, Learning).
   */
  readonly discount = 0;
  /** t per market. */
  readonly theta: Float32Array;
  /** Q_t per market after the latest step. */
  readonly aggregate: Float64Array;
  /** The largest std of a sum of n quantities in [0, qMax] (each at most qMax / 2): keeps the leader's volatility O(1). */
  readonly aggregateScale: number;
  /** Learning sees profit / pi_0, the Nash profit per firm without tax, b q(0)^2: O(1) near t = 0. */
  readonly rewardScale: number;
  /** q_i,(t-1) of every firm of every market, and P_(t-1) per market. */
  readonly lastQuantity: Float64Array;
  readonly lastPrice: Float64Array;

  private readonly market: PigouvianMarket;
  private readonly n: number;
  private readonly qMax: number;
  private readonly noiseStd: number;
  /** W°: the leader's welfare unit. */
  private readonly welfareUnit: number;
  private rng: Rng;
  /** Steps of this episode, and per market the sums over them. */
  private steps = 0;
  private readonly sums: Record<'welfare' | 'consumerSurplus' | 'profits' | 'taxRevenue' | 'damage' | 'price', Float64Array>;
  /** How often the leader's markets' firms chose each level this episode. */
  private readonly levelCounts: Float64Array;

  constructor(params: Scenario) {
    carried(this, 'steps');
    const { n, markets } = params;
    this.n = n;
    this.qMax = params.qMax;
    this.noiseStd = params.noiseStd;
    this.numActions = params.levels;
    this.agents = n;
    this.copies = markets;
    this.leaderCopies = markets;
    this.market = { a: params.a, b: params.b, c: params.c, d: params.d };
    this.welfareUnit = firstBestWelfare(this.market);
    const q0 = nashQuantity(this.market, n, 0);
    this.rewardScale = 1 / (params.b * q0 * q0);
    this.aggregateScale = (params.qMax * Math.sqrt(n)) / 2;
    this.theta = new Float32Array(markets);
    this.aggregate = new Float64Array(markets);
    this.lastQuantity = new Float64Array(markets * n);
    this.lastPrice = new Float64Array(markets);
    const sum = () => new Float64Array(markets);
    this.sums = { welfare: sum(), consumerSurplus: sum(), profits: sum(), taxRevenue: sum(), damage: sum(), price: sum() };
    this.levelCounts = new Float64Array(params.levels);
    // Until the trainer hands one to beginEpisode: a stream of this scenario's own.
    this.rng = Rng.forScenario(params.seed, 0x519c0);
    this.reset();
  }

  /** q of action (level index) k: k qMax / (K - 1). */
  quantityOf(k: number): number {
    return (k * this.qMax) / (this.numActions - 1);
  }

  /** Every market as if it had been at rest at the Nash equilibrium of its tax. */
  reset(): void {
    for (let e = 0; e < this.copies; e++) {
      const q = nashQuantity(this.market, this.n, this.theta[e]);
      this.lastQuantity.fill(q, e * this.n, (e + 1) * this.n);
      this.aggregate[e] = this.n * q;
      this.lastPrice[e] = price(this.market, this.n * q);
    }
    this.clearEpisode();
  }

  private clearEpisode(): void {
    this.steps = 0;
    for (const s of Object.values(this.sums)) s.fill(0);
    this.levelCounts.fill(0);
  }

  /** A new episode of the continuing markets; `rng` drives the demand noise, so a seed fixes the run. */
  beginEpisode(rng: Rng): void {
    this.rng = rng;
    this.clearEpisode();
  }

  observe(out: Float32Array): void {
    const { n, qMax } = this;
    const { a, c } = this.market;
    for (let e = 0; e < this.copies; e++) {
      let total = 0;
      for (let k = 0; k < n; k++) total += this.lastQuantity[e * n + k];
      for (let k = 0; k < n; k++) {
        const i = e * n + k;
        const o = i * OBS_DIM;
        out[o] = this.lastPrice[e] / a;
        out[o + 1] = this.lastQuantity[i] / qMax;
        out[o + 2] = (total - this.lastQuantity[i]) / ((n - 1) * qMax);
        out[o + 3] = this.theta[e] / (a - c);
      }
    }
  }

  step(actions: Int32Array, rewardsOut: Float32Array): void {
    const { n, market, sums } = this;
    for (let e = 0; e < this.copies; e++) {
      const t = this.theta[e];
      let total = 0;
      for (let k = 0; k < n; k++) total += this.quantityOf(actions[e * n + k]);
      // Without noise no draw, so the stream's use does not depend on a setting that is off.
      const demand = { ...market, a: this.noiseStd > 0 ? market.a + this.noiseStd * this.rng.normal() : market.a };
      const p = price(demand, total);
      for (let k = 0; k < n; k++) {
        const i = e * n + k;
        const q = this.quantityOf(actions[i]);
        rewardsOut[i] = q * (p - market.c - t);
        this.lastQuantity[i] = q;
        if (e < this.leaderCopies) this.levelCounts[actions[i]]++;
      }
      this.aggregate[e] = total;
      this.lastPrice[e] = p;
      sums.welfare[e] += welfare(demand, total);
      sums.consumerSurplus[e] += consumerSurplus(demand, total);
      sums.profits[e] += total * (p - market.c - t);
      sums.taxRevenue[e] += t * total;
      sums.damage[e] += market.d * total;
      sums.price[e] += p;
    }
    this.steps++;
  }

  /**
   * The regulator's problem is static (the best t does not depend on the markets' state), so its
   * observation is a constant: a learning leader is a bandit over t, and its last t does not
   * feed back into its next.
   */
  readonly leaderObsDim = 1;
  leaderObserve(out: Float32Array): void {
    out.fill(1);
  }

  /** Each market's mean welfare per step this episode, in units of W° (the leader's reward: 1 at the first best). */
  socialWelfare(): Float64Array {
    return Float64Array.from(this.sums.welfare, (w) => w / (Math.max(1, this.steps) * this.welfareUnit));
  }

  report(aggregates: Float64Array, steps: number): { metrics: Record<string, number>; snapshots: Record<string, Float32Array> } {
    const { copies: E, leaderCopies: L } = this;
    const T = Math.min(steps, aggregates.length / E);
    let output = 0;
    for (let t = 0; t < T; t++) for (let e = 0; e < L; e++) output += aggregates[t * E + e];
    const perStep = (s: Float64Array) => mean(s.subarray(0, L)) / Math.max(1, this.steps);
    const taxes = this.theta.subarray(0, L);
    const rational = Array.from(taxes, (t) => nashOutput(this.market, this.n, t));
    const metrics = {
      tax: mean(taxes),
      output: output / (T * L),
      outputRational: mean(rational),
      welfare: perStep(this.sums.welfare),
      welfareRational: mean(rational.map((Q) => welfare(this.market, Q))),
      consumerSurplus: perStep(this.sums.consumerSurplus),
      profits: perStep(this.sums.profits),
      taxRevenue: perStep(this.sums.taxRevenue),
      damage: perStep(this.sums.damage),
      price: perStep(this.sums.price),
    };
    return { metrics, snapshots: { histQuantity: quantityHistogram(this.levelCounts) } };
  }
}
