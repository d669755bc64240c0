/**
 * The fairness leaders of ADAGE-Diff: ascent on U_L = -G (the Gini of cumulative returns),
 * tau <- clip(tau + alpha_L dU_L/dtau, 0, tauMax), every run with its own tau.
 *
 * The rollout leader (the default, RolloutLeader below) looks at the Gini the run will end with.
 * The two gradient leaders (FairnessLeader) differentiate the same objective, the fairness of the cumulative returns as if
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
import { followerStep, gini, payoffs, taxedUtility, type Game } from './model';
import { RowOrder } from './ranks';

/** What the leader sees after iteration t: the strategies about to be played, the sums so far. */
export interface LeaderView {
  /** a_{t+1}, [runs x N]. */
  a: tf.Tensor2D;
  /** Rpre_t = sum of U_i over the iterations played, [runs x N]. */
  utilitySum: tf.Tensor2D;
  /** T_t = sum of a_i max(a_i - m, 0) over the iterations played, [runs x N]. */
  taxBaseSum: tf.Tensor2D;
  /** R_t = sum of U_i^T over the iterations played, at the taus played, [runs x N]. */
  returns: tf.Tensor2D;
  /** t + 1, the next iteration to be played (for who is active in the lookahead). */
  nextIteration: number;
  /** I - t - 1, the iterations still to be played. */
  remaining: number;
}

/** A fairness leader's step on every run's tau, [runs x 1]. */
export interface TaxLeader {
  step(view: LeaderView, tau: tf.Variable<tf.Rank.R2>): Promise<void>;
}

export interface FairnessLeaderConfig {
  alphaL: number;
  tauMax: number;
  /** Iterations simulated ahead: 0 for the myopic gradient, k for the unrolled one. */
  lookahead: number;
  /** alpha_F times 1 for an active agent, 0 for one not yet in, at iteration t ([1 x N]). */
  stepSize(iteration: number): tf.Tensor;
}

export class FairnessLeader implements TaxLeader {
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

/**
 * The rollout leader: U_L is minus the Gini the run ends with, G(R_I). At each of its steps it
 * plays the rest of the run out twice on copies, from the current strategies and returns, with
 * tau held at tau + delta and at tau - delta (within [0, tauMax]): the followers take their own
 * gradient steps and the late group arrives on schedule, as in the run itself. tau moves in the
 * direction of the difference U_L(tau+) - U_L(tau-) by a step of its own (Rprop): delta at first,
 * times 1.2 while the direction holds, times 0.5 when it flips (and then no move). No tax is a
 * third candidate, played out too: where it ends fairer than both, tau goes to 0. A step
 * proportional to the difference (alpha_L times it) was too short where the final Gini is flat in
 * tau (c >= 0.6: it hardly moves below tau = 1, while the best tax is the cap) and too long where
 * it is steep; see the README's figures.
 *
 * Why not a derivative: the followers' response to a tax is agents entering or leaving, held at
 * a = 0 or 1 by the projection; at one tau a pinned agent's derivative is 0, so no gradient sees
 * the late group kept out or let in. And why the whole rest of the run: the gradient leaders'
 * objective, G(Rpre_t - tau T_t), applies the candidate tau to the history and rewards it for
 * levelling down the early group's past surplus. With the late group at I/2 and tauMax 5 it drove
 * tau to its cap before the late group arrived, and at c = 0.45 and 0.5 the final Gini rose above
 * no tax's (0.199 -> 0.236, 0.177 -> 0.258 at N = 100). See the README's measured figures.
 */
/** Rprop's factors for the rollout leader's step while the slope keeps its sign, and when it flips. */
const STEP_GROWTH = 1.2;
const STEP_SHRINK = 0.5;

export class RolloutLeader implements TaxLeader {
  /** The sort of each played row's returns, kept from step to step (it starts near sorted), by row count. */
  private readonly orders = new Map<number, RowOrder>();

  /** Each run's current step, and the slope its last step followed (0 after a sign change). */
  private readonly stepSize: Float32Array;
  private readonly lastSlope: Float32Array;

  constructor(
    private readonly game: Game,
    private readonly config: Omit<FairnessLeaderConfig, 'lookahead' | 'alphaL'> & { delta: number },
    private readonly runs: number,
  ) {
    this.stepSize = new Float32Array(runs).fill(config.delta);
    this.lastSlope = new Float32Array(runs);
  }

  /** Each run's final Gini with tau held at `taus` (blocks of `runs`: tau+, tau-, then 0 where played) to the end. */
  private async finalGinis(view: LeaderView, taus: Float32Array): Promise<Float64Array> {
    const { game, config } = this;
    const tau = tf.tensor2d(taus, [taus.length, 1]);
    const copies = taus.length / this.runs;
    let [a, returns] = tf.tidy(() => [tf.tile(view.a, [copies, 1]), tf.tile(view.returns, [copies, 1])] as tf.Tensor2D[]);
    for (let j = 0; j < view.remaining; j++) {
      const played: tf.Tensor2D[] = tf.tidy(() => [
        tf.add<tf.Tensor2D>(returns, taxedUtility(payoffs(game, a, a), tau)),
        j + 1 < view.remaining ? followerStep(game, a, tau, config.stepSize(view.nextIteration + j)) : tf.clone(a),
      ]);
      tf.dispose([a, returns]);
      [returns, a] = played;
    }
    const values = await returns.data();
    tf.dispose([a, returns, tau]);
    if (!this.orders.has(taus.length)) this.orders.set(taus.length, new RowOrder(taus.length, game.n));
    const order = this.orders.get(taus.length)!;
    order.update(values);
    return order.gini(values);
  }

  async step(view: LeaderView, tau: tf.Variable<tf.Rank.R2>): Promise<void> {
    if (view.remaining <= 0) return;
    const { runs, config } = this;
    const current = await tau.data();
    const up = current.map((t) => Math.min(t + config.delta, config.tauMax));
    const down = current.map((t) => Math.max(t - config.delta, 0));
    // No tax is always a candidate. Where every tau - delta is already 0 it is that candidate,
    // played once.
    const zeroPlayed = down.some((d) => d > 0);
    const g = await this.finalGinis(view, Float32Array.from(zeroPlayed ? [...up, ...down, ...new Float32Array(runs)] : [...up, ...down]));
    const noTax = zeroPlayed ? 2 * runs : runs;
    const next = current.map((t, r) => {
      // Where no tax ends fairer than both neighbours, the tax goes.
      if (t > 0 && g[noTax + r] < Math.min(g[r], g[runs + r])) {
        this.stepSize[r] = config.delta;
        this.lastSlope[r] = 0;
        return 0;
      }
      const slope = -(g[r] - g[runs + r]) / (up[r] - down[r]);
      const agrees = slope * this.lastSlope[r];
      if (agrees > 0) this.stepSize[r] = Math.min(this.stepSize[r] * STEP_GROWTH, config.tauMax / 2);
      else if (agrees < 0) this.stepSize[r] = Math.max(this.stepSize[r] * STEP_SHRINK, config.delta / 100);
      // After a sign change the step is not taken (iRprop-), so the next one compares afresh.
      this.lastSlope[r] = agrees < 0 ? 0 : slope;
      const move = agrees < 0 ? 0 : Math.sign(slope) * this.stepSize[r];
      return Math.min(Math.max(t + move, 0), config.tauMax);
    });
    tf.tidy(() => tau.assign(tf.tensor2d(next, [runs, 1])));
  }
}
