/**
 * A Pigouvian tax on an externality (Pigou 1920; with market power, Buchanan 1969): n Cournot
 * firms of equal marginal cost c sell at P = max(0, a - b Q), Q = sum_j q_j, and each unit of
 * output does damage d to others, which the firms do not pay. A regulator taxes output at t per
 * unit (t < 0 is a subsidy), so firm i earns q_i (P - c - t). Welfare counts everyone:
 * W = consumer surplus + profits + tax revenue - d Q; the revenue is the firms' tax, so t only
 * moves W through Q. Pure functions, tested against hand-computed values.
 */

export interface PigouvianMarket {
  /** Demand intercept a and slope b: P = max(0, a - b Q). */
  a: number;
  b: number;
  /** Marginal cost c (every firm) and damage d per unit of output. */
  c: number;
  d: number;
}

type Demand = Pick<PigouvianMarket, 'a' | 'b'>;

/** The clearing price for total output Q: max(0, a - b Q). */
export function price(m: Demand, total: number): number {
  return Math.max(0, m.a - m.b * total);
}

/** Each firm's profit after tax q_i (P - c - t), into `out`; returns the price. */
export function profits(m: PigouvianMarket, t: number, q: ArrayLike<number>, out: Float64Array): number {
  let total = 0;
  for (let i = 0; i < q.length; i++) total += q[i];
  const p = price(m, total);
  for (let i = 0; i < q.length; i++) out[i] = q[i] * (p - m.c - t);
  return p;
}

/**
 * The symmetric Cournot quantity per firm under a tax t: the tax raises each firm's marginal
 * cost to c + t, so q(t) = (a - c - t) / (b (n + 1)), at least 0.
 */
export function nashQuantity(m: PigouvianMarket, n: number, t: number): number {
  return Math.max(0, (m.a - m.c - t) / (m.b * (n + 1)));
}

/** The rational (Cournot) total output at tax t: Q(t) = n (a - c - t) / (b (n + 1)), at least 0. */
export const nashOutput = (m: PigouvianMarket, n: number, t: number): number => n * nashQuantity(m, n, t);

/**
 * Consumer surplus at total output Q: the area under demand above the price,
 * integral_0^Q max(0, a - b x) dx - P Q = b min(Q, a / b)^2 / 2 (0 if a <= 0: no buyer).
 */
export function consumerSurplus(m: Demand, total: number): number {
  const served = Math.min(total, Math.max(0, m.a) / m.b);
  return (m.b * served * served) / 2;
}

/**
 * Welfare at total output Q: gross surplus integral_0^Q max(0, a - b x) dx minus production cost
 * c Q and damage d Q, i.e. CS + (P - c) Q - d Q; (a - c - d) Q - b Q^2 / 2 while P > 0.
 */
export function welfare(m: PigouvianMarket, total: number): number {
  return consumerSurplus(m, total) + (price(m, total) - m.c - m.d) * total;
}

/** The output that maximises W: Q° = (a - c - d) / b, where the price equals marginal social cost c + d. */
export const firstBestOutput = (m: PigouvianMarket): number => Math.max(0, (m.a - m.c - m.d) / m.b);

/** The most welfare there is, W(Q°) = (a - c - d)^2 / (2 b): the leader's reward unit. */
export const firstBestWelfare = (m: PigouvianMarket): number => welfare(m, firstBestOutput(m));

/**
 * The welfare-maximising tax: Q(t*) = Q° gives t* = d - (a - c - d) / n. Below the naive
 * Pigouvian t = d by the markup correction (a - c - d) / n: Cournot firms already hold output
 * below the competitive level, so taxing the full damage would cut it too far; negative (a
 * subsidy) when market power restricts output more than the damage warrants.
 */
export const optimalTax = (m: PigouvianMarket, n: number): number => m.d - (m.a - m.c - m.d) / n;
