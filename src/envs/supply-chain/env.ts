/**
 * Beer-game supply chains with heterogeneous bounded-rational stages (Sterman 1989; Evans and
 * Ganesh, arXiv 2402.00787), batched over parallel chains.
 *
 * Each chain is a copy with four agents, the stages k = 0 (retailer) to 3 (factory). Each week
 * customers demand D_t at the retailer, every stage fills what it can of its incoming order
 * and backlog, pays h I_k + p B_k, and orders up to tau_k m_t + a_k upstream, a_k being the
 * safety stock its action chooses (model.ts orderUpTo). Stage i also pays lambda_i
 * KL(pi || uniform) for the information its policy uses (added by the PPO loss from the
 * klColumn). The calibrator (leader) sets how lambda_i is drawn in its own chains so that their
 * factory orders match a target.
 *
 * Copies: [0, markets) the calibrator's; `markets` the rational reference (every lambda_i = 0);
 * then, for a synthetic target, targetMarkets chains with the hidden (mu*, sigma*). Beside them,
 * outside the learning, a base-stock chain (base-stock.ts) plays the rational chain's demand.
 * Every game (episode) starts from the steady state at week 0's demand level.
 */
import type { BatchedEnv } from '../../engine/env';
import { mean, quantileErrors } from '../../engine/metrics';
import { Rng } from '../../engine/rng';
import { calibrationFigures } from '../calibration/figures';
import { CalibratedLayout, CalibratedPopulation } from '../calibration/population';
import { decodeSeries } from '../calibration/series-data';
import { TargetWindows } from '../calibration/target-windows';
import { BASE_STOCK_SALT, searchBaseStock, baseStockWeek } from './base-stock';
import { COST_SCALE, DISCOUNT, LAMBDA_MAX, type SupplyChainParams } from './config';
import { ORDERS } from './data';
import { demandLevel, drawDemand, initialFlow } from './demand';
import { copyChain, LEVELS, newOutcome, orderUpTo, safetyStock, STAGES, steadyChain, week, type ChainState } from './model';
import { bullwhipRatios, costHistogram, ORDER_SERIES, orderHistogram, PASS_THROUGH, stageMeans } from './report';

/** Observation: net inventory, incoming order, supply line (each / (2 m)), the stage one-hot (4), lambda_i. */
export const OBS_DIM = 8;
export const LAMBDA_COLUMN = 7;
/** Episodes of demand drawn once for the pass-through reference's quantiles. */
export const PASS_THROUGH_EPISODES = 100;

type Scenario = SupplyChainParams & { seed: number };

export class SupplyChainEnv extends CalibratedLayout implements BatchedEnv {
  readonly agents = STAGES;
  readonly obsDim = OBS_DIM;
  readonly numActions = LEVELS;
  /** The shared policy is conditioned on lambda_i by FiLM (a supertype), and pays lambda_i KL. */
  readonly thetaColumn = LAMBDA_COLUMN;
  readonly klColumn = LAMBDA_COLUMN;
  /**
   * No entropy bonus: here lambda acts below 0.02 (README), so PPO's default bonus (as lambda
   * 0.01 on every stage) would leave no stage rational, the rational chain included.
   */
  readonly entropyBonus = 0;
  /** q_3,t per copy after the latest week: the factory's order. */
  readonly aggregate: Float64Array;
  /** Factory order stds run from s (pass-through) to about 5 s: m / 2 keeps the leader's observation O(1). */
  readonly aggregateScale: number;
  /** Learning sees -cost / COST_SCALE. */
  readonly rewardScale = 1 / COST_SCALE;
  /** An order's cost comes tau_k <= 4 weeks after it (config.ts DISCOUNT). */
  readonly discount = DISCOUNT;
  /** The base-stock reference's safety stocks s_k and its expected cost per week, searched at construction. */
  readonly baseStock: { safety: Float64Array; cost: number };
  /** Each chain's state. */
  readonly chains: ChainState[];
  /** What observations divide quantities by: 2 m. */
  readonly obsScale: number;

  private readonly p: Scenario;
  private readonly start: ChainState;
  private readonly horizon: number;
  private rng: Rng;
  private readonly windows: TargetWindows;
  private readonly outcome = newOutcome();
  private readonly adjust = new Float64Array(STAGES);
  private readonly safety = new Float64Array(STAGES);
  /** The base-stock chain, on the rational chain's demand: its state, orders (t, stage) and cost per stage this game. */
  private readonly baseChain: ChainState;
  private readonly baseOrders: Float64Array;
  private readonly baseCost = new Float64Array(STAGES);
  /** This episode: orders (t, copy, stage), demand (t, copy); per agent, cost and |a| summed. */
  private readonly orders: Float64Array;
  private readonly demand: Float64Array;
  private readonly costSum: Float64Array;
  private readonly adjustSum: Float64Array;
  /** The pass-through reference's factory orders (= demand), sorted. */
  private readonly passThrough: Float64Array;

  constructor(params: Scenario) {
    super(new CalibratedPopulation({ ...params, n: STAGES }, LAMBDA_MAX));
    this.p = params;
    this.horizon = params.horizon;
    const E = this.copies;
    this.aggregate = new Float64Array(E);
    this.aggregateScale = params.demandMean / 2;
    this.obsScale = 2 * params.demandMean;
    this.start = steadyChain(params, initialFlow(params), params.initialInventory);
    this.chains = Array.from({ length: E }, () => steadyChain(params, 0, 0));
    this.baseChain = steadyChain(params, 0, 0);
    this.baseOrders = new Float64Array(this.horizon * STAGES);
    this.baseStock = searchBaseStock(params, this.start, Rng.forScenario(params.seed, BASE_STOCK_SALT));
    this.orders = new Float64Array(this.horizon * E * STAGES);
    this.demand = new Float64Array(this.horizon * E);
    this.costSum = new Float64Array(E * STAGES);
    this.adjustSum = new Float64Array(E * STAGES);
    this.windows = new TargetWindows(this.population, this.horizon, params.target === 'data' ? Float64Array.from(decodeSeries(params.targetData, ORDERS)) : null);
    // The reference's orders are the demand: its distribution from a stream of its own.
    const ref = Rng.forScenario(params.seed, 0x5ca1ab1e);
    this.passThrough = Float64Array.from({ length: PASS_THROUGH_EPISODES * this.horizon }, (_, i) => drawDemand(params, i % this.horizon, ref)).sort();
    // Until the trainer hands one to beginEpisode: a stream of this scenario's own.
    this.rng = Rng.forScenario(params.seed, 0x0b5ee7);
    this.population.drawLambdas(this.rng);
    this.reset();
  }

  /** Every chain back to the steady state; the windows forgotten. */
  reset(): void {
    this.newGame();
    this.windows.reset();
  }

  private newGame(): void {
    for (const c of this.chains) copyChain(this.start, c);
    copyChain(this.start, this.baseChain);
    this.baseCost.fill(0);
    this.aggregate.fill(this.start.incoming[STAGES - 1]);
    this.costSum.fill(0);
    this.adjustSum.fill(0);
  }

  /** A new game: lambda_i drawn (CalibratedPopulation), every chain at the steady state; rng then drives the demand. */
  beginEpisode(rng: Rng): void {
    this.windows.beginEpisode();
    this.rng = rng;
    this.population.drawLambdas(rng);
    this.newGame();
  }

  observe(out: Float32Array): void {
    const { copies, obsScale } = this;
    const lambda = this.population.lambda;
    out.fill(0);
    for (let e = 0; e < copies; e++) {
      const c = this.chains[e];
      for (let k = 0; k < STAGES; k++) {
        const i = e * STAGES + k;
        const o = i * OBS_DIM;
        out[o] = (c.inventory[k] - c.backlog[k]) / obsScale;
        out[o + 1] = c.incoming[k] / obsScale;
        out[o + 2] = c.supplyLine[k] / obsScale;
        out[o + 3 + k] = 1;
        out[o + LAMBDA_COLUMN] = lambda[i];
      }
    }
  }

  step(actions: Int32Array, rewardsOut: Float32Array): void {
    const { copies, outcome, adjust, safety } = this;
    const R = this.population.rationalCopy;
    // A run longer than the horizon without beginEpisode plays a new game with the same lambdas.
    if (this.windows.step === this.horizon) {
      this.windows.beginEpisode();
      this.newGame();
    }
    const t = this.windows.step;
    for (let e = 0; e < copies; e++) {
      for (let k = 0; k < STAGES; k++) safety[k] = safetyStock(actions[e * STAGES + k]);
      orderUpTo(this.p, this.chains[e], demandLevel(this.p, t), safety, adjust);
      const d = drawDemand(this.p, t, this.rng);
      week(this.p, this.chains[e], d, adjust, outcome);
      this.demand[t * copies + e] = d;
      for (let k = 0; k < STAGES; k++) {
        const i = e * STAGES + k;
        rewardsOut[i] = -outcome.cost[k];
        this.costSum[i] += outcome.cost[k];
        this.adjustSum[i] += Math.abs(outcome.ordered[k] - outcome.incoming[k]);
        this.orders[(t * copies + e) * STAGES + k] = outcome.ordered[k];
      }
      this.aggregate[e] = outcome.ordered[STAGES - 1];
      this.windows.record(e, this.aggregate[e]);
      if (e === R) this.baseWeek(t, d);
    }
    this.windows.endStep();
  }

  /** The base-stock chain's week t on the rational chain's demand d. */
  private baseWeek(t: number, d: number): void {
    const { outcome } = this;
    baseStockWeek(this.p, this.baseChain, t, d, this.baseStock.safety, this.adjust, outcome);
    for (let k = 0; k < STAGES; k++) {
      this.baseCost[k] += outcome.cost[k];
      this.baseOrders[t * STAGES + k] = outcome.ordered[k];
    }
  }

  /** The target, sorted: the observed orders, or the target chains' factory orders over the window. */
  target(): Float64Array | null {
    return this.windows.target();
  }

  report(aggregates: Float64Array, steps: number): { metrics: Record<string, number>; snapshots: Record<string, Float32Array> } {
    const { copies: E, leaderCopies: L } = this;
    const T = Math.min(steps, this.windows.step);
    const R = this.population.rationalCopy;
    const reference = { key: PASS_THROUGH.key, errors: (target: Float64Array) => quantileErrors(this.passThrough, target) };
    const { metrics, pooled, target, targetPath } = calibrationFigures(ORDER_SERIES, this.population, this.windows, aggregates, T, reference);
    const weekly = (sums: Float64Array) => Float64Array.from(sums, (s) => (T > 0 ? s / T : NaN));
    const costs = weekly(this.costSum);
    const bullwhip = bullwhipRatios(this.orders, this.demand, E, 0, L, T);
    const bullwhipRational = bullwhipRatios(this.orders, this.demand, E, R, R + 1, T);
    const rationalDemand = Float64Array.from({ length: T }, (_, t) => this.demand[t * E + R]);
    const bullwhipBaseStock = bullwhipRatios(this.baseOrders, rationalDemand, 1, 0, 1, T);
    const cost = stageMeans(costs, 0, L);
    const costRational = stageMeans(costs, R, R + 1);
    const groups: [string, Float64Array][] = [['bullwhip', bullwhip], ['bullwhipRational', bullwhipRational], ['bullwhipBaseStock', bullwhipBaseStock], ['cost', cost], ['costRational', costRational]];
    for (const [key, values] of groups) values.forEach((v, k) => (metrics[`${key}${k}`] = v));
    metrics.chainCost = cost.reduce((a, b) => a + b, 0);
    metrics.chainCostRational = costRational.reduce((a, b) => a + b, 0);
    metrics.chainCostBaseStock = T > 0 ? this.baseCost.reduce((a, b) => a + b, 0) / T : NaN;
    const adjustments = weekly(this.adjustSum).subarray(0, L * STAGES);
    metrics.adjustment = mean(adjustments);
    // Orders by skill: each of the calibrator's stages, by its lambda_i.
    const lambdas = this.population.lambda.subarray(0, L * STAGES);
    const bySkill = Array.from(lambdas, (_, i) => i).sort((a, b) => lambdas[a] - lambdas[b]);
    const path = (e: number, k: number) => Float32Array.from({ length: T }, (_, t) => this.orders[(t * E + e) * STAGES + k]);
    const snapshots: Record<string, Float32Array> = {
      demand: Float32Array.from({ length: T }, (_, t) => this.demand[t * E]),
      orders0: path(0, 0),
      orders1: path(0, 1),
      orders2: path(0, 2),
      orders3: path(0, 3),
      targetOrders: targetPath,
      bullwhip: Float32Array.from(bullwhip),
      bullwhipRational: Float32Array.from(bullwhipRational),
      bullwhipBaseStock: Float32Array.from(bullwhipBaseStock),
      passThrough: new Float32Array(STAGES).fill(1),
      skillLambda: Float32Array.from(bySkill, (i) => lambdas[i]),
      skillAdjustment: Float32Array.from(bySkill, (i) => adjustments[i]),
      histCost: costHistogram(costs.subarray(0, L * STAGES)),
      histCostRational: costHistogram(costs.subarray(R * STAGES, (R + 1) * STAGES)),
      histSim: orderHistogram(pooled),
      histTarget: target ? orderHistogram(target) : new Float32Array(0),
      lambdas: Float32Array.from(this.population.lambda.subarray(0, STAGES)),
    };
    return { metrics, snapshots };
  }
}
