/**
 * The alternating two-timescale trainer (ADAGE). Each iteration is one episode (a window of
 * the continuing markets) in every parallel copy: the leader sets theta per copy, the followers act for `horizon` steps with
 * one shared policy conditioned on theta, then the followers take a PPO update (alpha_F) and
 * the leader is given its reward; it updates every `leaderEvery` episodes with alpha_L >> alpha_F.
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchedEnv } from './env';
import { buildPpoEnv, type PpoScenario, type ThetaRange } from './envs/ppo-envs';
import { BayesOptLeader } from './leaders/bayesopt';
import { FixedLeader, type Leader } from './leaders/leader';
import { OBJECTIVES, type ObjectiveId } from './leaders/objectives';
import { PpoLeader } from './leaders/ppo';
import { mean, meanAbsPctChange, sampleStd } from './metrics';
import { gae } from './rl/gae';
import { CategoricalHead } from './rl/heads';
import { Mlp } from './rl/mlp';
import { DEFAULT_PPO, PpoLearner } from './rl/ppo';
import { gatherRows, groupRows, type RowGrouping } from './rl/unique-rows';
import { Rng } from './rng';

export const GAMMA = 0.99;
export const GAE_LAMBDA = 0.95;

export interface IterationMetrics {
  iteration: number;
  /** Mean follower reward per agent and step, after tax. */
  welfare: number;
  /** Mean over copies of the sample std of the aggregate (D) over the episode. */
  volatility: number;
  /** Mean aggregate (attendance D) over copies and steps. */
  attendance: number;
  /** Mean absolute percentage change of the aggregate over copies and steps (see metrics.ts). */
  mapc: number;
  /** Mean of theta's first dimension (tau) over the leader's copies, and its spread across them. */
  theta: number;
  thetaStd: number;
  /** Mean leader reward over copies. */
  leaderReward: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  /** The aggregate D_t of copy 0 through the episode. */
  series: Float32Array;
  /** The environment's own figures and snapshots for this episode (BatchedEnv.report). */
  envMetrics: Record<string, number>;
  envSnapshots: Record<string, Float32Array>;
  /** Wall time of this iteration. */
  ms: number;
}

export class StackelbergTrainer {
  readonly env: BatchedEnv;
  readonly thetaRange: ThetaRange;
  private readonly objective: ObjectiveId;
  readonly leader: Leader;
  private readonly policy: CategoricalHead;
  private readonly critic: Mlp;
  private readonly learner: PpoLearner;
  private readonly rng: Rng;
  private readonly lastVolatility: Float64Array;
  private iteration = 0;
  // Rollout storage, time-major: row = t * batch + follower.
  private readonly batch: number;
  private readonly b_obs: Float32Array;
  private readonly b_act: Int32Array;
  private readonly b_logp: Float32Array;
  private readonly b_val: Float32Array;
  private readonly b_rew: Float32Array;
  private readonly rawRewards: Float32Array;
  private readonly aggregates: Float64Array;

  /**
   * `grouping`: followers who see the same observation get the same network output, so by
   * default each distinct row is evaluated once (exact: same loss and gradients); 'none' does
   * the per-row work, for the benchmark's like-for-like comparison with the reference.
   */
  constructor(
    readonly scenario: PpoScenario,
    private readonly grouping: RowGrouping = 'identical',
  ) {
    const root = Rng.fromSeed(scenario.seed);
    const init = root.split();
    this.rng = root.split();
    const built = buildPpoEnv(scenario);
    this.env = built.env;
    this.thetaRange = built.thetaRange;
    this.objective = built.objective;
    const { env } = this;
    const hidden = [scenario.hidden, scenario.hidden];
    this.policy = new CategoricalHead(env.obsDim, env.numActions, hidden, init, env.thetaColumn);
    this.critic = new Mlp([env.obsDim, ...hidden, 1], init, env.thetaColumn);
    const klToUniform = env.klColumn === undefined ? undefined : { column: env.klColumn, logK: Math.log(env.numActions) };
    this.learner = new PpoLearner(this.policy, this.critic, env.obsDim, { ...DEFAULT_PPO, lr: scenario.followerLr, klToUniform }, grouping);
    this.leader = this.makeLeader(built.fixedTheta, init);
    this.lastVolatility = new Float64Array(env.leaderCopies);
    this.batch = env.copies * env.agents;
    const T = scenario.horizon;
    this.b_obs = new Float32Array(T * this.batch * env.obsDim);
    this.b_act = new Int32Array(T * this.batch);
    this.b_logp = new Float32Array(T * this.batch);
    this.b_val = new Float32Array(T * this.batch);
    this.b_rew = new Float32Array(T * this.batch);
    this.rawRewards = new Float32Array(this.batch);
    this.aggregates = new Float64Array(T * env.copies);
  }

  /** Leader observation per copy: last episode's volatility / scale, then theta scaled to [0, 1]. */
  private get leaderObsDim(): number {
    return 1 + this.env.thetaDim;
  }

  private makeLeader(fixedTheta: Float32Array, rng: Rng): Leader {
    const { leader, leaderLr, leaderEvery, leaderWarmup } = this.scenario;
    const { lo, hi } = this.thetaRange;
    switch (leader) {
      case 'none':
        return new FixedLeader(new Float32Array(this.env.thetaDim));
      case 'fixed':
        return new FixedLeader(fixedTheta);
      case 'ppo':
        return new PpoLeader({ obsDim: this.leaderObsDim, lo, hi, lr: leaderLr, every: leaderEvery, warmup: leaderWarmup }, rng.split());
      case 'bayesopt':
        return new BayesOptLeader({ lo, hi, every: leaderEvery, warmup: leaderWarmup }, rng.split());
    }
  }

  /**
   * False: the leader plays its learned policy without exploration noise and does not learn
   * (an evaluation of what it learned); the followers keep learning.
   */
  leaderExplores = true;

  get iterationsDone(): number {
    return this.iteration;
  }

  /** Moves the fixed leader's theta (the slider; its first dimension) without restarting. */
  setFixedTheta(theta: number): void {
    if (this.leader instanceof FixedLeader && this.scenario.leader === 'fixed') this.leader.theta[0] = theta;
  }

  async iterate(): Promise<IterationMetrics> {
    const t0 = performance.now();
    const { env, batch } = this;
    const T = this.scenario.horizon;
    const E = env.copies;
    const L = env.leaderCopies;
    const d = env.thetaDim;
    const { lo, hi } = this.thetaRange;

    const obsDim = this.leaderObsDim;
    const leaderObs = new Float32Array(L * obsDim);
    for (let e = 0; e < L; e++) {
      leaderObs[e * obsDim] = this.lastVolatility[e] / env.aggregateScale;
      for (let k = 0; k < d; k++) leaderObs[e * obsDim + 1 + k] = hi[k] > lo[k] ? (env.theta[e * d + k] - lo[k]) / (hi[k] - lo[k]) : 0;
    }
    env.theta.set(await this.leader.act(leaderObs, L, this.leaderExplores));
    env.beginEpisode?.(this.rng);

    const welfare = new Float64Array(E);
    for (let t = 0; t < T; t++) {
      const obs = this.b_obs.subarray(t * batch * env.obsDim, (t + 1) * batch * env.obsDim);
      env.observe(obs);
      const { probs, values } = await this.evaluate(obs);
      this.b_val.set(values, t * batch);
      const K = env.numActions;
      const act = this.b_act.subarray(t * batch, (t + 1) * batch);
      for (let i = 0; i < batch; i++) {
        const u = this.rng.uniform();
        let a = 0;
        let acc = probs[i * K];
        while (u >= acc && a < K - 1) acc += probs[i * K + ++a];
        act[i] = a;
        this.b_logp[t * batch + i] = Math.log(probs[i * K + a]);
      }
      env.step(act, this.rawRewards);
      for (let i = 0; i < batch; i++) {
        this.b_rew[t * batch + i] = this.rawRewards[i] * env.rewardScale;
        welfare[Math.floor(i / env.agents)] += this.rawRewards[i];
      }
      this.aggregates.set(env.aggregate, t * E);
    }
    const lastObs = new Float32Array(batch * env.obsDim);
    env.observe(lastObs);
    const { values: nextValues } = await this.evaluate(lastObs);
    const { advantages, returns } = gae(this.b_rew, this.b_val, nextValues, T, GAMMA, GAE_LAMBDA);
    const stats = await this.learner.update(
      { size: T * batch, obs: this.b_obs, actions: this.b_act, logp: this.b_logp, advantages, returns },
      this.rng,
    );

    // The leader's objective and the reported figures are about its own copies.
    const objective = OBJECTIVES[this.objective];
    const target = env.target?.() ?? null;
    const leaderRewards = new Float32Array(L);
    const markets = Array.from({ length: L }, (_, e) => Float64Array.from({ length: T }, (_, t) => this.aggregates[t * E + e]));
    for (let e = 0; e < L; e++) {
      this.lastVolatility[e] = sampleStd(markets[e]);
      welfare[e] /= T * env.agents;
      leaderRewards[e] = objective.reward({ volatility: this.lastVolatility[e], welfare: welfare[e], volatilityScale: env.aggregateScale, series: markets[e], target });
    }
    if (this.leaderExplores) await this.leader.feedback(leaderRewards);
    const firstDim = Float32Array.from({ length: L }, (_, e) => env.theta[e * d]);
    let attendance = 0;
    for (let t = 0; t < T; t++) for (let e = 0; e < L; e++) attendance += this.aggregates[t * E + e];
    const own = env.report?.(this.aggregates, T);

    return {
      iteration: ++this.iteration,
      welfare: mean(welfare.subarray(0, L)),
      volatility: mean(this.lastVolatility),
      attendance: attendance / (T * L),
      mapc: meanAbsPctChange(markets),
      theta: mean(firstDim),
      thetaStd: sampleStd(firstDim),
      leaderReward: mean(leaderRewards),
      ...stats,
      series: Float32Array.from(markets[0]),
      envMetrics: own?.metrics ?? {},
      envSnapshots: own?.snapshots ?? {},
      ms: performance.now() - t0,
    };
  }

  /**
   * Actor and critic for every follower of every copy, in one batched forward pass over the
   * distinct observation rows (followers who see the same thing get the same output).
   */
  private async evaluate(obs: Float32Array): Promise<{ probs: Float32Array; values: Float32Array }> {
    const { obsDim, numActions: K } = this.env;
    const { groupOf, firstRow } = groupRows(obs, obsDim, this.grouping);
    const [p, v] = tf.tidy(() => {
      const x = tf.tensor2d(gatherRows(obs, obsDim, firstRow), [firstRow.length, obsDim]);
      return [tf.softmax(this.policy.net.apply(x)), tf.reshape(this.critic.apply(x), [-1])];
    });
    const [probsU, valuesU] = (await Promise.all([p.data(), v.data()])) as [Float32Array, Float32Array];
    p.dispose();
    v.dispose();
    const rows = groupOf.length;
    const probs = new Float32Array(rows * K);
    const values = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      const g = groupOf[i];
      probs.set(probsU.subarray(g * K, (g + 1) * K), i * K);
      values[i] = valuesU[g];
    }
    return { probs, values };
  }

  dispose(): void {
    this.learner.dispose();
    this.policy.dispose();
    this.critic.dispose();
    this.leader.dispose();
  }
}
