/**
 * The Bewley-Aiyagari economy of ADAGE section 4.1 (after TaxAI): a Cobb-Douglas firm, HSV
 * tax schedules, the households' budget and utility, and their productivity process. Pure
 * functions, tested against hand-computed values; the batched environment composes them.
 */

/** Capital share alpha of the Cobb-Douglas firm, Y = K^alpha L^(1 - alpha). */
export const ALPHA = 1 / 3;
/** Depreciation rate delta of capital per step. */
export const DELTA = 0.06;
/**
 * Smallest capital and labour the firm prices with: an economy where nobody works or nobody
 * saves still quotes a finite wage and interest rate (the households' observations stay finite).
 */
export const FACTOR_FLOOR = 1e-6;
/**
 * 1 - xi is kept at least this large: the HSV schedule divides by 1 - xi, which at xi = 1
 * would make every tax an infinite subsidy.
 */
export const XI_GUARD = 1e-3;
/** Consumption below this counts as this in log c (a household with nothing left consumes 0). */
export const C_FLOOR = 1e-3;

/** W_t = (1 - alpha) (K_t / L_t)^alpha: the marginal product of labour. */
export function wage(K: number, L: number, alpha = ALPHA): number {
  return (1 - alpha) * (Math.max(K, FACTOR_FLOOR) / Math.max(L, FACTOR_FLOOR)) ** alpha;
}

/** r_t = alpha (K_t / L_t)^(alpha - 1) - delta: the marginal product of capital net of depreciation. */
export function interest(K: number, L: number, alpha = ALPHA, delta = DELTA): number {
  return alpha * (Math.max(K, FACTOR_FLOOR) / Math.max(L, FACTOR_FLOOR)) ** (alpha - 1) - delta;
}

/**
 * HSV (Heathcote, Storesletten, Violante) tax T(x, tau, xi) = x - (1 - tau) / (1 - xi) x^(1 - xi):
 * tau sets the level, xi the progressivity (xi = 0: a flat tax at rate tau). Where the formula
 * is negative (low x when xi > 0) nothing is paid and nothing is paid out: the lump-sum
 * transfer is the only subsidy. Measured: with negative taxes paid out, a government at
 * xi near 1 (T(1) = -999 when 1 - xi = 1e-3) made the transfer a large lump-sum levy, pushed
 * households into debt and capital below zero, and the economy diverged. So 0 <= T(x) <= x
 * and revenue is never negative. Nothing is taxed at or below x = 0; 1 - xi is at least XI_GUARD.
 */
export function hsvTax(x: number, tau: number, xi: number): number {
  if (!(x > 0)) return 0;
  const keep = Math.max(1 - xi, XI_GUARD);
  return Math.max(0, x - ((1 - tau) / keep) * x ** keep);
}

/**
 * The household's reward u(c, h) = log c - h^(1 + zeta) / (1 + zeta): consumption against the
 * disutility of work (zeta: the inverse Frisch elasticity).
 */
export function utility(c: number, h: number, zeta: number): number {
  return Math.log(Math.max(c, C_FLOOR)) - h ** (1 + zeta) / (1 + zeta);
}

/**
 * Splits cash on hand x between next period's assets and consumption by the savings ratio p:
 * a' = p x, c = (1 - p) x. A household whose cash on hand is not positive (taxes and a
 * negative transfer can exceed its resources) consumes nothing and carries x as debt, so
 * a' + c = x always: no money appears or vanishes.
 */
export function splitCash(x: number, p: number): { assets: number; consumption: number } {
  return x > 0 ? { assets: p * x, consumption: (1 - p) * x } : { assets: x, consumption: 0 };
}

/**
 * log e_(t+1) = rho log e_t + (1 - rho) m + sigma eps, eps ~ N(0, 1), with m = -s^2 / 2 and
 * s^2 = sigma^2 / (1 - rho^2) the stationary variance, so that e has stationary mean 1.
 */
export function nextLogProductivity(logE: number, rho: number, sigma: number, eps: number): number {
  return rho * logE + (1 - rho) * stationaryLogMean(rho, sigma) + sigma * eps;
}

/** The stationary mean of log e, -s^2 / 2 (see nextLogProductivity). */
export function stationaryLogMean(rho: number, sigma: number): number {
  return rho < 1 ? -(sigma * sigma) / (2 * (1 - rho * rho)) : 0;
}
