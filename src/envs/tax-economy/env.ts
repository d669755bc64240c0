/**
 * The tax economy (ADAGE section 4.1), batched over parallel economies. Each step every
 * household chooses (p, h) in [0, 1]^2, a savings ratio and work hours; the firm pays the
 * marginal products; income and asset taxes (HSV schedules set by theta) are collected and
 * returned as an equal lump-sum transfer; households consume what they do not save.
 *
 * Copies: [0, economies) take theta from the government (the leader); then two reference
 * economies that set their own: the free market (no taxes) and a flat income tax. The same
 * household policy plays in all of them, so the comparison is on the same seeds and training.
 */
import type { BatchedEnv } from '../../engine/env';
import { gini } from '../../engine/metrics';
import { Rng } from '../../engine/rng';
import { THETA_DIM, type TaxEconomyParams } from './config';
import { hsvTax, interest, nextLogProductivity, splitCash, stationaryLogMean, utility, wage } from './model';
import { summarise, type EpisodeTotals } from './report';

/** Observation: W_(t-1), asinh a_t, asinh i_(t-1), log e_t, then theta (4). */
export const OBS_DIM = 4 + THETA_DIM;
/** Government observation: the economy every episode starts from (asinh of mean a, Gini of a, mean e). */
export const LEADER_OBS_DIM = 3;

type Scenario = TaxEconomyParams & { seed: number };

export class TaxEconomyEnv implements BatchedEnv {
  readonly copies: number;
  readonly agents: number;
  readonly obsDim = OBS_DIM;
  readonly numActions = 0;
  /** (p, h): savings ratio and hours, each in [0, 1]. */
  readonly actionDim = 2;
  /**
   * All of theta is in the households' input; FiLM takes one column, and it is the asset tax
   * level tau_a: saving is the choice that looks furthest ahead, so the one a plain input
   * would most easily wash out.
   */
  readonly thetaColumn = 6;
  readonly thetaDim = THETA_DIM;
  readonly theta: Float32Array;
  readonly leaderCopies: number;
  readonly leaderObsDim = LEADER_OBS_DIM;
  /** The free-market economy (theta = 0) and the flat-tax one. */
  readonly freeMarketCopy: number;
  readonly flatTaxCopy: number;
  /** Mean assets per household after the latest step, per copy. */
  readonly aggregate: Float64Array;
  readonly aggregateScale = 1;
  readonly rewardScale = 1;

  /** Per household (copy-major): assets a, log productivity, last income, and per copy the last wage. */
  readonly assets: Float64Array;
  readonly logE: Float64Array;
  readonly income: Float64Array;
  readonly lastWage: Float64Array;
  private readonly params: Scenario;
  private rng: Rng;
  private totals: EpisodeTotals;
  /** The start of every episode, per household index (the same in every copy). */
  private readonly startAssets: Float64Array;
  private readonly startLogE: Float64Array;
  /** Scratch per household for one step. */
  private readonly taxes: Float64Array;
  /** This step's productivity shock per household, the same in every copy. */
  private readonly shocks: Float64Array;

  constructor(params: Scenario) {
    this.params = params;
    const { households, economies } = params;
    this.agents = households;
    this.leaderCopies = economies;
    this.freeMarketCopy = economies;
    this.flatTaxCopy = economies + 1;
    this.copies = economies + 2;
    this.theta = new Float32Array(this.copies * THETA_DIM);
    for (let e = 0; e < economies; e++) this.theta.set([params.tauI, params.xiI, params.tauA, params.xiA], e * THETA_DIM);
    this.theta.set([params.flatTax, 0, 0, 0], this.flatTaxCopy * THETA_DIM);
    const rows = this.copies * households;
    this.assets = new Float64Array(rows);
    this.logE = new Float64Array(rows);
    this.income = new Float64Array(rows);
    this.lastWage = new Float64Array(this.copies);
    this.aggregate = new Float64Array(this.copies);
    this.taxes = new Float64Array(rows);
    this.shocks = new Float64Array(households);
    this.startAssets = new Float64Array(households);
    this.startLogE = new Float64Array(households);
    this.totals = this.emptyTotals();
    // Until the trainer hands one to beginEpisode: a stream of this scenario's own.
    this.rng = Rng.forScenario(params.seed, 0x7a3c11);
    this.reset();
  }

  /**
   * Draws the economy every episode starts from: household k has the same log-normal wealth
   * (mean initialAssets) and a productivity from the stationary distribution in every copy, from
   * the scenario's own stream, so a seed fixes it and every economy starts equal.
   */
  reset(): void {
    const { rho, sigmaE, initialAssets, wealthSigma } = this.params;
    const N = this.agents;
    const s = rho < 1 ? sigmaE / Math.sqrt(1 - rho * rho) : sigmaE;
    const init = Rng.forScenario(this.params.seed, 0x51ed27);
    for (let k = 0; k < N; k++) {
      this.startLogE[k] = stationaryLogMean(rho, sigmaE) + s * init.normal();
      this.startAssets[k] = initialAssets * Math.exp(wealthSigma * init.normal() - (wealthSigma * wealthSigma) / 2);
    }
    this.restart();
  }

  /**
   * Each episode is one history of the economy from the same start, so the government's
   * choices are compared on equal terms; the shocks come from the trainer's stream.
   */
  beginEpisode(rng: Rng): void {
    this.rng = rng;
    this.theta.fill(0, this.freeMarketCopy * THETA_DIM, (this.freeMarketCopy + 1) * THETA_DIM);
    this.theta.set([this.params.flatTax, 0, 0, 0], this.flatTaxCopy * THETA_DIM);
    this.restart();
  }

  private restart(): void {
    const N = this.agents;
    for (let e = 0; e < this.copies; e++) {
      this.assets.set(this.startAssets, e * N);
      this.logE.set(this.startLogE, e * N);
    }
    this.income.fill(0);
    this.aggregate.fill(this.params.initialAssets);
    let L = 0;
    for (let k = 0; k < N; k++) L += 0.5 * Math.exp(this.startLogE[k]);
    // As if everyone had worked half time before the first step.
    this.lastWage.fill(wage(this.params.initialAssets * N, L));
    this.totals = this.emptyTotals();
  }

  observe(out: Float32Array): void {
    const { agents: N, copies } = this;
    for (let e = 0; e < copies; e++) {
      const theta = this.theta.subarray(e * THETA_DIM, (e + 1) * THETA_DIM);
      for (let k = 0; k < N; k++) {
        const i = e * N + k;
        const o = i * OBS_DIM;
        out[o] = this.lastWage[e];
        out[o + 1] = Math.asinh(this.assets[i]);
        out[o + 2] = Math.asinh(this.income[i]);
        out[o + 3] = this.logE[i];
        out.set(theta, o + 4);
      }
    }
  }

  /**
   * What the government sees when it sets the taxes: the economy the episode starts from, the
   * same draw every episode. Not the previous episode's end nor its theta: every episode
   * restarts from this draw, so those say nothing about the coming one, and the leader's own
   * past random theta as an input only added noise to its policy (README, "Why a flat tax won").
   */
  leaderObserve(out: Float32Array): void {
    const N = this.agents;
    let a = 0;
    let eff = 0;
    for (let k = 0; k < N; k++) {
      a += this.startAssets[k];
      eff += Math.exp(this.startLogE[k]);
    }
    const start = [Math.asinh(a / N), gini(Float64Array.from(this.startAssets).sort()) || 0, eff / N];
    for (let e = 0; e < this.leaderCopies; e++) out.set(start, e * LEADER_OBS_DIM);
  }

  /** actions: (p, h) per household, row-major. */
  step(actions: Int32Array | Float32Array, rewardsOut: Float32Array): void {
    const { agents: N, copies, assets, income, taxes, logE, totals } = this;
    const { zeta, rho, sigmaE } = this.params;
    // Common shocks: household k's productivity moves alike in every copy, so economies differ
    // only by their taxes and the households' own choices, not by luck.
    for (let k = 0; k < N; k++) this.shocks[k] = this.rng.normal();
    for (let e = 0; e < copies; e++) {
      const [tauI, xiI, tauA, xiA] = this.theta.subarray(e * THETA_DIM, (e + 1) * THETA_DIM);
      let K = 0;
      let L = 0;
      for (let i = e * N; i < (e + 1) * N; i++) {
        K += assets[i];
        L += actions[2 * i + 1] * Math.exp(logE[i]);
      }
      const W = wage(K, L);
      const r = interest(K, L);
      let revenue = 0;
      for (let i = e * N; i < (e + 1) * N; i++) {
        income[i] = W * Math.exp(logE[i]) * actions[2 * i + 1] + r * assets[i];
        taxes[i] = hsvTax(income[i], tauI, xiI) + hsvTax(assets[i], tauA, xiA);
        revenue += taxes[i];
      }
      const transfer = revenue / N;
      let assetsAfter = 0;
      for (let i = e * N; i < (e + 1) * N; i++) {
        const p = actions[2 * i];
        const h = actions[2 * i + 1];
        const { assets: next, consumption } = splitCash(assets[i] + income[i] - taxes[i] + transfer, p);
        const u = utility(consumption, h, zeta);
        rewardsOut[i] = u;
        totals.hours[e] += h;
        totals.savings[e] += p;
        totals.utility[e] += u;
        assets[i] = next;
        assetsAfter += next;
        logE[i] = nextLogProductivity(logE[i], rho, sigmaE, this.shocks[i - e * N]);
      }
      totals.wage[e] += W;
      totals.interest[e] += r;
      totals.revenue[e] += revenue / N;
      this.lastWage[e] = W;
      this.aggregate[e] = assetsAfter / N;
    }
    totals.steps++;
  }

  report(): { metrics: Record<string, number>; snapshots: Record<string, Float32Array> } {
    return summarise(this, this.totals);
  }

  private emptyTotals(): EpisodeTotals {
    const per = () => new Float64Array(this.copies);
    return { steps: 0, hours: per(), savings: per(), utility: per(), wage: per(), interest: per(), revenue: per() };
  }
}
