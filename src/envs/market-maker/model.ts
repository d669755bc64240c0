/**
 * The market of ADAGE section 4.4: a mean-reverting price, zero-intelligence liquidity takers
 * (LTs) and a market maker's (MM) quotes, profit and market share. Pure functions, tested
 * against hand-computed values; the batched environment composes them.
 */

/** The fundamental price p0 and the mean reversion kappa towards it per step. */
export const P0 = 100;
export const KAPPA = 0.01;

/** p_t = max(0, kappa p0 + (1 - kappa) p_(t-1) + sigma eps), eps ~ N(0, 1). */
export function nextPrice(previous: number, sigma: number, eps: number): number {
  return Math.max(0, KAPPA * P0 + (1 - KAPPA) * previous + sigma * eps);
}

/** An LT who buys takes the ask iff its private value v exceeds it; one who sells hits the bid iff v is below it. */
export function ltTrades(isBuyer: boolean, value: number, bid: number, ask: number): { bought: boolean; sold: boolean } {
  return isBuyer ? { bought: value > ask, sold: false } : { bought: false, sold: value < bid };
}

/**
 * The MM's profit for a step: q_bid units bought from sellers at the bid and q_ask sold to
 * buyers at the ask, each valued at the previous price: q_bid (p_(t-1) - bid) + q_ask (ask - p_(t-1)).
 */
export function pnl(qBid: number, qAsk: number, bid: number, ask: number, previousPrice: number): number {
  return qBid * (previousPrice - bid) + qAsk * (ask - previousPrice);
}

/** The MM's reward: omega PnL_t / n + (1 - omega) m_t / n, with market share m_t = q_bid + q_ask. */
export function mmReward(omega: number, profit: number, share: number, n: number): number {
  return (omega * profit + (1 - omega) * share) / n;
}

/**
 * The expected reward per LT of half spread h when the price sits at p0 and private values are
 * N(p0, zeta): each LT trades with probability P(v > p0 + h) = 1 - Phi(h / zeta) (half buyers,
 * half sellers, symmetric), earning h, so E[reward] / n = (omega h + 1 - omega) (1 - Phi(h / zeta)).
 * The analytic best response the conditional policy should approach.
 */
export function expectedReward(h: number, omega: number, zeta: number, upperTail: (z: number) => number): number {
  return (omega * h + 1 - omega) * upperTail(h / zeta);
}
