/**
 * The Cournot oligopoly's equations (Evans and Ganesh, arXiv 2402.00787): n firms each choose a
 * quantity q_i in [0, qMax]; the market clears at the inverse-demand price
 * P = max(0, a - b sum_j q_j), and firm i earns q_i (P - c_i). The symmetric Nash equilibrium
 * with equal costs, q* = (a - c) / (b (n + 1)), is the perfectly rational reference.
 * Pure functions, tested against hand-computed values.
 */

export interface CournotMarket {
  /** Demand intercept a and slope b: P = max(0, a - b Q). */
  a: number;
  b: number;
}

/** The clearing price for total quantity `total`: max(0, a - b Q). */
export function price(m: CournotMarket, total: number): number {
  return Math.max(0, m.a - m.b * total);
}

/** Each firm's profit q_i (P - c_i), into `out`, and the price, for quantities q and marginal costs c. */
export function profits(m: CournotMarket, q: ArrayLike<number>, c: ArrayLike<number>, out: Float64Array): number {
  let total = 0;
  for (let i = 0; i < q.length; i++) total += q[i];
  const p = price(m, total);
  for (let i = 0; i < q.length; i++) out[i] = q[i] * (p - c[i]);
  return p;
}

/**
 * Firm i's best response to the others' total `others` (argmax of q (a - b (q + others) - c)):
 * (a - c - b others) / (2 b), at least 0.
 */
export function bestResponse(m: CournotMarket, others: number, cost: number): number {
  return Math.max(0, (m.a - cost - m.b * others) / (2 * m.b));
}

/** The symmetric Nash quantity with n firms of equal cost c: (a - c) / (b (n + 1)), at least 0. */
export function nashQuantity(m: CournotMarket, n: number, cost: number): number {
  return Math.max(0, (m.a - cost) / (m.b * (n + 1)));
}
