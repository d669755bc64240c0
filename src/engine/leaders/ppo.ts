/**
 * A PPO leader over a continuous theta in a box [lo, hi] (one interval per dimension). Each
 * episode is one decision per copy (a contextual bandit: the advantage is reward minus the
 * critic's value), so a batch holds copies x every decisions. Per dimension
 * theta = lo + (hi - lo) sigmoid(u), u ~ N(mu(o), sigma): the PPO ratio is taken on u, where
 * the squashing Jacobian cancels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { encodeArray } from '../persist/arrays';
import type { StateReader, StateTree } from '../persist/state';
import type { Rng } from '../rng';
import { GaussianHead, sampleDiagonalGaussian } from '../rl/heads';
import { Mlp } from '../rl/mlp';
import { PPO_LEADER_LAYERS } from '../rl/parameter-count';
import { DEFAULT_PPO, PpoLearner } from '../rl/ppo';
import type { Leader, LeaderStats, LeaderTuning } from './leader';

export interface PpoLeaderConfig {
  obsDim: number;
  /** theta's bounds per dimension. */
  lo: readonly number[];
  hi: readonly number[];
  /** alpha_L: much larger than the followers' step. */
  lr: number;
  /** Update after this many episodes (the slower timescale). */
  every: number;
  /**
   * Episodes before the first update. Meanwhile the leader keeps its initial broad spread of
   * theta across copies, so the followers first learn how to respond to any theta (a conditional
   * policy) and the leader then judges theta against adapted followers, as in a nested loop.
   */
  warmup: number;
}

export class PpoLeader implements Leader {
  private readonly head: GaussianHead;
  private readonly critic: Mlp;
  private readonly learner: PpoLearner;
  private obs: number[] = [];
  private u: number[] = [];
  private logp: number[] = [];
  private values: number[] = [];
  private rewards: number[] = [];
  private episodes = 0;

  parameterCheck(): Record<string, number> {
    return this.learner.parameterCheck("the leader's networks'");
  }

  /** Its settings; bounds, step and schedule change with retune. */
  private config: PpoLeaderConfig;

  constructor(config: PpoLeaderConfig, private readonly rng: Rng) {
    this.config = { ...config };
    this.head = new GaussianHead(config.obsDim, PPO_LEADER_LAYERS, 2, rng, config.lo.length);
    this.critic = new Mlp([config.obsDim, ...PPO_LEADER_LAYERS, 1], rng);
    this.learner = new PpoLearner(this.head, this.critic, config.obsDim, {
      ...DEFAULT_PPO,
      lr: config.lr,
      minibatches: 1,
      entCoef: 0,
    });
  }

  /**
   * New bounds squash the same u into the new box (the policy keeps what it learned, in the
   * bounds' shares); a new schedule counts from the warm-up as before, so the next update is the
   * next episode at which (episodes - warmup) is a multiple of the new `every`.
   */
  retune({ lo, hi, lr, every }: LeaderTuning): void {
    if (lr !== this.config.lr) this.learner.setLearningRate(lr);
    this.config = { ...this.config, lo, hi, lr, every };
  }

  async act(obs: Float32Array, copies: number, explore: boolean): Promise<Float32Array> {
    const { lo, hi, obsDim } = this.config;
    const d = lo.length;
    // The policy's mean and std, and when exploring the critic's values, in one readback (on
    // webgpu each read waits for the GPU).
    const read = tf.tidy(() => {
      const x = tf.tensor2d(obs, [copies, obsDim]);
      const parts = [tf.reshape(this.head.net.apply(x), [-1]), tf.exp(this.head.logStd)];
      if (explore) parts.push(tf.reshape(this.critic.apply(x), [-1]));
      return tf.concat(parts);
    });
    const figures = (await read.data()) as Float32Array;
    read.dispose();
    const mean = figures.subarray(0, copies * d);
    const std = figures.subarray(copies * d, (copies + 1) * d);
    const theta = new Float32Array(copies * d);
    const squash = (u: number, k: number) => lo[k] + (hi[k] - lo[k]) / (1 + Math.exp(-u));
    if (!explore) {
      for (let i = 0; i < copies * d; i++) theta[i] = squash(mean[i], i % d);
      return theta;
    }
    const values = figures.subarray((copies + 1) * d);
    const u = new Float32Array(copies * d);
    const logp = new Float32Array(copies);
    sampleDiagonalGaussian(mean, std, this.rng, u, logp);
    for (let i = 0; i < copies * d; i++) theta[i] = squash(u[i], i % d);
    this.u.push(...u);
    this.logp.push(...logp);
    this.obs.push(...obs);
    this.values.push(...values);
    return theta;
  }

  async feedback(rewards: Float32Array): Promise<LeaderStats | null> {
    this.rewards.push(...rewards);
    this.episodes++;
    if (this.episodes <= this.config.warmup) {
      this.clear();
      return null;
    }
    if ((this.episodes - this.config.warmup) % this.config.every !== 0) return null;
    const size = this.rewards.length;
    const returns = Float32Array.from(this.rewards);
    const advantages = returns.map((r, i) => r - this.values[i]);
    const stats = await this.learner.update(
      { size, obs: Float32Array.from(this.obs), actions: Float32Array.from(this.u), logp: Float32Array.from(this.logp), advantages, returns },
      this.rng,
    );
    this.clear();
    return { policyLoss: stats.policyLoss, entropy: stats.entropy };
  }

  /** Its networks and optimiser, its random stream, and the decisions gathered towards the next update. */
  async saveState(): Promise<StateTree> {
    const gathered = { obs: this.obs, u: this.u, logp: this.logp, values: this.values, rewards: this.rewards };
    return {
      learner: await this.learner.saveState(),
      rng: this.rng.state(),
      episodes: this.episodes,
      gathered: Object.fromEntries(Object.entries(gathered).map(([k, v]) => [k, encodeArray(Float64Array.from(v))])),
    };
  }

  loadState(saved: StateReader): void {
    this.learner.loadState(saved.get('learner'));
    this.rng.restore(saved.get('rng').rngState());
    this.episodes = saved.get('episodes').count();
    const gathered = saved.get('gathered');
    const list = (key: string) => Array.from(gathered.get(key).array('float64'));
    [this.obs, this.u, this.logp, this.values, this.rewards] = [list('obs'), list('u'), list('logp'), list('values'), list('rewards')];
  }

  private clear(): void {
    this.obs = [];
    this.u = [];
    this.logp = [];
    this.values = [];
    this.rewards = [];
  }

  dispose(): void {
    this.learner.dispose();
    this.head.dispose();
    this.critic.dispose();
  }
}
