/**
 * The differentiable market entrance game (ADAGE-Diff) as pure tensor functions over a batch of
 * runs: strategies a are [runs x N] attendance probabilities a_i in [0, 1], the over-use tax tau
 * is [runs x 1], one per run. Symbols as in the README.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface Game {
  /** N, agents per run. */
  n: number;
  /** C = c N. */
  capacity: number;
  /** v, the stay-out payoff. */
  v: number;
}

/** What agent i gets for one play, before the tax, and the base the tax rate applies to. */
export interface Payoffs {
  /** U_i = v + 2 a_i (C - m_i). */
  utility: tf.Tensor2D;
  /** a_i max(a_i - m, 0): the tax paid is tau times this. */
  taxBase: tf.Tensor2D;
}

/**
 * Each agent's payoff terms as a function of its own strategy `aLive`, with everyone else's
 * strategies taken from `aConst` (the same values). Differentiating with respect to `aLive`
 * alone then gives each agent the derivative of its own payoff with the others held fixed.
 * - m_i = 1 + sum_{j != i} a_j: the attendance an entering agent meets, itself included.
 * - m = (sum_{j != i} a_j + a_i) / N: mean attendance probability, which the agent knows its own
 *   a_i is part of (dm/da_i = 1/N).
 */
export function payoffs(game: Game, aLive: tf.Tensor2D, aConst: tf.Tensor2D): Payoffs {
  const others = tf.sub(tf.sum(aConst, 1, true), aConst);
  const crowd = tf.add(others, 1);
  const utility = tf.add<tf.Tensor2D>(game.v, tf.mul(tf.mul(2, aLive), tf.sub(game.capacity, crowd)));
  const meanAttendance = tf.div(tf.add(others, aLive), game.n);
  const taxBase = tf.mul<tf.Tensor2D>(aLive, tf.relu(tf.sub(aLive, meanAttendance)));
  return { utility, taxBase };
}

/** U_i^T = U_i - tau a_i max(a_i - m, 0). */
export function taxedUtility(p: Payoffs, tau: tf.Tensor): tf.Tensor2D {
  return tf.sub(p.utility, tf.mul(tau, p.taxBase));
}

/**
 * dU_i^T / da_i for every agent of every run, by autodiff: the gradient of sum_i U_i^T with
 * respect to the live copy only. The live copy is a new tensor (a clone), so that the others'
 * strategies, read from `a` itself, are constants to this gradient. Nested inside an outer
 * tf.grad (the unrolled leader), the result still depends on `a` and tau through both copies.
 */
export function ownGradients(game: Game, a: tf.Tensor2D, tau: tf.Tensor): tf.Tensor2D {
  const own = tf.grad((aLive: tf.Tensor) => tf.sum(taxedUtility(payoffs(game, aLive as tf.Tensor2D, a), tau)));
  return own(tf.clone(a)) as tf.Tensor2D;
}

/**
 * One projected gradient-ascent step of every agent on its own utility:
 * a_i <- clip(a_i + alpha_F dU_i^T/da_i, 0, 1). `stepSize` is alpha_F for an active agent and 0
 * for one not yet in the game ([1 x N] or [runs x N]).
 */
export function followerStep(game: Game, a: tf.Tensor2D, tau: tf.Tensor, stepSize: tf.Tensor): tf.Tensor2D {
  return tf.clipByValue(tf.add<tf.Tensor2D>(a, tf.mul(stepSize, ownGradients(game, a, tau))), 0, 1);
}

const GINI_FLOOR = 1e-30;

/**
 * The Gini coefficient of each run's returns R (a row of [runs x N]), as a differentiable
 * function of R with the ranks held constant:
 *   G = sum_k (2 rank_k - N - 1) R'_k / (N sum_k R'_k),  R' = R - min(0, min_j R_j),
 * which equals sum_i sum_j |R_i - R_j| / (2 N^2 mean R') for any ranking of the current values
 * (1 = lowest; ties in any order), and so has the pairwise formula's gradient wherever no two
 * returns are equal. The shift makes the values non-negative, as the Gini needs, without moving
 * returns that already are; it enters only the denominator, since the weights sum to 0. The
 * minimum is read through the rank-1 agent rather than tf.min, whose gradient would go to every
 * agent tied at the minimum. G = 0 when every R' is 0.
 */
export function gini(returns: tf.Tensor2D, ranks: tf.Tensor2D): tf.Tensor1D {
  const n = returns.shape[1];
  const lowest = tf.sum(tf.mul(tf.cast(tf.equal(ranks, 1), 'float32'), returns), 1, true);
  const shifted = tf.sub(returns, tf.minimum(lowest, 0));
  const total = tf.sum(shifted, 1);
  const weighted = tf.sum(tf.mul(tf.sub(tf.mul(2, ranks), n + 1), shifted), 1);
  // The floor only acts when every R' is 0, where the numerator is 0 too (tf.where would need
  // a gradient through its comparison, which tfjs does not have).
  return tf.div(weighted, tf.maximum(tf.mul(total, n), GINI_FLOOR));
}
