/**
 * A run of ADAGE-Diff: `runs` independent runs side by side in [runs x N] tensors, each with its
 * own initialisation seed and its own tau. Iteration t (0-based), in this order:
 *   1. play: with a_t and tau_t every agent gets U_i^T; R, Rpre and T accumulate; the
 *      iteration's metrics are taken from this play;
 *   2. the active followers each take a projected gradient step on their own utility: a_{t+1};
 *   3. after an odd t, the fairness leader takes a gradient step on tau (used from t + 1 on).
 * G2 (the second half of the agents) is held at a = 0, earning v, until iota_G2 = round(lateStart I).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Scenario } from '../../scenario/schema';
import type { Experiment, IterationReport, ProbeReport, ProbeSide, TrainedState } from '../../engine/experiment';
import { assertFinite } from '../../engine/divergence';
import { mean } from '../../engine/metrics';
import { captureFields, restoreFields } from '../../engine/persist/fields';
import type { StateReader } from '../../engine/persist/state';
import { loadVariables, saveVariables } from '../../engine/persist/weights';
import { Rng } from '../../engine/rng';
import { leaderPeriod, ROLLOUT_DELTA_SHARE, totalIterations, type EntranceDiffParams } from './config';
import { FairnessLeader, RolloutLeader, type LeaderView, type TaxLeader } from './leader';
import { followerStep, payoffs, taxedUtility, type Game } from './model';
import { RowOrder } from './ranks';
import { summarise } from './report';

/**
 * Iterations the probe plays ahead (a few hundredths of the default run at alpha_F = 0.001 move
 * a_i by about 0.1 tau: visible at a strong tax, small at the paper's tau <= 0.1).
 */
export const PROBE_WINDOW = 100;

/** The probe's copies of the strategies and returns, and its sums over the window, [runs x N]. */
type WindowState = {
  a: tf.Tensor2D;
  returns: tf.Tensor2D;
  aSum: tf.Tensor2D;
  taxSum: tf.Tensor2D;
  utilitySum: tf.Tensor2D;
};

export function createEntranceDiffExperiment(p: EntranceDiffParams): Experiment {
  return new EntranceDiffExperiment(p);
}

class EntranceDiffExperiment implements Experiment {
  private iteration = 0;
  private readonly game: Game;
  private readonly runs: number;
  /** Agents 0..g1Size-1 of each run are G1 (indices < N/2), the rest G2. */
  private readonly g1Size: number;
  /** iota_G2: the first iteration in which G2 plays and learns. */
  private readonly lateStart: number;
  /** I, the run length. */
  private readonly totalIterations: number;
  /** a, [runs x N]. */
  private readonly a: tf.Variable<tf.Rank.R2>;
  /** tau, [runs x 1]. */
  private readonly tau: tf.Variable<tf.Rank.R2>;
  /** R_i = sum of U_i^T, Rpre_i = sum of U_i, T_i = sum of a_i max(a_i - m, 0), [runs x N]. */
  private readonly returns: tf.Variable<tf.Rank.R2>;
  private readonly utilitySum: tf.Variable<tf.Rank.R2>;
  private readonly taxBaseSum: tf.Variable<tf.Rank.R2>;
  /** alpha_F for every agent, and for G1 only (G2 not yet in), [1 x N]. */
  private readonly stepAll: tf.Tensor2D;
  private readonly stepG1: tf.Tensor2D;
  private readonly leader: TaxLeader | null;
  /** Iterations between the leader's steps. */
  private readonly leaderPeriod: number;
  private readonly returnsOrder: RowOrder;

  constructor(private readonly p: EntranceDiffParams) {
    const { n, runs } = p;
    this.game = { n, capacity: p.c * n, v: p.v };
    this.runs = runs;
    this.g1Size = Math.ceil(n / 2);
    this.totalIterations = totalIterations(p);
    this.lateStart = Math.round(p.lateStart * this.totalIterations);

    const root = Rng.fromSeed(p.seed);
    const a0 = new Float32Array(runs * n);
    for (let r = 0; r < runs; r++) {
      const rng = root.split();
      for (let i = 0; i < n; i++) {
        const startsIn = i < this.g1Size || this.lateStart === 0;
        a0[r * n + i] = p.init === 'uniform' && startsIn ? rng.uniform() : 0;
      }
    }
    const tau0 = p.leader === 'fixed' ? p.tau : 0;
    // Inside tidy: a variable keeps its initial value's data, and the initial tensor goes.
    const variable = (init: () => tf.Tensor) => tf.tidy(() => tf.variable(init() as tf.Tensor2D, false));
    this.a = variable(() => tf.tensor2d(a0, [runs, n]));
    this.tau = variable(() => tf.fill([runs, 1], tau0));
    this.returns = variable(() => tf.zeros([runs, n]));
    this.utilitySum = variable(() => tf.zeros([runs, n]));
    this.taxBaseSum = variable(() => tf.zeros([runs, n]));
    this.stepAll = tf.fill([1, n], p.alphaF) as tf.Tensor2D;
    this.stepG1 = tf.tensor2d(Float32Array.from({ length: n }, (_, i) => (i < this.g1Size ? p.alphaF : 0)), [1, n]);
    this.returnsOrder = new RowOrder(runs, n);
    this.leaderPeriod = leaderPeriod(p);
    this.leader = p.leader === 'fairness' ? this.fairnessLeader(p) : null;
  }

  private fairnessLeader(p: EntranceDiffParams): TaxLeader {
    const config = { tauMax: p.tauMax, stepSize: (t: number) => this.stepSize(t) };
    if (p.leaderGradient === 'rollout') return new RolloutLeader(this.game, { ...config, delta: ROLLOUT_DELTA_SHARE * p.tauMax }, this.runs);
    return new FairnessLeader(this.game, { ...config, alphaL: p.alphaL, lookahead: p.leaderGradient === 'unrolled' ? p.unrollSteps : 0 }, this.runs);
  }

  get iterationsDone(): number {
    return this.iteration;
  }

  private stepSize(t: number): tf.Tensor2D {
    return t >= this.lateStart ? this.stepAll : this.stepG1;
  }

  /** What the leader sees before iteration `next` is played. */
  private leaderView(next: number): LeaderView {
    return { a: this.a, returns: this.returns, utilitySum: this.utilitySum, taxBaseSum: this.taxBaseSum, nextIteration: next, remaining: this.totalIterations - next };
  }

  async iterate(): Promise<IterationReport> {
    const t0 = performance.now();
    const t = this.iteration;
    const { game, a, tau } = this;
    if (t === 0 && this.leader?.plansFromStart) await this.leader.step(this.leaderView(0), tau);
    const played = tf.tidy(() => {
      const p = payoffs(game, a, a);
      const utilityT = taxedUtility(p, tau);
      this.returns.assign(tf.add(this.returns, utilityT));
      this.utilitySum.assign(tf.add(this.utilitySum, p.utility));
      this.taxBaseSum.assign(tf.add(this.taxBaseSum, p.taxBase));
      // The clones keep the played values (tfjs shares the data) while the variables move on.
      const out = [tf.clone(a), tf.mul(tau, p.taxBase), utilityT, tf.clone(this.returns), tf.clone(tau)];
      a.assign(followerStep(game, a, tau, this.stepSize(t)));
      return out;
    });
    if (this.leader && (t + 1) % this.leaderPeriod === 0) await this.leader.step(this.leaderView(t + 1), tau);
    // One readback for the iteration (on webgpu each read waits for the GPU), split on the host.
    const flat = tf.tidy(() => tf.concat(played.map((x) => tf.reshape(x, [-1]))));
    const values = (await flat.data()) as Float32Array;
    flat.dispose();
    let at = 0;
    const [aPlayed, taxPaid, utilityT, returns, tauPlayed] = played.map((x) => values.subarray(at, (at += x.size)));
    played.forEach((x) => x.dispose());
    assertFinite(t + 1, { 'the strategies a': aPlayed, 'tau (the leader\'s tax)': tauPlayed, 'the taxed utilities': utilityT });
    this.returnsOrder.update(returns);
    const { metrics, snapshots } = summarise(
      { a: aPlayed, taxPaid, taxedUtility: utilityT, tau: tauPlayed, gini: this.returnsOrder.gini(returns) },
      game.n,
      this.g1Size,
    );
    this.iteration++;
    return { iteration: this.iteration, metrics, snapshots, ms: performance.now() - t0 };
  }

  /**
   * The Lucas-critique probe at s's tau. These followers hold no conditional policy: each
   * agent's response to tau is its own gradient step. So from the current strategies (on copies:
   * the run is untouched) PROBE_WINDOW further iterations are played with the new tau in the
   * payoffs, twice: adaptive, the agents step on their utility under the new tau; fixed rule,
   * they step as if tau were still each run's current tau. Figures are the window's means
   * (attendance, tax, welfare per iteration), the gap of those means and the Gini of the
   * returns after it; actions: the mean probability of staying out and of entering.
   */
  async probe(s: Scenario): Promise<ProbeReport> {
    if (s.env !== 'entrance-diff') throw new Error(`probe: an ${s.env} scenario given to entrance-diff`);
    const applied = tf.fill([this.runs, 1], Math.max(0, s.tau)) as tf.Tensor2D;
    try {
      const trained = await this.tau.data();
      const adaptive = await this.playWindow(applied, applied);
      const fixedRule = await this.playWindow(applied, this.tau);
      // Deterministic (no draws): one pair says it all.
      return { theta: [Math.max(0, s.tau)], trainedTheta: [mean(trained)], adaptive, fixedRule, episodes: { adaptive: [adaptive.report.metrics], fixedRule: [fixedRule.report.metrics] } };
    } finally {
      applied.dispose();
    }
  }

  /** PROBE_WINDOW iterations from the current state on copies: payoffs taxed at `applied`, follower steps taken at `seen`. */
  private async playWindow(applied: tf.Tensor2D, seen: tf.Tensor2D): Promise<ProbeSide> {
    const t0 = performance.now();
    const { game } = this;
    let state: WindowState = tf.tidy(() => ({ a: tf.clone(this.a), returns: tf.clone(this.returns), aSum: tf.zerosLike(this.a), taxSum: tf.zerosLike(this.a), utilitySum: tf.zerosLike(this.a) }));
    for (let j = 0; j < PROBE_WINDOW; j++) {
      const { a, returns, aSum, taxSum, utilitySum } = state;
      const next: WindowState = tf.tidy(() => {
        const p = payoffs(game, a, a);
        const utilityT = taxedUtility(p, applied);
        return {
          a: followerStep(game, a, seen, this.stepSize(this.iteration + j)),
          returns: tf.add<tf.Tensor2D>(returns, utilityT),
          aSum: tf.add<tf.Tensor2D>(aSum, a),
          taxSum: tf.add<tf.Tensor2D>(taxSum, tf.mul(applied, p.taxBase)),
          utilitySum: tf.add<tf.Tensor2D>(utilitySum, utilityT),
        };
      });
      tf.dispose(state);
      state = next;
    }
    const [aSum, taxSum, utilitySum, returns, tau] = (await Promise.all([state.aSum, state.taxSum, state.utilitySum, state.returns, applied].map((x) => x.data()))) as Float32Array[];
    tf.dispose(state);
    const perIteration = (x: Float32Array) => x.map((v) => v / PROBE_WINDOW);
    const order = new RowOrder(this.runs, game.n);
    order.update(returns);
    const { metrics, snapshots } = summarise(
      { a: perIteration(aSum), taxPaid: perIteration(taxSum), taxedUtility: perIteration(utilitySum), tau, gini: order.gini(returns) },
      game.n,
      this.g1Size,
    );
    const report = { iteration: this.iteration, metrics, snapshots, ms: performance.now() - t0 };
    return { report, actions: { kind: 'probabilities', values: [1 - metrics.attendance, metrics.attendance] } };
  }

  /**
   * Live fields: the fixed leader's tau moves to the scenario's in every run; a learning leader
   * takes the bound tau_max and its step alpha_L, and every run's tau is held within a lowered
   * bound at once.
   */
  applyLive(s: Scenario): void {
    if (s.env !== 'entrance-diff') return;
    this.leader?.retune({ tauMax: s.tauMax, alphaL: s.alphaL });
    const clamped = Math.min(Math.max(s.tau, 0), s.tauMax);
    if (this.p.leader === 'fixed') tf.tidy(() => this.tau.assign(tf.fill([this.runs, 1], clamped) as tf.Tensor2D));
    if (this.p.leader === 'fairness') tf.tidy(() => this.tau.assign(tf.clipByValue(this.tau, 0, s.tauMax)));
  }

  /** The game's variables in a fixed order (strategies, tau, the sums), as saved. */
  private get variables(): tf.Variable[] {
    return [this.a, this.tau, this.returns, this.utilitySum, this.taxBaseSum];
  }

  /**
   * The strategies, tau and the running sums, and both rank orders: ties among equal returns
   * (late agents held at a = 0 all earn v) keep their previous order, which the Gini's
   * gradient depends on.
   */
  async saveState(): Promise<TrainedState> {
    return {
      iteration: this.iteration,
      variables: await saveVariables(this.variables),
      returnsOrder: captureFields(this.returnsOrder),
      leader: this.leader && captureFields(this.leader),
    };
  }

  loadState(saved: StateReader): void {
    loadVariables(this.variables, saved.get('variables'));
    restoreFields(this.returnsOrder, saved.get('returnsOrder'));
    if (this.leader) restoreFields(this.leader, saved.get('leader'));
    this.iteration = saved.get('iteration').count();
  }

  dispose(): void {
    for (const x of [this.a, this.tau, this.returns, this.utilitySum, this.taxBaseSum, this.stepAll, this.stepG1]) x.dispose();
  }
}
