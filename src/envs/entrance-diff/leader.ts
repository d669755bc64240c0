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
import * as tf from '@tensorflow/tfjs-core';
import { followerStep, gini, payoffs, taxedUtility, type Game } from './model';
import { beat } from '../../engine/heartbeat';
import { RowOrder } from './ranks';
import { ROLLOUT_CANDIDATES } from './config';

/** The rollout leader's first plan: taxes 0, tauMax / 10, ..., tauMax, each held all run. */
const INITIAL_GRID = 11;

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
  /** Also steps before the first iteration (a planner needs no history; a gradient of the history does). */
  readonly plansFromStart?: boolean;
  /** A live change of the bound tau_max and the gradient's step alpha_L, from the next step on. */
  retune(tuning: { tauMax: number; alphaL: number }): void;
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
    private config: FairnessLeaderConfig,
    runs: number,
  ) {
    this.order = new RowOrder(runs, game.n);
  }

  retune({ tauMax, alphaL }: { tauMax: number; alphaL: number }): void {
    this.config = { ...this.config, tauMax, alphaL };
  }

  /** R(tau) = Rpre - tau T after `lookahead` further iterations played at tau. */
  projectedReturns(view: LeaderView, tau: tf.Tensor): tf.Tensor2D {
    const { game, config } = this;
    let a = view.a;
    let utilitySum = view.utilitySum;
    let taxBaseSum = view.taxBaseSum;
    for (let j = 0; j < config.lookahead; j++) {
      beat();
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
 * plays the rest of the run out on copies, from the current strategies and returns, with tau
 * held at each of four candidates: tau as it is, tau + s, tau - s (within [0, tauMax]) and no
 * tax. The followers take their own gradient steps and the late group arrives on schedule, as in
 * the run itself, so a candidate's final Gini is the one the run would end with if tau stayed
 * there. tau goes to the candidate that ends fairest (a tie keeps tau). The step s adapts
 * (Rprop's factors): x1.2 when a move goes the way the last one went, x0.5 when holding wins;
 * no tax winning starts it afresh at delta.
 *
 * The leader plans from the first iteration on (no history is needed): before it, every tax of a
 * grid over [0, tauMax] (no tax among them) is held all run on copies, and each run starts at its
 * fairest. Holding is a candidate at every step after, so the Gini it predicts can only fall from
 * step to step. A run of this leader therefore ends at most as unequal as the same run with any
 * tax of that grid held throughout, no tax included (up to float rounding between the copies and
 * the run).
 *
 * Why not a derivative: the followers' response to a tax is agents entering or leaving, held at
 * a = 0 or 1 by the projection; at one tau a pinned agent's derivative is 0, so no gradient sees
 * the late group kept out or let in. And why the whole rest of the run: the gradient leaders'
 * objective, G(Rpre_t - tau T_t), applies the candidate tau to the history and rewards it for
 * levelling down the early group's past surplus. With the late group at I/2 and tauMax 5 it drove
 * tau to its cap before the late group arrived, and at c = 0.45 and 0.5 the final Gini rose above
 * no tax's (0.199 -> 0.236, 0.177 -> 0.258 at N = 100). See the README's measured figures.
 */
/** Rprop's factors for the rollout leader's step after a move that repeats the last one's direction, and after holding wins. */
const STEP_GROWTH = 1.2;
const STEP_SHRINK = 0.5;

export class RolloutLeader implements TaxLeader {
  /** It plans before the first iteration too (TaxLeader.plansFromStart). */
  readonly plansFromStart = true;
  /** The sort of each played row's returns, kept from step to step (it starts near sorted), by row count. */
  private readonly orders = new Map<number, RowOrder>();

  /** Each run's current step, and the direction of its last move (+1, -1, 0 after holding or no tax). */
  private readonly stepSize: Float32Array;
  private readonly lastMove: Int32Array;

  constructor(
    private readonly game: Game,
    private config: Omit<FairnessLeaderConfig, 'lookahead' | 'alphaL'> & { delta: number },
    private readonly runs: number,
  ) {
    this.stepSize = new Float32Array(runs).fill(config.delta);
    this.lastMove = new Int32Array(runs);
  }

  /** A new bound for its candidates (it takes no gradient step, so alpha_L is not its). */
  retune({ tauMax }: { tauMax: number }): void {
    this.config = { ...this.config, tauMax };
  }

  /** Each run's final Gini with tau held at `taus` (blocks of `runs`, one per candidate) to the end. */
  private async finalGinis(view: LeaderView, taus: Float32Array): Promise<Float64Array> {
    const { game, config } = this;
    const tau = tf.tensor2d(taus, [taus.length, 1]);
    const copies = taus.length / this.runs;
    let [a, returns] = tf.tidy(() => [tf.tile(view.a, [copies, 1]), tf.tile(view.returns, [copies, 1])] as tf.Tensor2D[]);
    for (let j = 0; j < view.remaining; j++) {
      beat();
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

  /** Each candidate's final Gini per run (candidates: one tau per run each), played out ROLLOUT_CANDIDATES at a time. */
  private async outcomes(view: LeaderView, candidates: Float32Array[]): Promise<Float64Array[]> {
    const out: Float64Array[] = [];
    for (let k = 0; k < candidates.length; k += ROLLOUT_CANDIDATES) {
      const chunk = candidates.slice(k, k + ROLLOUT_CANDIDATES);
      const g = await this.finalGinis(view, Float32Array.from(chunk.flatMap((c) => [...c])));
      chunk.forEach((_, j) => out.push(g.subarray(j * this.runs, (j + 1) * this.runs)));
    }
    return out;
  }

  /**
   * The plan from the start: every tax of a grid over [0, tauMax] held all run, played out; each
   * run starts at its fairest (no tax first on a tie). The steps that follow refine it.
   */
  private async initialPlan(view: LeaderView, tau: tf.Variable<tf.Rank.R2>): Promise<void> {
    const { runs, config } = this;
    const grid = Array.from({ length: INITIAL_GRID }, (_, k) => (config.tauMax * k) / (INITIAL_GRID - 1));
    const g = await this.outcomes(view, grid.map((t) => new Float32Array(runs).fill(t)));
    const start = Array.from({ length: runs }, (_, r) => grid[g.reduce((best, gk, k) => (gk[r] < g[best][r] ? k : best), 0)]);
    tf.tidy(() => tau.assign(tf.tensor2d(start, [runs, 1])));
  }

  async step(view: LeaderView, tau: tf.Variable<tf.Rank.R2>): Promise<void> {
    if (view.remaining <= 0) return;
    if (view.nextIteration === 0) return this.initialPlan(view, tau);
    const { runs, config } = this;
    const hold = (await tau.data()) as Float32Array;
    const up = hold.map((t, r) => Math.min(t + this.stepSize[r], config.tauMax));
    const down = hold.map((t, r) => Math.max(t - this.stepSize[r], 0));
    // No tax is a candidate of its own only where it is none of the others somewhere.
    const zeroPlayed = hold.some((t, r) => t > 0 && down[r] > 0);
    const candidates = zeroPlayed ? [hold, up, down, new Float32Array(runs)] : [hold, up, down];
    const g = await this.outcomes(view, candidates);
    const next = hold.map((t, r) => {
      // The fairest end; on a tie the earlier candidate (holding first).
      let best = 0;
      for (let k = 1; k < candidates.length; k++) if (g[k][r] < g[best][r]) best = k;
      if (candidates[best][r] === 0) {
        // No tax wins (as itself, or as tau - s or tau held at 0): where the leader goes next starts afresh.
        this.stepSize[r] = config.delta;
        this.lastMove[r] = 0;
        return 0;
      }
      if (best === 0) {
        this.stepSize[r] = Math.max(this.stepSize[r] * STEP_SHRINK, config.delta / 100);
        this.lastMove[r] = 0;
        return t;
      }
      const move = best === 1 ? 1 : -1;
      if (move === this.lastMove[r]) this.stepSize[r] = Math.min(this.stepSize[r] * STEP_GROWTH, config.tauMax / 2);
      this.lastMove[r] = move;
      return candidates[best][r];
    });
    tf.tidy(() => tau.assign(tf.tensor2d(next, [runs, 1])));
  }
}
