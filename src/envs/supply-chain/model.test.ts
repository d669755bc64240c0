/**
 * The beer game's equations against hand-computed weeks: arrivals after the shipping and
 * production delays, fills from inventory, backlog, holding and backlog costs, orders anchored
 * on the incoming order, the order (information) delay, the supply line, the order-up-to rule;
 * and the demand series.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { demandLevel, drawDemand, initialFlow, type DemandParams } from './demand';
import { inventoryPosition, leadTime, LEVELS, newOutcome, orderUpTo, safetyStock, steadyChain, week, type ChainParams, type ChainState } from './model';

const P: ChainParams = { shipDelay: 2, productionDelay: 2, orderDelay: 1, holdingCost: 0.5, backlogCost: 1 };
const arr = (x: ArrayLike<number>) => Array.from(x);
/** What each stage has ordered and not received: orders in the mail, the backlog upstream, shipments in transit. */
const supplyLine = (s: ChainState, k: number) => (k === 3 ? 0 : arr(s.orders[k]).reduce((a, b) => a + b, 0) + s.backlog[k + 1]) + arr(s.inTransit[k]).reduce((a, b) => a + b, 0);

describe('the actions', () => {
  it('are 9 safety stocks -8, -6, ..., 8', () => {
    expect(Array.from({ length: LEVELS }, (_, k) => safetyStock(k))).toEqual([-8, -6, -4, -2, 0, 2, 4, 6, 8]);
  });
});

describe('a week of the chain (L = 2, L_prod = 2, d = 1, h = 0.5, p = 1)', () => {
  it('starts in the steady state at the flow', () => {
    const s = steadyChain(P, 8, 12);
    expect(arr(s.inventory)).toEqual([12, 12, 12, 12]);
    expect(s.inTransit.map(arr)).toEqual([[8, 8], [8, 8], [8, 8], [8, 8]]);
    expect(s.orders.map(arr)).toEqual([[8], [8], [8]]);
    // d + L = 3 weeks of flow below the factory, L_prod = 2 at the factory.
    expect(arr(s.supplyLine)).toEqual([24, 24, 24, 16]);
  });

  it('receives, fills, pays and orders as computed by hand', () => {
    const s = steadyChain(P, 8, 12);
    const out = newOutcome();
    // Week 1: demand 10; adjustments +2, 0, -4, +8.
    week(P, s, 10, [2, 0, -4, 8], out);
    expect(arr(out.arrived)).toEqual([8, 8, 8, 8]);
    expect(arr(out.incoming)).toEqual([10, 8, 8, 8]);
    expect(arr(out.shipped)).toEqual([10, 8, 8, 8]);
    expect(arr(s.inventory)).toEqual([10, 12, 12, 12]);
    expect(arr(s.backlog)).toEqual([0, 0, 0, 0]);
    expect(arr(out.cost)).toEqual([5, 6, 6, 6]);
    expect(arr(out.ordered)).toEqual([12, 8, 4, 16]);
    expect(s.orders.map(arr)).toEqual([[12], [8], [4]]);
    // Shipments join the pipeline below, 2 weeks out; the factory's order starts production.
    expect(s.inTransit.map(arr)).toEqual([[8, 8], [8, 8], [8, 8], [8, 16]]);
    expect(arr(s.supplyLine)).toEqual([28, 24, 20, 24]);

    // Week 2: demand 30, no adjustments. The retailer runs out: 18 on hand, 30 owed.
    week(P, s, 30, [0, 0, 0, 0], out);
    expect(arr(out.incoming)).toEqual([30, 12, 8, 4]);
    expect(arr(out.shipped)).toEqual([18, 12, 8, 4]);
    expect(arr(s.inventory)).toEqual([0, 8, 12, 16]);
    expect(arr(s.backlog)).toEqual([12, 0, 0, 0]);
    // h I + p B: 0 + 12, 4, 6, 8.
    expect(arr(out.cost)).toEqual([12, 4, 6, 8]);
    expect(arr(out.ordered)).toEqual([30, 12, 8, 4]);
    expect(s.inTransit.map(arr)).toEqual([[8, 12], [8, 8], [8, 4], [16, 4]]);

    // Week 3: no demand; the retailer's 8 arriving go to its backlog of 12, 4 still owed.
    week(P, s, 0, [0, 0, -8, 0], out);
    expect(out.arrived[0]).toBe(8);
    expect(out.shipped[0]).toBe(8);
    expect(s.backlog[0]).toBe(4);
    expect(out.cost[0]).toBe(4);
    // An order cannot go below 0: the distributor received 12 and adjusted by -8 (4), the retailer 0 + 0.
    expect(arr(out.ordered)).toEqual([0, 30, 4, 8]);
    for (let k = 0; k < 4; k++) expect(s.supplyLine[k]).toBe(supplyLine(s, k));
  });

  it('delays orders by d weeks before the stage above sees them', () => {
    const s = steadyChain({ ...P, orderDelay: 2 }, 8, 12);
    const out = newOutcome();
    const seen: number[] = [];
    week({ ...P, orderDelay: 2 }, s, 8, [6, 0, 0, 0], out); // the retailer orders 14
    seen.push(out.incoming[1]);
    for (let t = 0; t < 3; t++) {
      week({ ...P, orderDelay: 2 }, s, 8, [0, 0, 0, 0], out);
      seen.push(out.incoming[1]);
    }
    expect(seen).toEqual([8, 8, 14, 8]);
  });
});

describe('the order-up-to rule (L = 2, L_prod = 2, d = 1)', () => {
  it('tops each inventory position up to tau_k m + a_k, then passes orders on; an order cut at 0 leaves the position above', () => {
    expect([0, 1, 2, 3].map((k) => leadTime(P, k))).toEqual([3, 3, 3, 2]);
    const s = steadyChain(P, 8, 12);
    // IP = 12 on hand + 24 in the supply line (16 at the factory).
    expect([0, 1, 2, 3].map((k) => inventoryPosition(s, k))).toEqual([36, 36, 36, 28]);
    const x = new Float64Array(4);
    const out = newOutcome();
    // Targets 3 * 8 + [2, 0, -4] = 26, 24, 20 and 2 * 8 + 8 = 24.
    const safety = [2, 0, -4, 8];
    orderUpTo(P, s, 8, safety, x);
    expect(Array.from(x)).toEqual([-10, -12, -16, -4]);
    week(P, s, 10, x, out);
    // q = max(0, o + x): 10 - 10, cut at 0 twice, 8 - 4.
    expect(arr(out.ordered)).toEqual([0, 0, 0, 4]);
    expect([0, 1, 2, 3].map((k) => inventoryPosition(s, k))).toEqual([26, 28, 28, 24]);
    orderUpTo(P, s, 8, safety, x);
    week(P, s, 7, x, out);
    // At its level the retailer passes the demand on (7) and the factory its order (0 + 0); the
    // wholesaler received 0 and stays 4 above its level, the distributor 8 above.
    expect(arr(out.incoming)).toEqual([7, 0, 0, 0]);
    expect(arr(out.ordered)).toEqual([7, 0, 0, 0]);
    expect([0, 1, 2, 3].map((k) => inventoryPosition(s, k))).toEqual([26, 28, 28, 24]);
  });
});

describe('the demand series', () => {
  const d = (o: Partial<DemandParams>): DemandParams => ({ demand: 'iid', demandMean: 8, demandStd: 2, seasonAmplitude: 4, seasonPeriod: 26, ...o });

  it("Sterman's step: m / 2 in weeks 0-3, m from week 4; exact with s = 0", () => {
    const p = d({ demand: 'step', demandStd: 0 });
    const rng = Rng.fromSeed(1);
    expect(Array.from({ length: 7 }, (_, t) => drawDemand(p, t, rng))).toEqual([4, 4, 4, 4, 8, 8, 8]);
    expect(initialFlow(p)).toBe(4);
  });

  it('seasonal: m + A sin(2 pi t / P)', () => {
    const p = d({ demand: 'seasonal' });
    expect(demandLevel(p, 0)).toBe(8);
    expect(demandLevel(p, 6.5)).toBeCloseTo(12, 12);
    expect(demandLevel(p, 19.5)).toBeCloseTo(4, 12);
  });

  it('iid N(8, 2) rounded, at least 0: mean 8, std about 2.04 (rounding adds 1/12 to the variance)', () => {
    const rng = Rng.fromSeed(2);
    const xs = Array.from({ length: 20000 }, (_, t) => drawDemand(d({}), t, rng));
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(m).toBeCloseTo(8, 1);
    expect(Math.sqrt(v)).toBeCloseTo(Math.sqrt(4 + 1 / 12), 1);
    const low = Rng.fromSeed(3);
    expect(Array.from({ length: 200 }, (_, t) => drawDemand(d({ demandMean: 1, demandStd: 10 }), t, low)).every((x) => x >= 0)).toBe(true);
  });
});
