/**
 * The base-stock reference: its levels at Sterman's chain, against the newsvendor's and the
 * pass-through chain, and the search's stopping rule (no one-unit move of a stage lowers the
 * cost on its games).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { baseStockCost, searchBaseStock, SEARCH_WEEKS, type BaseStockParams } from './base-stock';
import { drawDemand } from './demand';
import { newOutcome, STAGES, steadyChain, week } from './model';

const P: BaseStockParams = {
  horizon: 52,
  demand: 'iid',
  demandMean: 8,
  demandStd: 2,
  seasonAmplitude: 4,
  seasonPeriod: 26,
  shipDelay: 2,
  productionDelay: 2,
  orderDelay: 1,
  holdingCost: 0.5,
  backlogCost: 1,
};

describe('the base-stock chain at Sterman’s delays and costs', () => {
  const start = steadyChain(P, 8, 12);
  const found = searchBaseStock(P, start, Rng.fromSeed(3));
  // The same games as the search's: the same stream.
  const rng = Rng.fromSeed(3);
  const demand = Float64Array.from({ length: SEARCH_WEEKS }, (_, i) => drawDemand(P, i % P.horizon, rng));

  it('keeps a few units of safety stock, near the newsvendor’s z s sqrt(tau) = 1.5, and costs under half the pass-through chain’s', () => {
    console.log(`base-stock safety stocks ${Array.from(found.safety).join(', ')}; chain cost ${found.cost.toFixed(2)} a week`);
    for (const s of found.safety) expect(s >= 0 && s <= 5).toBe(true);
    expect(baseStockCost(P, start, demand, found.safety)).toBeCloseTo(found.cost, 9);
    // Passing every order on from the start keeps the 12 units on hand at every stage: 4 x 0.5 x 12 = 24 a week and more.
    const out = newOutcome();
    let passThrough = 0;
    for (let g = 0; g < SEARCH_WEEKS / P.horizon; g++) {
      const s = steadyChain(P, 8, 12);
      for (let t = 0; t < P.horizon; t++) {
        week(P, s, demand[g * P.horizon + t], [0, 0, 0, 0], out);
        passThrough += out.cost.reduce((a, b) => a + b, 0);
      }
    }
    expect(found.cost).toBeLessThan(0.5 * (passThrough / SEARCH_WEEKS));
  });

  it('stops where no stage’s safety stock moved by one unit lowers the chain’s cost', () => {
    for (let k = 0; k < STAGES; k++) {
      for (const step of [1, -1]) {
        const moved = Float64Array.from(found.safety, (s, j) => (j === k ? s + step : s));
        expect(baseStockCost(P, start, demand, moved)).toBeGreaterThanOrEqual(found.cost);
      }
    }
  });
});
