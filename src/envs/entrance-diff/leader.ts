/**
 * The fairness leader of ADAGE-Diff: gradient ascent on U_L = -G (the Gini of cumulative
 * returns), tau <- clip(tau + alpha_L dU_L/dtau, 0, tauMax), every run with its own tau.
 *
 * Both gradients differentiate the same objective, the fairness of the cumulative returns as if
 * the candidate tau had applied throughout, R(tau) = Rpre - tau T:
 * - myopic: the followers' play held at what it was, U_L(tau) = -G(Rpre_t - tau T_t).
 * - unrolled (a hypergradient, beyond the paper): first the next k iterations are simulated at
 *   tau, each a play and the followers' own-gradient step, as the run itself would go on, and
 *   U_L(tau) = -G(Rpre_{t+k}(tau) - tau T_{t+k}(tau)) is differentiated through the followers'
 *   adaptation (a tf.grad of each follower step nested inside this one). The lookahead leaves the
 *   real state alone. The k-th step would only feed iteration t + k + 1, outside the window, so
 *   it is not taken: k = 1 adds the next play at tau and no adaptation yet.
 */
import * as tf from '@tensorflow/tfjs';
import { followerStep, gini, payoffs, type Game } from './model';
import { RowOrder } from './ranks';

/** What the leader sees after iteration t: the strategies about to be played, the sums so far. */
export interface LeaderView {
  /** a_{t+1}, [runs x N]. */
  a: tf.Tensor2D;
  /** Rpre_t = sum of U_i over the iterations played, [runs x N]. */
  utilitySum: tf.Tensor2D;
  /** T_t = sum of a_i max(a_i - m, 0) over the iterations played, [runs x N]. */
  taxBaseSum: tf.Tensor2D;
  /** t + 1, the next iteration to be played (for who is active in the lookahead). */
  nextIteration: number;
}

export interface FairnessLeaderConfig {
  alphaL: number;
  tauMax: number;
  /** Iterations simulated ahead: 0 for the myopic gradient, k for the unrolled one. */
  lookahead: number;
  /** alpha_F times 1 for an active agent, 0 for one not yet in, at iteration t ([1 x N]). */
  stepSize(iteration: number): tf.Tensor;
}

export class FairnessLeader {
  private readonly order: RowOrder;

  constructor(
    private readonly game: Game,
    private readonly config: FairnessLeaderConfig,
    runs: number,
  ) {
    this.order = new RowOrder(runs, game.n);
  }

  /** R(tau) = Rpre - tau T after `lookahead` further iterations played at tau. */
  projectedReturns(view: LeaderView, tau: tf.Tensor): tf.Tensor2D {
    const { game, config } = this;
    let a = view.a;
    let utilitySum = view.utilitySum;
    let taxBaseSum = view.taxBaseSum;
    for (let j = 0; j < config.lookahead; j++) {
      if (j > 0) a = followerStep(game, a, tau, config.stepSize(view.nextIteration + j - 1));
      const p = payoffs(game, a, a);
      utilitySum = tf.add(utilitySum, p.utility);
      taxBaseSum = tf.add(taxBaseSum, p.taxBase);
    }
    return tf.sub(utilitySum, tf.mul(tau, taxBaseSum));
  }

  /**
   * dU_L/dtau for every run, [runs x 1]. The ranks come from a first evaluation at the current
   * tau, read back and sorted; the gradient pass then holds them constant (they are locally
   * constant in tau).
   */
  async gradient(view: LeaderView, tau: tf.Tensor2D): Promise<tf.Tensor2D> {
    const returns = tf.tidy(() => this.projectedReturns(view, tau));
    this.order.update(await returns.data());
    returns.dispose();
    return tf.tidy(() => {
      const ranks = tf.tensor2d(this.order.ranks(), view.a.shape);
      // Summed over runs: each run's tau moves only its own G, so this is each run's own gradient.
      const fairness = (t: tf.Tensor) => tf.neg(tf.sum(gini(this.projectedReturns(view, t), ranks)));
      return tf.grad(fairness)(tau) as tf.Tensor2D;
    });
  }

  /** One leader step: tau <- clip(tau + alpha_L dU_L/dtau, 0, tauMax). */
  async step(view: LeaderView, tau: tf.Variable<tf.Rank.R2>): Promise<void> {
    const grad = await this.gradient(view, tau);
    tf.tidy(() => tau.assign(tf.clipByValue(tf.add<tf.Tensor2D>(tau, tf.mul(this.config.alphaL, grad)), 0, this.config.tauMax)));
    grad.dispose();
  }
}
