/**
 * The base-stock (order-up-to) heuristic, the analytic reference a learning chain is measured
 * against: every stage k keeps its inventory position at tau_k m_t + s_k (model.ts `orderUpTo`)
 * with a fixed safety stock s_k, whatever it observes. A single stage facing iid demand over a
 * lead time tau is a newsvendor: s = z s_D sqrt(tau), z = Phi^-1(p / (p + h)) (0.43 at Sterman's
 * h = 0.5, p = 1). Upstream stages run short at times and delay the stages below them, so the
 * chain's levels are found by coordinate descent over whole-unit s_k from the newsvendor's,
 * on games of demand drawn once, each game from the learning chains' start.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Rng } from '../../engine/rng';
import { drawDemand, demandLevel, type DemandParams } from './demand';
import { copyChain, leadTime, newOutcome, orderUpTo, STAGES, steadyChain, week, type ChainParams, type ChainState } from './model';

export type BaseStockParams = ChainParams & DemandParams & { horizon: number };

/** The salt of the stream the levels are searched on (Rng.forScenario). */
export const BASE_STOCK_SALT = 0x0ba5e;

/** Weeks of demand the levels are searched on (whole games: 50 of the default 52 weeks). */
export const SEARCH_WEEKS = 2600;

/** One week of the base-stock chain `s` at safety stocks `safety`; `adjust` is scratch. */
export function baseStockWeek(p: BaseStockParams, s: ChainState, t: number, demand: number, safety: ArrayLike<number>, adjust: Float64Array, out: ReturnType<typeof newOutcome>): void {
  orderUpTo(p, s, demandLevel(p, t), safety, adjust);
  week(p, s, demand, adjust, out);
}

/** Each stage's mean cost per week at `safety`, over the games of `demand` (game-major), each from `start`. */
export function baseStockStageCosts(p: BaseStockParams, start: ChainState, demand: Float64Array, safety: ArrayLike<number>): Float64Array {
  const T = p.horizon;
  const s = steadyChain(p, 0, 0);
  const adjust = new Float64Array(STAGES);
  const out = newOutcome();
  const cost = new Float64Array(STAGES);
  for (let g = 0; g < demand.length / T; g++) {
    copyChain(start, s);
    for (let t = 0; t < T; t++) {
      baseStockWeek(p, s, t, demand[g * T + t], safety, adjust, out);
      for (let k = 0; k < STAGES; k++) cost[k] += out.cost[k];
    }
  }
  return cost.map((c) => c / demand.length);
}

/** The chain's mean cost per week (four stages summed) at `safety`. */
export const baseStockCost = (p: BaseStockParams, start: ChainState, demand: Float64Array, safety: ArrayLike<number>) =>
  baseStockStageCosts(p, start, demand, safety).reduce((a, b) => a + b, 0);

/** The games the levels are searched on: whole games covering SEARCH_WEEKS, drawn from `rng`. */
export const searchDemand = (p: BaseStockParams, rng: Rng) =>
  Float64Array.from({ length: Math.ceil(SEARCH_WEEKS / p.horizon) * p.horizon }, (_, i) => drawDemand(p, i % p.horizon, rng));

/**
 * The safety stocks s_k (whole units) of the cheapest base-stock chain found, and its cost per
 * week: from the newsvendor's levels, each stage's s_k moved by one unit while the chain's
 * cost falls, stage after stage, until no move helps.
 */
export function searchBaseStock(p: BaseStockParams, start: ChainState, rng: Rng): { safety: Float64Array; cost: number } {
  const demand = searchDemand(p, rng);
  // The newsvendor's critical ratio, kept off 0 and 1 (no backlog or no holding cost) for a finite start.
  const ratio = p.holdingCost + p.backlogCost > 0 ? p.backlogCost / (p.holdingCost + p.backlogCost) : 0.5;
  const z = normalQuantile(Math.min(0.99, Math.max(0.01, ratio)), 0, 1);
  const safety = Float64Array.from({ length: STAGES }, (_, k) => Math.round(z * p.demandStd * Math.sqrt(leadTime(p, k))));
  let cost = baseStockCost(p, start, demand, safety);
  for (let moved = true; moved; ) {
    moved = false;
    for (let k = 0; k < STAGES; k++) {
      for (const step of [1, -1]) {
        for (;;) {
          safety[k] += step;
          const c = baseStockCost(p, start, demand, safety);
          if (c < cost - 1e-9) {
            cost = c;
            moved = true;
          } else {
            safety[k] -= step;
            break;
          }
        }
      }
    }
  }
  return { safety, cost };
}
