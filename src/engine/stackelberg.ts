/**
 * The alternating two-timescale trainer (ADAGE). Each iteration is one episode (a window of
 * the continuing markets) in every parallel copy: the leader sets theta per copy, the followers act for `horizon` steps with
 * one shared policy conditioned on theta, then the followers take a PPO update (alpha_F) and
 * the leader is given its reward; it updates every `leaderEvery` episodes with alpha_L >> alpha_F.
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchedEnv } from './env';
import { buildPpoEnv, type BuiltPpoEnv, type PpoScenario, type ThetaRange } from './envs/ppo-envs';
import { BayesOptLeader } from './leaders/bayesopt';
import { MaxEntLeader } from './leaders/maxent';
import { FixedLeader, type Leader } from './leaders/leader';
import { OBJECTIVES, type ObjectiveId } from './leaders/objectives';
import { PpoLeader } from './leaders/ppo';
import { mean, meanAbsPctChange, sampleStd } from './metrics';
import { encodeArray } from './persist/arrays';
import { captureFields, restoreFields } from './persist/fields';
import type { StateReader, StateTree } from './persist/state';
import { gae } from './rl/gae';
import { CategoricalHead, GaussianHead, sampleCategorical, sampleDiagonalGaussian } from './rl/heads';
import { Mlp } from './rl/mlp';
import { DEFAULT_PPO, PpoLearner, type PpoStats } from './rl/ppo';
import { gatherRows, groupRows, type RowGrouping } from './rl/unique-rows';
import { Rng } from './rng';

export const GAMMA = 0.99;
export const GAE_LAMBDA = 0.95;
/** Continuous followers start with this std of u: sigmoid(u) then covers most of (0, 1). */
export const FOLLOWER_INIT_STD = 1;
/** The followers' update figures of an iteration in which they did not learn. */
const NO_UPDATE: PpoStats = { policyLoss: NaN, valueLoss: NaN, entropy: NaN, approxKl: NaN, clipFrac: NaN };

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

/**
 * The figures named in `keys` from an iteration, by key: the environment's own report first,
 * then the trainer's (welfare, entropy, ...).
 */
export function figuresOf(m: IterationMetrics, keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((key) => [key, m.envMetrics[key] ?? (m[key as keyof IterationMetrics] as number)]));
}

export class StackelbergTrainer {
  readonly env: BatchedEnv;
  readonly thetaRange: ThetaRange;
  private readonly objective: ObjectiveId;
  readonly leader: Leader;
  /** Discrete actions: a categorical policy; continuous ones: a Gaussian on u, action = sigmoid(u). */
  private readonly policy: CategoricalHead | GaussianHead;
  /** Continuous action dimensions (0 for discrete actions). */
  private readonly actionDim: number;
  private readonly critic: Mlp;
  private readonly learner: PpoLearner;
  private rng: Rng;
  private readonly lastVolatility: Float64Array;
  private iteration = 0;
  // Rollout storage, time-major: row = t * batch + follower.
  private readonly batch: number;
  private readonly b_obs: Float32Array;
  /** Discrete: the action index; continuous: u before squashing, actionDim per row. */
  private readonly b_act: Int32Array | Float32Array;
  /** What the environment is given for continuous actions: sigmoid(u). */
  private readonly squashed: Float32Array;
  /** The Gaussian policy's std per dimension, read once per episode (it changes only in updates). */
  private followerStd: Float32Array = new Float32Array(0);
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
    this.tryRng = root.split();
    const built = buildPpoEnv(scenario);
    this.env = built.env;
    this.thetaRange = built.thetaRange;
    this.objective = built.objective;
    const { env } = this;
    const hidden = [scenario.hidden, scenario.hidden];
    this.actionDim = env.actionDim ?? 0;
    this.policy = this.actionDim
      ? new GaussianHead(env.obsDim, hidden, FOLLOWER_INIT_STD, init, this.actionDim, env.thetaColumn)
      : new CategoricalHead(env.obsDim, env.numActions, hidden, init, env.thetaColumn);
    this.critic = new Mlp([env.obsDim, ...hidden, 1], init, env.thetaColumn);
    const klToUniform = env.klColumn === undefined ? undefined : { column: env.klColumn, logK: Math.log(env.numActions) };
    this.learner = new PpoLearner(this.policy, this.critic, env.obsDim, { ...DEFAULT_PPO, lr: scenario.followerLr, klToUniform }, grouping);
    this.leader = this.makeLeader(built, init);
    this.lastVolatility = new Float64Array(env.leaderCopies);
    this.batch = env.copies * env.agents;
    const T = scenario.horizon;
    this.b_obs = new Float32Array(T * this.batch * env.obsDim);
    this.b_act = this.actionDim ? new Float32Array(T * this.batch * this.actionDim) : new Int32Array(T * this.batch);
    this.squashed = new Float32Array(this.batch * this.actionDim);
    this.b_logp = new Float32Array(T * this.batch);
    this.b_val = new Float32Array(T * this.batch);
    this.b_rew = new Float32Array(T * this.batch);
    this.rawRewards = new Float32Array(this.batch);
    this.aggregates = new Float64Array(T * env.copies);
  }

  /**
   * Leader observation per copy: the environment's own if it defines one, else last episode's
   * volatility / scale, then theta scaled to [0, 1].
   */
  private get leaderObsDim(): number {
    return this.env.leaderObsDim ?? 1 + this.env.thetaDim;
  }

  private leaderObservation(): Float32Array {
    const { env } = this;
    const L = env.leaderCopies;
    const d = env.thetaDim;
    const { lo, hi } = this.thetaRange;
    const obsDim = this.leaderObsDim;
    const obs = new Float32Array(L * obsDim);
    if (env.leaderObserve) {
      env.leaderObserve(obs);
      return obs;
    }
    for (let e = 0; e < L; e++) {
      obs[e * obsDim] = this.lastVolatility[e] / env.aggregateScale;
      for (let k = 0; k < d; k++) obs[e * obsDim + 1 + k] = hi[k] > lo[k] ? (env.theta[e * d + k] - lo[k]) / (hi[k] - lo[k]) : 0;
    }
    return obs;
  }

  private makeLeader({ fixedTheta, thetaSet }: BuiltPpoEnv, rng: Rng): Leader {
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
      case 'maxent':
      case 'prior':
        // The schema offers these leaders only where the environment gives a set of theta.
        return new MaxEntLeader(thetaSet!.values, thetaSet!.prior, rng.split());
    }
  }

  /**
   * False: the leader plays its learned policy without exploration noise and does not learn
   * (an evaluation of what it learned); the followers keep learning.
   */
  leaderExplores = true;
  /** Set only during tryTheta: theta for every leader copy, the leader neither asked nor taught. */
  private handTheta: Float32Array | null = null;
  /** False only during tryTheta: the followers play their trained policy and take no update. */
  private followersLearn = true;
  /** tryTheta's own random stream, so trying leaves the training's draws as they were. */
  private readonly tryRng: Rng;

  get iterationsDone(): number {
    return this.iteration;
  }

  /** Moves the fixed leader's theta (its sliders) without restarting. */
  setFixedTheta(theta: Float32Array): void {
    if (this.leader instanceof FixedLeader && this.scenario.leader === 'fixed') this.leader.theta.set(theta);
  }

  /**
   * Plays one episode with theta set by hand in every leader copy and the followers frozen (a
   * user trying a policy on the trained followers, without retraining), and reports it. The
   * training goes on as before: the iteration count, the random streams, the leader and the
   * followers are untouched. The environment's carried state is not: a continuing market
   * carries on from the tried episode's end.
   */
  async tryTheta(theta: Float32Array): Promise<IterationMetrics> {
    const saved = { rng: this.rng, iteration: this.iteration, volatility: Float64Array.from(this.lastVolatility) };
    this.handTheta = theta;
    this.followersLearn = false;
    this.rng = this.tryRng;
    try {
      return await this.iterate();
    } finally {
      this.handTheta = null;
      this.followersLearn = true;
      this.rng = saved.rng;
      this.iteration = saved.iteration;
      this.lastVolatility.set(saved.volatility);
    }
  }

  /**
   * Everything the next iteration depends on, between iterations: the count, the random
   * streams, the followers' networks and optimiser, the leader, and the environment's carried
   * markets. A trainer built from the same scenario and loaded with it plays the next
   * iterations exactly as this one would.
   */
  async saveState(): Promise<StateTree> {
    return {
      iteration: this.iteration,
      rng: this.rng.state(),
      tryRng: this.tryRng.state(),
      lastVolatility: encodeArray(this.lastVolatility),
      followers: await this.learner.saveState(),
      leader: await this.leader.saveState(),
      env: captureFields(this.env),
    };
  }

  /** Restores a saveState; throws a StateError naming the first part that does not fit this scenario. */
  loadState(saved: StateReader): void {
    this.learner.loadState(saved.get('followers'));
    this.leader.loadState(saved.get('leader'));
    restoreFields(this.env, saved.get('env'));
    this.lastVolatility.set(saved.get('lastVolatility').array('float64', [this.lastVolatility.length]));
    this.rng.restore(saved.get('rng').rngState());
    this.tryRng.restore(saved.get('tryRng').rngState());
    this.iteration = saved.get('iteration').count();
  }

  async iterate(): Promise<IterationMetrics> {
    const t0 = performance.now();
    const { env, batch } = this;
    const T = this.scenario.horizon;
    const E = env.copies;
    const L = env.leaderCopies;
    const d = env.thetaDim;

    const hand = this.handTheta;
    if (hand) for (let e = 0; e < L; e++) env.theta.set(hand, e * d);
    else env.theta.set(await this.leader.act(this.leaderObservation(), L, this.leaderExplores));
    env.beginEpisode?.(this.rng);
    if (this.policy instanceof GaussianHead) this.followerStd = await this.policy.std();

    const welfare = new Float64Array(E);
    for (let t = 0; t < T; t++) {
      const obs = this.b_obs.subarray(t * batch * env.obsDim, (t + 1) * batch * env.obsDim);
      env.observe(obs);
      const { outputs, values } = await this.evaluate(obs);
      this.b_val.set(values, t * batch);
      env.step(this.sample(outputs, t), this.rawRewards);
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
    const stats = this.followersLearn
      ? await this.learner.update({ size: T * batch, obs: this.b_obs, actions: this.b_act, logp: this.b_logp, advantages, returns }, this.rng)
      : NO_UPDATE;

    // The leader's objective and the reported figures are about its own copies.
    const objective = OBJECTIVES[this.objective];
    const target = env.target?.() ?? null;
    const leaderRewards = new Float32Array(L);
    const markets = Array.from({ length: L }, (_, e) => Float64Array.from({ length: T }, (_, t) => this.aggregates[t * E + e]));
    for (let e = 0; e < L; e++) {
      this.lastVolatility[e] = sampleStd(markets[e]);
      welfare[e] /= T * env.agents;
      leaderRewards[e] = objective.reward({
        volatility: this.lastVolatility[e],
        welfare: welfare[e],
        volatilityScale: env.aggregateScale,
        series: markets[e],
        target,
        leaderEntropy: this.leader.entropy ?? NaN,
      });
    }
    if (this.leaderExplores && !hand) await this.leader.feedback(leaderRewards);
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
  private async evaluate(obs: Float32Array): Promise<{ outputs: Float32Array; values: Float32Array }> {
    const { obsDim } = this.env;
    // Per row: the action probabilities (discrete) or the Gaussian's mean (continuous).
    const width = this.actionDim || this.env.numActions;
    const { groupOf, firstRow } = groupRows(obs, obsDim, this.grouping);
    const [p, v] = tf.tidy(() => {
      const x = tf.tensor2d(gatherRows(obs, obsDim, firstRow), [firstRow.length, obsDim]);
      const out = this.policy.net.apply(x);
      return [this.actionDim ? out : tf.softmax(out), tf.reshape(this.critic.apply(x), [-1])];
    });
    const [outU, valuesU] = (await Promise.all([p.data(), v.data()])) as [Float32Array, Float32Array];
    p.dispose();
    v.dispose();
    const rows = groupOf.length;
    const outputs = new Float32Array(rows * width);
    const values = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      const g = groupOf[i];
      outputs.set(outU.subarray(g * width, (g + 1) * width), i * width);
      values[i] = valuesU[g];
    }
    return { outputs, values };
  }

  /**
   * Draws every follower's action at step t from the policy's outputs, storing it and its
   * log-probability; returns what the environment is given (the index, or sigmoid(u)).
   */
  private sample(outputs: Float32Array, t: number): Int32Array | Float32Array {
    const { batch } = this;
    const d = this.actionDim;
    if (this.policy instanceof GaussianHead) {
      const u = this.b_act.subarray(t * batch * d, (t + 1) * batch * d) as Float32Array;
      sampleDiagonalGaussian(outputs, this.followerStd, this.rng, u, this.b_logp.subarray(t * batch, (t + 1) * batch));
      for (let j = 0; j < u.length; j++) this.squashed[j] = 1 / (1 + Math.exp(-u[j]));
      return this.squashed;
    }
    const K = this.env.numActions;
    const act = this.b_act.subarray(t * batch, (t + 1) * batch) as Int32Array;
    for (let i = 0; i < batch; i++) {
      const a = sampleCategorical(outputs, this.rng.uniform(), i * K, K);
      act[i] = a;
      this.b_logp[t * batch + i] = Math.log(outputs[i * K + a]);
    }
    return act;
  }

  dispose(): void {
    this.learner.dispose();
    this.policy.dispose();
    this.critic.dispose();
    this.leader.dispose();
  }
}
