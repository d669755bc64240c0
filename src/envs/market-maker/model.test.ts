import { describe, expect, it } from 'vitest';
import { ltTrades, mmReward, nextPrice, pnl } from './model';

describe('the market', () => {
  it('moves the price as p_t = max(0, kappa p0 + (1 - kappa) p_(t-1) + sigma eps)', () => {
    // 0.01 * 100 + 0.99 * 90 + 2 * 0.5 = 1 + 89.1 + 1
    expect(nextPrice(90, 2, 0.5)).toBeCloseTo(91.1, 12);
    expect(nextPrice(100, 0, 0)).toBe(100);
    // 1 + 0 - 5 < 0: floored at 0
    expect(nextPrice(0, 1, -5)).toBe(0);
  });
  it('lets a buyer take the ask iff its value is above it, and a seller hit the bid iff below it', () => {
    expect(ltTrades(true, 101, 99.5, 100.5)).toEqual({ bought: true, sold: false });
    expect(ltTrades(true, 100.5, 99.5, 100.5)).toEqual({ bought: false, sold: false });
    expect(ltTrades(false, 99, 99.5, 100.5)).toEqual({ bought: false, sold: true });
    expect(ltTrades(false, 99.5, 99.5, 100.5)).toEqual({ bought: false, sold: false });
  });
  it("values the MM's trades at the previous price: PnL = q_bid (p_(t-1) - bid) + q_ask (ask - p_(t-1))", () => {
    expect(pnl(3, 2, 99, 101, 100)).toBeCloseTo(5, 12);
    // 3 * 1.5 + 2 * 0.5
    expect(pnl(3, 2, 99, 101, 100.5)).toBeCloseTo(5.5, 12);
    // bought above the previous price: a loss on that side
    expect(pnl(1, 0, 101, 103, 100)).toBeCloseTo(-1, 12);
  });
  it('rewards omega PnL / n + (1 - omega) m / n', () => {
    expect(mmReward(0.25, 5, 5, 10)).toBeCloseTo(0.5, 12);
    expect(mmReward(1, 3, 8, 4)).toBeCloseTo(0.75, 12);
    expect(mmReward(0, 3, 8, 4)).toBeCloseTo(2, 12);
  });
});
