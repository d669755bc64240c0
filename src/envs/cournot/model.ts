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

/**
 * The Nash quantities with marginal costs c_i (not necessarily equal):
 * q_i* = (a - (n + 1) c_i + sum_j c_j) / (b (n + 1)) over the firms that produce. A firm whose
 * formula is not positive produces 0 and leaves the sums; the rest are solved again (at most n
 * rounds), so the result is each firm's best response to the others.
 */
export function nashQuantities(m: CournotMarket, costs: ArrayLike<number>): Float64Array {
  const n = costs.length;
  const active = new Array<boolean>(n).fill(true);
  const q = new Float64Array(n);
  for (let round = 0; round < n; round++) {
    let k = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (!active[i]) continue;
      k++;
      sum += costs[i];
    }
    let changed = false;
    for (let i = 0; i < n; i++) {
      q[i] = active[i] ? (m.a - (k + 1) * costs[i] + sum) / (m.b * (k + 1)) : 0;
      if (active[i] && q[i] <= 0) {
        active[i] = false;
        q[i] = 0;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return q;
}

/**
 * Marginal costs spread evenly over [c - spread, c + spread] (firm 0 the cheapest), all equal to
 * c when spread = 0 or n = 1.
 */
export function firmCosts(n: number, cost: number, spread: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (n > 1 ? cost + spread * ((2 * i) / (n - 1) - 1) : cost));
}
