/**
 * The alternating two-timescale trainer (ADAGE). Each iteration is one episode (a window of
 * the continuing markets) in every parallel copy: the leader sets theta per copy, the followers act for `horizon` steps with
 * one shared policy conditioned on theta, then the followers take a PPO update (alpha_F) and
 * the leader is given its reward; it updates every `leaderEvery` episodes with alpha_L >> alpha_F.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BatchedEnv } from './env';
import { defaultLeaderObsDim, type BuiltPpoEnv, type PpoRunSettings, type ThetaRange } from './ppo-envs';
import { BayesOptLeader } from './leaders/bayesopt';
import { MaxEntLeader } from './leaders/maxent';
import { FixedLeader, type Leader } from './leaders/leader';
import { OBJECTIVES, type ObjectiveId } from './leaders/objectives';
import { PpoLeader } from './leaders/ppo';
import { assertFinite } from './divergence';
import { concat, mean, meanAbsPctChange, sampleStd } from './metrics';
import { encodeArray } from './persist/arrays';
import { captureFields, restoreFields } from './persist/fields';
import type { StateReader, StateTree } from './persist/state';
import { gae } from './rl/gae';
import { CategoricalHead, GaussianHead, sampleCategorical, sampleDiagonalGaussian } from './rl/heads';
import { Mlp } from './rl/mlp';
import { followerLayers } from './rl/parameter-count';
import { DEFAULT_PPO, PpoLearner, type PpoStats } from './rl/ppo';
import { gatherRows, groupRows, type RowGrouping } from './rl/unique-rows';
import { ActionTally, type ActionSummary } from './probe/action-tally';
import { seeing } from './probe/perceived-theta';
import { rolloutBuffers, type RolloutBuffers } from './rl/rollout-buffers';
import { Rng } from './rng';
import { beat } from './heartbeat';
import { DevicePpo, DeviceTooSmall } from './device/device-ppo';
import type { WebGpuBackendLike } from './device/kernel';

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

/** What a live change gives the trainer: the scenario's live fields, as the leader takes them. */
export interface LiveLeaderSettings {
  fixedTheta: Float32Array;
  thetaRange: ThetaRange;
  leaderLr: number;
  leaderEvery: number;
}

/** An iteration's figures of the episode itself (not of learning), with each leader copy's aggregate path and its std. */
type EpisodeFigures = Omit<IterationMetrics, 'iteration' | 'leaderReward' | keyof PpoStats | 'ms'> & { markets: Float64Array[]; volatilities: number[] };

/** A frozen episode (the followers took no update): its figures, and what the followers did in the leader's copies. */
export interface FrozenEpisode {
  metrics: IterationMetrics;
  actions: ActionSummary;
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
  /** theta's bounds: the leader's box, and the scale of its observation of theta (live fields may move them). */
  thetaRange: ThetaRange;
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
  /** The training's rollout storage (rl/rollout-buffers.ts). */
  private readonly rollout: RolloutBuffers;
  /** The Gaussian policy's std per dimension, read once per episode (it changes only in updates). */
  private followerStd: Float32Array = new Float32Array(0);
  /** The device-resident path, where the backend is webgpu and the environment steps in WGSL (engine/device). */
  private readonly device: DevicePpo | null;
  /** The GPU holds what the host holds (networks, optimiser, environment): nothing to push. */
  private deviceFresh = false;
  /** The host holds what the GPU holds: nothing to pull. */
  private hostFresh = true;

  /**
   * `grouping`: followers who see the same observation get the same network output, so by
   * default each distinct row is evaluated once (exact: same loss and gradients); 'none' does
   * the per-row work, for the benchmark's like-for-like comparison with the reference.
   */
  constructor(
    readonly scenario: PpoRunSettings,
    /** A fresh copy of the environment (the probe plays on its own). */
    private readonly build: () => BuiltPpoEnv,
    private readonly grouping: RowGrouping = 'identical',
  ) {
    const root = Rng.fromSeed(scenario.seed);
    const init = root.split();
    this.rng = root.split();
    this.tryRng = root.split();
    this.probeRng = root.split();
    const built = build();
    this.env = built.env;
    this.thetaRange = built.thetaRange;
    this.objective = built.objective;
    const { env } = this;
    const hidden = followerLayers(scenario.hidden);
    this.actionDim = env.actionDim ?? 0;
    this.policy = this.actionDim
      ? new GaussianHead(env.obsDim, hidden, FOLLOWER_INIT_STD, init, this.actionDim, env.thetaColumn)
      : new CategoricalHead(env.obsDim, env.numActions, hidden, init, env.thetaColumn);
    this.critic = new Mlp([env.obsDim, ...hidden, 1], init, env.thetaColumn);
    const klToUniform = env.klColumn === undefined ? undefined : { column: env.klColumn, logK: Math.log(env.numActions) };
    this.learner = new PpoLearner(this.policy, this.critic, env.obsDim, { ...DEFAULT_PPO, lr: scenario.followerLr, epochs: scenario.epochs, entCoef: env.entropyBonus ?? DEFAULT_PPO.entCoef, klToUniform }, grouping);
    this.leader = this.makeLeader(built, init);
    this.lastVolatility = new Float64Array(env.leaderCopies);
    this.rollout = rolloutBuffers(scenario.horizon, env, this.actionDim);
    this.device = this.devicePath();
  }

  /**
   * The device-resident path where it applies: the webgpu backend, an environment with a WGSL
   * step, discrete actions, no bounded-rationality term and no per-episode draws (those the
   * host path alone plays).
   */
  private devicePath(): DevicePpo | null {
    const { env } = this;
    if (tf.getBackend() !== 'webgpu' || !env.device || this.actionDim || env.klColumn !== undefined || env.beginEpisode) return null;
    const hidden = followerLayers(this.scenario.hidden);
    const settings = { env: env as BatchedEnv & { device: NonNullable<BatchedEnv['device']> }, horizon: this.scenario.horizon, hidden, gamma: env.discount ?? GAMMA, lambda: GAE_LAMBDA, ppo: this.learner.config };
    try {
      return new DevicePpo(tf.backend() as unknown as WebGpuBackendLike, settings);
    } catch (err) {
      if (!(err instanceof DeviceTooSmall)) throw err;
      console.warn(`The followers train through tfjs ops: ${err.message}.`);
      return null;
    }
  }

  /** Before the host reads the networks, the optimiser or the environment: the GPU's, read back. */
  private async onHost(): Promise<void> {
    if (!this.device || this.hostFresh) return;
    const state = await this.device.pull();
    this.learner.setFlatState(state);
    this.env.device!.unpack(state.env);
    this.hostFresh = true;
  }

  /**
   * Leader observation per copy: the environment's own if it defines one, else last episode's
   * volatility / scale, then theta scaled to [0, 1].
   */
  private get leaderObsDim(): number {
    return this.env.leaderObsDim ?? defaultLeaderObsDim(this.env.thetaDim);
  }

  private leaderObservation(env: BatchedEnv = this.env, lastVolatility: Float64Array = this.lastVolatility): Float32Array {
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
      obs[e * obsDim] = lastVolatility[e] / env.aggregateScale;
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
        return new BayesOptLeader({ lo, hi, every: leaderEvery, warmup: leaderWarmup, replicates: this.scenario.replicates }, rng.split());
      case 'maxent':
      case 'prior':
        // The schema offers these leaders only where the environment gives a set of theta.
        return new MaxEntLeader(thetaSet!.values, thetaSet!.prior, rng.split());
      default:
        throw new Error(`no such leader: ${leader}`);
    }
  }

  /**
   * False: the leader plays its learned policy without exploration noise and does not learn
   * (an evaluation of what it learned); the followers keep learning.
   */
  leaderExplores = true;
  /** tryTheta's own random stream, so trying leaves the training's draws as they were. */
  private readonly tryRng: Rng;
  /** The probe's stream: every probe plays on a copy of it, so the same theta gives the same episode. */
  private readonly probeRng: Rng;

  get iterationsDone(): number {
    return this.iteration;
  }

  /**
   * A live change, without restarting: the fixed leader's theta (its sliders), or a learning
   * leader's bounds, step alpha_L and schedule (see Leader.retune).
   */
  applyLive(live: LiveLeaderSettings): void {
    if (this.leader instanceof FixedLeader) {
      if (this.scenario.leader === 'fixed') this.leader.theta.set(live.fixedTheta);
      return;
    }
    this.thetaRange = live.thetaRange;
    this.leader.retune?.({ ...live.thetaRange, lr: live.leaderLr, every: live.leaderEvery });
  }

  /**
   * Plays one episode with theta set by hand in every leader copy and the followers frozen (a
   * user trying a policy on the trained followers, without retraining), and reports it. The
   * training goes on as before: the iteration count, the random streams, the leader, the
   * followers and theta are untouched. The environment's carried state is not: a continuing
   * market carries on from the tried episode's end, and a leader that observes the state (the
   * tax economy's) sees that end. probe() leaves the state alone too.
   */
  async tryTheta(theta: Float32Array): Promise<IterationMetrics> {
    const { env } = this;
    await this.onHost();
    const trained = env.theta.slice();
    try {
      return (await this.playFrozen(env, theta, null, this.tryRng)).metrics;
    } finally {
      env.theta.set(trained);
      // The tried episode moved the environment on (above): the GPU's copy is behind.
      this.deviceFresh = false;
    }
  }

  /**
   * Everything the next iteration depends on, between iterations: the count, the random
   * streams, the followers' networks and optimiser, the leader, and the environment's carried
   * markets. A trainer built from the same scenario and loaded with it plays the next
   * iterations exactly as this one would.
   */
  async saveState(): Promise<StateTree> {
    await this.onHost();
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
    this.deviceFresh = false;
    this.hostFresh = true;
  }

  /**
   * The Lucas-critique probe: `episodes` frozen episodes at `theta` (thetaDim values, for every
   * leader copy), each played twice from the same start and the same draws, on a fresh
   * environment of this scenario (the training's environment, streams, leader and followers are
   * untouched):
   * - adaptive: the trained conditional policy observes theta;
   * - fixedRule: the same policy observes the theta in force at the end of training (each
   *   leader copy's), as a behaviour rule estimated under the old policy would, while the
   *   environment applies theta to payoffs and dynamics.
   * The first episode draws from the probe's stream from its start (so one episode is what it
   * always was), the others from streams split off a copy of it. `adaptive` and `fixedRule` are
   * the first episode's; `episodes` every episode's figures, pair by pair. `trainedTheta` is the
   * old theta, copy-major (leaderCopies x thetaDim).
   */
  async probe(theta: Float32Array, episodes = 1): Promise<{ adaptive: FrozenEpisode; fixedRule: FrozenEpisode; trainedTheta: Float32Array; episodes: { adaptive: IterationMetrics[]; fixedRule: IterationMetrics[] } }> {
    await this.onHost();
    const trainedTheta = this.env.theta.slice(0, this.env.leaderCopies * this.env.thetaDim);
    const spare = this.probeRng.clone();
    const streams = [this.probeRng.clone(), ...Array.from({ length: episodes - 1 }, () => spare.split())];
    const adaptive: FrozenEpisode[] = [];
    const fixedRule: FrozenEpisode[] = [];
    for (const stream of streams) {
      adaptive.push(await this.playFrozen(this.build().env, theta, null, stream.clone()));
      fixedRule.push(await this.playFrozen(this.build().env, theta, trainedTheta, stream.clone()));
    }
    return { adaptive: adaptive[0], fixedRule: fixedRule[0], trainedTheta, episodes: { adaptive: adaptive.map((e) => e.metrics), fixedRule: fixedRule.map((e) => e.metrics) } };
  }

  /**
   * Evaluation mode at a theta of the caller's (a grid of flat taxes): `episodes` frozen
   * episodes with `theta` in every leader copy, on a fresh environment of this scenario, the
   * followers as in evaluate() and the episodes' draws from `seed` alone, so thetas evaluated
   * with the same seed meet the same shocks. The training is untouched. Each episode's figures.
   */
  async evaluateAt(theta: Float32Array, episodes: number, seed: number): Promise<IterationMetrics[]> {
    await this.onHost();
    const env = this.build().env;
    const rng = Rng.fromSeed(seed);
    const out: IterationMetrics[] = [];
    for (let k = 0; k < episodes; k++) out.push((await this.playFrozen(env, theta, null, rng.split(), true)).metrics);
    return out;
  }

  /**
   * One episode on `env` with `theta` in every leader copy and the followers frozen (no update,
   * the leader neither asked nor taught); `seen`: what the leader copies' followers observe of
   * theta instead (null: theta itself). Reports the episode and the followers' actions in the
   * leader copies.
   */
  private async playFrozen(env: BatchedEnv, theta: Float32Array, seen: Float32Array | null, rng: Rng, greedy = false): Promise<FrozenEpisode & { volatilities: number[] }> {
    const t0 = performance.now();
    // One theta for every copy, or one per leader copy.
    if (theta.length === env.leaderCopies * env.thetaDim) env.theta.set(theta);
    else for (let e = 0; e < env.leaderCopies; e++) env.theta.set(theta, e * env.thetaDim);
    const actions = this.actionDim
      ? new ActionTally('means', this.actionDim, env.leaderCopies * env.agents)
      : new ActionTally('probabilities', env.numActions, env.leaderCopies * env.agents);
    const welfare = await this.play(env, this.rollout, rng, seen, actions, greedy);
    const { markets: _markets, volatilities, ...figures } = this.figures(env, welfare);
    const metrics = { ...figures, iteration: this.iteration, leaderReward: NaN, ...NO_UPDATE, ms: performance.now() - t0 };
    return { metrics, actions: actions.summary(), volatilities };
  }

  /**
   * Evaluation mode: `episodes` episodes with exploration off and nothing learning, on a fresh
   * copy of the environment (a continuing market carries on from one evaluation episode to the
   * next), drawing from the probe's stream from its start, so that a trained state evaluates
   * the same every time. The training's environment, streams, leader and followers are untouched.
   * - The leader acts without exploring before each episode, as in training but on the
   *   evaluation's own state: a PPO leader's policy mean, Bayesian optimisation's best point so
   *   far; a fixed or maximum-entropy leader as always.
   * - The followers act from their frozen policies. A Gaussian policy (continuous actions) takes
   *   its mean: its spread is exploration. A discrete policy samples its probabilities: in these
   *   games a mixed strategy is the behaviour itself (the entrance game's equilibrium is mixed),
   *   and every follower taking its most likely action would herd the market.
   * Each episode's figures, as an iteration reports them (leader reward and losses NaN).
   */
  async evaluate(episodes: number): Promise<IterationMetrics[]> {
    await this.onHost();
    const { env } = this.build();
    const rng = this.probeRng.clone();
    const lastVolatility = this.lastVolatility.slice();
    const out: IterationMetrics[] = [];
    for (let k = 0; k < episodes; k++) {
      const theta = await this.leader.act(this.leaderObservation(env, lastVolatility), env.leaderCopies, false);
      const { metrics, volatilities } = await this.playFrozen(env, theta, null, rng, true);
      lastVolatility.set(volatilities);
      out.push(metrics);
    }
    return out;
  }

  /**
   * Plays `episodes` episodes on `env`, another environment of this scenario's kind with any
   * number of copies and its theta already set (a grid of theta, one per copy), with the
   * followers frozen, sampling their policies as in training: no update, no leader, and the
   * training's environment, streams and rollout storage untouched. Returns each episode's
   * aggregates, time-major (t * copies + e).
   */
  async playFrozenEpisodes(env: BatchedEnv, episodes: number, rng: Rng): Promise<Float64Array[]> {
    await this.onHost();
    const rollout = rolloutBuffers(this.scenario.horizon, env, this.actionDim);
    const out: Float64Array[] = [];
    for (let k = 0; k < episodes; k++) {
      await this.play(env, rollout, rng, null, null);
      out.push(rollout.aggregates.slice());
    }
    return out;
  }

  async iterate(): Promise<IterationMetrics> {
    const t0 = performance.now();
    const { env } = this;
    const L = env.leaderCopies;

    // Divergence is caught where it appears (divergence.ts): theta, then the episode, then the update.
    const at = this.iteration + 1;
    env.theta.set(await this.leader.act(this.leaderObservation(), L, this.leaderExplores));
    assertFinite(at, { "theta (the leader's action)": env.theta });
    const { welfare, stats } = this.device ? await this.followersOnDevice(at, this.device) : await this.followersOnHost(at);
    assertFinite(at, {
      "the followers' policy loss": stats.policyLoss,
      "the followers' value loss": stats.valueLoss,
      ...this.learner.parameterCheck("the followers' networks'"),
    });

    // The leader's objective and the reported figures are about its own copies.
    const { markets, volatilities, ...figures } = this.figures(env, welfare);
    const objective = OBJECTIVES[this.objective];
    const target = env.target?.() ?? null;
    const social = env.socialWelfare?.();
    const leaderRewards = new Float32Array(L);
    const experiments = pooledSeries(markets, this.leader.replicates ?? 1);
    for (let e = 0; e < L; e++) {
      this.lastVolatility[e] = volatilities[e];
      leaderRewards[e] = objective.reward({
        volatility: volatilities[e],
        welfare: welfare[e],
        volatilityScale: env.aggregateScale,
        series: experiments[e],
        target,
        leaderEntropy: this.leader.entropy ?? NaN,
        socialWelfare: social?.[e] ?? NaN,
      });
    }
    assertFinite(at, { "the leader's reward": leaderRewards });
    // A leader update that diverged must not reach a checkpoint: its networks are checked after it.
    const leaderUpdated = this.leaderExplores && (await this.leader.feedback(leaderRewards)) !== null;
    if (leaderUpdated && this.leader.parameterCheck) assertFinite(at, this.leader.parameterCheck());
    return { ...figures, iteration: ++this.iteration, leaderReward: mean(leaderRewards), ...stats, ms: performance.now() - t0 };
  }

  /** The followers' episode and update on the host: play, GAE, PPO (the tfjs-op path, every backend). */
  private async followersOnHost(at: number): Promise<{ welfare: Float64Array; stats: PpoStats }> {
    const { env, rollout } = this;
    const { batch } = rollout;
    const T = this.scenario.horizon;
    const welfare = await this.play(env, rollout, this.rng, null, null);
    assertFinite(at, { "the followers' rewards": rollout.rew, "the critic's values": rollout.val });
    const lastObs = new Float32Array(batch * env.obsDim);
    env.observe(lastObs);
    const { values: nextValues } = await this.actorCritic(lastObs);
    const { advantages, returns } = gae(rollout.rew, rollout.val, nextValues, T, env.discount ?? GAMMA, GAE_LAMBDA);
    const stats = await this.learner.update({ size: T * batch, obs: rollout.obs, actions: rollout.act, logp: rollout.logp, advantages, returns }, this.rng);
    return { welfare, stats };
  }

  /**
   * The same on the GPU (engine/device), with the same draws from the same stream: a uniform
   * per follower and step, then a permutation per epoch.
   */
  private async followersOnDevice(at: number, device: DevicePpo): Promise<{ welfare: Float64Array; stats: PpoStats }> {
    const size = this.scenario.horizon * this.rollout.batch;
    if (!this.deviceFresh) {
      device.push({ ...(await this.learner.flatState()), env: this.env.device!.pack() });
      this.deviceFresh = true;
    }
    const uniforms = Float32Array.from({ length: size }, () => this.rng.uniform());
    const permutations = Array.from({ length: this.learner.config.epochs }, () => this.rng.permutation(size));
    const r = await device.iterate(this.env.theta, uniforms, permutations);
    this.hostFresh = false;
    this.rollout.aggregates.set(r.aggregates);
    assertFinite(at, { "the followers' rewards": r.welfare, "the critic's values": r.valueSum });
    this.learner.recordParameterSums(r.parameterSums);
    return { welfare: r.welfare, stats: r.stats };
  }

  /**
   * Plays one episode on `env` (theta already set) into `rollout` (storage sized for `env`):
   * every follower acts for `horizon` steps from the shared policy, drawing from `rng`; the
   * training's storage is what an update reads. `seen`: what the leader copies' followers observe
   * of theta, if not env.theta; `actions`: tallies their actions. Returns the mean reward per
   * follower and step of each copy.
   */
  private async play(env: BatchedEnv, rollout: RolloutBuffers, rng: Rng, seen: Float32Array | null, actions: ActionTally | null, greedy = false): Promise<Float64Array> {
    const { batch, obs: b_obs, val, rew, raw, aggregates } = rollout;
    const T = this.scenario.horizon;
    const E = env.copies;
    seeing(env, seen, () => env.beginEpisode?.(rng));
    if (this.policy instanceof GaussianHead) this.followerStd = await this.policy.std();
    const welfare = new Float64Array(E);
    for (let t = 0; t < T; t++) {
      beat();
      const obs = b_obs.subarray(t * batch * env.obsDim, (t + 1) * batch * env.obsDim);
      seeing(env, seen, () => env.observe(obs));
      const { outputs, values } = await this.actorCritic(obs);
      val.set(values, t * batch);
      const acted = this.sample(outputs, rollout, t, rng, greedy);
      actions?.add(this.actionDim ? acted : outputs);
      env.step(acted, raw);
      for (let i = 0; i < batch; i++) {
        rew[t * batch + i] = raw[i] * env.rewardScale;
        welfare[Math.floor(i / env.agents)] += raw[i];
      }
      aggregates.set(env.aggregate, t * E);
    }
    for (let e = 0; e < E; e++) welfare[e] /= T * env.agents;
    return welfare;
  }

  /** The episode's figures over the leader's copies, from the aggregate path and `welfare` per copy. */
  private figures(env: BatchedEnv, welfare: Float64Array): EpisodeFigures {
    const T = this.scenario.horizon;
    const E = env.copies;
    const L = env.leaderCopies;
    const d = env.thetaDim;
    const { aggregates } = this.rollout;
    const markets = Array.from({ length: L }, (_, e) => Float64Array.from({ length: T }, (_, t) => aggregates[t * E + e]));
    const volatilities = markets.map((m) => sampleStd(m));
    const firstDim = Float32Array.from({ length: L }, (_, e) => env.theta[e * d]);
    let attendance = 0;
    for (let t = 0; t < T; t++) for (let e = 0; e < L; e++) attendance += aggregates[t * E + e];
    const own = env.report?.(aggregates, T);
    return {
      welfare: mean(welfare.subarray(0, L)),
      volatility: mean(volatilities),
      attendance: attendance / (T * L),
      mapc: meanAbsPctChange(markets),
      theta: mean(firstDim),
      thetaStd: sampleStd(firstDim),
      series: Float32Array.from(markets[0]),
      envMetrics: own?.metrics ?? {},
      envSnapshots: own?.snapshots ?? {},
      markets,
      volatilities,
    };
  }

  /**
   * Actor and critic for every follower of every copy, in one batched forward pass over the
   * distinct observation rows (followers who see the same thing get the same output).
   */
  private async actorCritic(obs: Float32Array): Promise<{ outputs: Float32Array; values: Float32Array }> {
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
   * log-probability; returns what the environment is given (the index, or sigmoid(u)). `greedy`:
   * a Gaussian policy's mean instead of a draw (see evaluate).
   */
  private sample(outputs: Float32Array, rollout: RolloutBuffers, t: number, rng: Rng, greedy: boolean): Int32Array | Float32Array {
    const { batch, act, logp, squashed } = rollout;
    const d = this.actionDim;
    if (this.policy instanceof GaussianHead) {
      const u = act.subarray(t * batch * d, (t + 1) * batch * d) as Float32Array;
      // Greedy (evaluation): the mean; its log-probability is not needed, nothing learns from it.
      if (greedy) u.set(outputs.subarray(0, u.length));
      else sampleDiagonalGaussian(outputs, this.followerStd, rng, u, logp.subarray(t * batch, (t + 1) * batch));
      for (let j = 0; j < u.length; j++) squashed[j] = 1 / (1 + Math.exp(-u[j]));
      return squashed;
    }
    const K = this.env.numActions;
    const acted = act.subarray(t * batch, (t + 1) * batch) as Int32Array;
    for (let i = 0; i < batch; i++) {
      const a = sampleCategorical(outputs, rng.uniform(), i * K, K);
      acted[i] = a;
      logp[t * batch + i] = Math.log(outputs[i * K + a]);
    }
    return acted;
  }

  dispose(): void {
    this.device?.dispose();
    this.learner.dispose();
    this.policy.dispose();
    this.critic.dispose();
    this.leader.dispose();
  }
}

/**
 * Each copy's series with those of the copies that play its theta together
 * (consecutive groups of `replicates`, the last one possibly shorter), one after another.
 */
export function pooledSeries(markets: readonly Float64Array[], replicates: number): Float64Array[] {
  if (replicates === 1) return [...markets];
  const out: Float64Array[] = [];
  for (let first = 0; first < markets.length; first += replicates) {
    const group = markets.slice(first, first + replicates);
    const pooled = concat(group);
    group.forEach(() => out.push(pooled));
  }
  return out;
}
