/**
 * The cobweb market's equations (Hommes et al. 2007, as in ADAGE appendix B.2): supply, price,
 * the producers' payoff, the rational-expectations price, and the bounded-rationality cost.
 * Pure functions, tested against hand-computed values.
 */

/** Demand intercept a and slope b: demand a - b p. */
export const A = 13.8;
export const B = 1.5;
/** Steepness psi of the S-shaped supply, and its centre. */
export const PSI = 2;
export const SUPPLY_CENTRE = 6;
/** Predictions p-hat lie in [0, P_HAT_MAX], on LEVELS evenly spaced values (step 0.5). */
export const P_HAT_MAX = 10;
export const LEVELS = 21;
/** Payoff max(0, REWARD_MAX - REWARD_SLOPE (p - p-hat)^2): zero once |p - p-hat| > sqrt(5). */
export const REWARD_MAX = 1300;
export const REWARD_SLOPE = 260;

/** S(x) = tanh(psi (x - 6)) + 1: what a producer who expects price x brings to market. */
export function supply(x: number): number {
  return Math.tanh(PSI * (x - SUPPLY_CENTRE)) + 1;
}

/** p-hat of action (level index) k. */
export function predictionLevel(k: number): number {
  return (k * P_HAT_MAX) / (LEVELS - 1);
}

/** p_t = (a - sum_j S(p-hat_j,t)) / b + eps_t: the price that clears the market. */
export function marketPrice(predictions: ArrayLike<number>, eps: number): number {
  let s = 0;
  for (let j = 0; j < predictions.length; j++) s += supply(predictions[j]);
  return (A - s) / B + eps;
}

/** A producer's payoff for predicting pHat when the price turns out p. */
export function producerReward(p: number, pHat: number): number {
  return Math.max(0, REWARD_MAX - REWARD_SLOPE * (p - pHat) ** 2);
}

/**
 * The rational-expectations price p*: the fixed point p = (a - n S(p)) / b when every producer
 * predicts p and eps = 0. p + n S(p) / b is strictly increasing, so bisection on [0, a / b]
 * (where it starts below and ends above a / b) finds the single root.
 */
export function rationalPrice(n: number): number {
  const f = (p: number) => p - (A - n * supply(p)) / B;
  let lo = 0;
  let hi = A / B;
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) > 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * KL(pi || uniform over K) = sum_k pi_k log(K pi_k) = log K - H(pi): the information cost a
 * producer with weight lambda_i pays for a policy that departs from predicting at random.
 */
export function klToUniform(probs: ArrayLike<number>): number {
  let kl = 0;
  for (let k = 0; k < probs.length; k++) if (probs[k] > 0) kl += probs[k] * Math.log(probs.length * probs[k]);
  return kl;
}
