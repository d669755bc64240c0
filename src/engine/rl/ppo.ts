/**
 * Clipped PPO update (Schulman et al. 2017), CleanRL-style: shuffled minibatches over a flat
 * batch, per-minibatch advantage normalisation, clipped surrogate, value regression, entropy
 * bonus, global gradient-norm clipping, one Adam over actor and critic.
 * Names: b_ whole batch, mb_ minibatch.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import type { PolicyHead } from './heads';
import type { Mlp } from './mlp';

export interface PpoConfig {
  lr: number;
  epochs: number;
  minibatches: number;
  clipCoef: number;
  entCoef: number;
  vfCoef: number;
  maxGradNorm: number;
}

export const DEFAULT_PPO: PpoConfig = {
  lr: 3e-4,
  epochs: 4,
  minibatches: 4,
  clipCoef: 0.2,
  entCoef: 0.01,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
};

/** A flat batch of transitions: row i has obs[i*obsDim ...], one action, and its targets. */
export interface PpoBatch {
  size: number;
  obs: Float32Array;
  actions: Int32Array | Float32Array;
  logp: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
}

export interface PpoStats {
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFrac: number;
}

export class PpoLearner {
  private readonly optimizer: tf.AdamOptimizer;
  private readonly trainable: tf.Variable[];

  constructor(
    readonly policy: PolicyHead,
    readonly critic: Mlp,
    readonly obsDim: number,
    readonly config: PpoConfig,
  ) {
    this.optimizer = tf.train.adam(config.lr, 0.9, 0.999, 1e-5);
    this.trainable = [...policy.variables, ...critic.variables];
  }

  async update(b: PpoBatch, rng: Rng): Promise<PpoStats> {
    const { epochs, minibatches } = this.config;
    const mbSize = Math.floor(b.size / minibatches);
    const mb_obs = new Float32Array(mbSize * this.obsDim);
    const mb_act = b.actions instanceof Int32Array ? new Int32Array(mbSize) : new Float32Array(mbSize);
    const mb_logp = new Float32Array(mbSize);
    const mb_adv = new Float32Array(mbSize);
    const mb_ret = new Float32Array(mbSize);
    let sums = tf.zeros([5]);
    for (let epoch = 0; epoch < epochs; epoch++) {
      const perm = rng.permutation(b.size);
      for (let m = 0; m < minibatches; m++) {
        for (let j = 0; j < mbSize; j++) {
          const i = perm[m * mbSize + j];
          mb_obs.set(b.obs.subarray(i * this.obsDim, (i + 1) * this.obsDim), j * this.obsDim);
          mb_act[j] = b.actions[i];
          mb_logp[j] = b.logp[i];
          mb_adv[j] = b.advantages[i];
          mb_ret[j] = b.returns[i];
        }
        const prev = sums;
        sums = tf.tidy(() => tf.add(prev, this.step(mb_obs, mb_act, mb_logp, mb_adv, mb_ret, mbSize)));
        prev.dispose();
      }
    }
    const s = await sums.data();
    sums.dispose();
    const n = epochs * minibatches;
    return { policyLoss: s[0] / n, valueLoss: s[1] / n, entropy: s[2] / n, approxKl: s[3] / n, clipFrac: s[4] / n };
  }

  /** One gradient step on a minibatch; returns [policy loss, value loss, entropy, approx KL, clip fraction]. */
  private step(
    obsArr: Float32Array,
    actArr: Int32Array | Float32Array,
    logpArr: Float32Array,
    advArr: Float32Array,
    retArr: Float32Array,
    rows: number,
  ): tf.Tensor1D {
    const { clipCoef, entCoef, vfCoef, maxGradNorm } = this.config;
    const obs = tf.tensor2d(obsArr, [rows, this.obsDim]);
    const act = actArr instanceof Int32Array ? tf.tensor1d(actArr, 'int32') : tf.tensor1d(actArr);
    const oldLogp = tf.tensor1d(logpArr);
    const ret = tf.tensor1d(retArr);
    const { mean, variance } = tf.moments(tf.tensor1d(advArr));
    const adv = tf.div(tf.sub(tf.tensor1d(advArr), mean), tf.add(tf.sqrt(variance), 1e-8));
    let stats: tf.Tensor[] = [];
    const { grads } = tf.variableGrads(() => {
      const { logp, entropy } = this.policy.logProbEntropy(obs, act);
      const logRatio = tf.sub(logp, oldLogp);
      const ratio = tf.exp(logRatio);
      const pgLoss = tf.mean(tf.maximum(tf.mul(tf.neg(adv), ratio), tf.mul(tf.neg(adv), tf.clipByValue(ratio, 1 - clipCoef, 1 + clipCoef))));
      const v = tf.reshape(this.critic.apply(obs), [-1]);
      const vLoss = tf.mul(0.5, tf.mean(tf.square(tf.sub(v, ret))));
      const ent = tf.mean(entropy);
      // Diagnostics (CleanRL): approx KL = E[(r - 1) - log r], share of clipped ratios.
      const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio));
      const clipFrac = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), clipCoef), 'float32'));
      stats = [pgLoss, vLoss, ent, approxKl, clipFrac].map((t) => tf.keep(t));
      return tf.sub(tf.add(pgLoss, tf.mul(vfCoef, vLoss)), tf.mul(entCoef, ent)) as tf.Scalar;
    }, this.trainable);
    const names = Object.keys(grads);
    const globalNorm = tf.sqrt(tf.addN(names.map((k) => tf.sum(tf.square(grads[k])))));
    const scale = tf.minimum(1, tf.div(maxGradNorm, tf.add(globalNorm, 1e-6)));
    this.optimizer.applyGradients(names.map((name) => ({ name, tensor: tf.mul(grads[name], scale) })));
    const out = tf.stack(stats) as tf.Tensor1D;
    for (const t of stats) t.dispose();
    return out;
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
