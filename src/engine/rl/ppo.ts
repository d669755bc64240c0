/**
 * Clipped PPO update (Schulman et al. 2017), CleanRL-style: shuffled minibatches over a flat
 * batch, per-minibatch advantage normalisation, clipped surrogate, value regression, entropy
 * bonus, global gradient-norm clipping, one Adam over actor and critic.
 * Names: b_ whole batch, mb_ minibatch.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng';
import type { PolicyHead } from './heads';
import type { Mlp } from './mlp';
import { namedParameterSums } from '../divergence';
import { FlatAdam } from './flat-adam';
import type { StateReader, StateTree } from '../persist/state';
import { loadVariables, saveVariables } from '../persist/weights';
import { groupRows, type RowGrouping } from './unique-rows';
import { beat } from '../heartbeat';
import { PPO_EPOCHS } from '../../scenario/shapes';

export interface PpoConfig {
  lr: number;
  /**
   * Bounded rationality: each row's policy also pays lambda KL(pi(.|o) || uniform), with lambda
   * read from an observation column. For K actions that KL is log K - H(pi), an entropy bonus
   * weighted per follower (Evans and Ganesh, arXiv 2402.00787).
   */
  klToUniform?: { column: number; logK: number };
  epochs: number;
  minibatches: number;
  clipCoef: number;
  entCoef: number;
  vfCoef: number;
  maxGradNorm: number;
}

/** Adam's constants for the followers (as the PyTorch reference's). */
export const FOLLOWER_ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-5 };

export const DEFAULT_PPO: PpoConfig = {
  lr: 3e-4,
  epochs: PPO_EPOCHS,
  minibatches: 4,
  clipCoef: 0.2,
  entCoef: 0.01,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
};

/**
 * A flat batch of transitions: row i has obs[i*obsDim ...], its action (an index, or
 * actionDim numbers at actions[i*actionDim ...]) and its targets.
 */
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

/**
 * A minibatch summed per group of identical rows (same observation, action and old
 * log-probability): every term of PPO's loss is a function of the row's network outputs and
 * its own advantage or return, so a group needs only its size, its sums of positive and of
 * negative advantages, and its returns' mean and spread. The networks then run once per
 * group, not once per row; the loss and its gradient are the per-row ones (up to the order
 * of float additions).
 */
export interface GroupedMinibatch {
  groups: number;
  rows: number;
  obs: Float32Array;
  actions: Int32Array | Float32Array;
  logp: Float32Array;
  count: Float32Array;
  advPos: Float32Array;
  advNeg: Float32Array;
  retMean: Float32Array;
  /** Sum over rows of (return - its group's mean)^2: the part of the value loss no weight moves. */
  retSpread: number;
}

export function groupMinibatch(b: PpoBatch, obsDim: number, rowIdx: Int32Array, grouping: RowGrouping = 'identical'): GroupedMinibatch {
  const rows = rowIdx.length;
  const actionDim = b.actions.length / b.size;
  const width = obsDim + actionDim + 1;
  const keys = new Float32Array(rows * width);
  let advSum = 0;
  for (let j = 0; j < rows; j++) {
    const i = rowIdx[j];
    keys.set(b.obs.subarray(i * obsDim, (i + 1) * obsDim), j * width);
    for (let d = 0; d < actionDim; d++) keys[j * width + obsDim + d] = b.actions[i * actionDim + d];
    keys[j * width + obsDim + actionDim] = b.logp[i];
    advSum += b.advantages[i];
  }
  // Advantages normalised over the minibatch (CleanRL), population std as tf.moments gives.
  const advMean = advSum / rows;
  let advVar = 0;
  for (let j = 0; j < rows; j++) advVar += (b.advantages[rowIdx[j]] - advMean) ** 2;
  const advScale = 1 / (Math.sqrt(advVar / rows) + 1e-8);

  const { groupOf, firstRow } = groupRows(keys, width, grouping);
  const groups = firstRow.length;
  const count = new Float32Array(groups);
  const advPos = new Float64Array(groups);
  const advNeg = new Float64Array(groups);
  const retSum = new Float64Array(groups);
  for (let j = 0; j < rows; j++) {
    const g = groupOf[j];
    const a = (b.advantages[rowIdx[j]] - advMean) * advScale;
    count[g]++;
    if (a >= 0) advPos[g] += a;
    else advNeg[g] += a;
    retSum[g] += b.returns[rowIdx[j]];
  }
  const retMean = new Float32Array(groups);
  for (let g = 0; g < groups; g++) retMean[g] = retSum[g] / count[g];
  let retSpread = 0;
  for (let j = 0; j < rows; j++) retSpread += (b.returns[rowIdx[j]] - retSum[groupOf[j]] / count[groupOf[j]]) ** 2;

  const obs = new Float32Array(groups * obsDim);
  const actions = b.actions instanceof Int32Array ? new Int32Array(groups * actionDim) : new Float32Array(groups * actionDim);
  const logp = new Float32Array(groups);
  for (let g = 0; g < groups; g++) {
    const i = rowIdx[firstRow[g]];
    obs.set(b.obs.subarray(i * obsDim, (i + 1) * obsDim), g * obsDim);
    actions.set(b.actions.subarray(i * actionDim, (i + 1) * actionDim), g * actionDim);
    logp[g] = b.logp[i];
  }
  return { groups, rows, obs, actions, logp, count, advPos: Float32Array.from(advPos), advNeg: Float32Array.from(advNeg), retMean, retSpread };
}

export class PpoLearner {
  private readonly optimizer: FlatAdam;
  /** The actor's and the critic's variables, in that order. */
  private readonly trainable: tf.Variable[];
  /** Each trainable variable's sum after the last update (empty before one). */
  private parameterSums: Float32Array = new Float32Array(0);

  constructor(
    readonly policy: PolicyHead,
    readonly critic: Mlp,
    readonly obsDim: number,
    public config: PpoConfig,
    readonly grouping: RowGrouping = 'identical',
  ) {
    this.trainable = [...policy.variables, ...critic.variables];
    this.optimizer = new FlatAdam(this.trainable, { lr: config.lr, ...FOLLOWER_ADAM, maxGradNorm: config.maxGradNorm });
  }

  /** A new step size for the coming updates (a live change); what the optimiser has learned is kept. */
  setLearningRate(lr: number): void {
    this.config = { ...this.config, lr };
    this.optimizer.setLearningRate(lr);
  }

  async update(b: PpoBatch, rng: Rng): Promise<PpoStats> {
    const { epochs, minibatches } = this.config;
    const mbSize = Math.floor(b.size / minibatches);
    let sums = tf.zeros([5]);
    for (let epoch = 0; epoch < epochs; epoch++) {
      const perm = rng.permutation(b.size);
      for (let m = 0; m < minibatches; m++) {
        beat();
        const mb = groupMinibatch(b, this.obsDim, Int32Array.from(perm.subarray(m * mbSize, (m + 1) * mbSize)), this.grouping);
        const prev = sums;
        sums = tf.tidy(() => tf.add(prev, this.step(mb)));
        prev.dispose();
      }
    }
    // The parameters' sums come back with the loss terms, in the one readback, for the divergence check.
    const read = tf.tidy(() => tf.concat([sums, ...this.trainable.map((v) => tf.reshape(tf.sum(v), [1]))]));
    sums.dispose();
    const s = (await read.data()) as Float32Array;
    read.dispose();
    this.parameterSums = s.slice(5);
    const n = epochs * minibatches;
    return { policyLoss: s[0] / n, valueLoss: s[1] / n, entropy: s[2] / n, approxKl: s[3] / n, clipFrac: s[4] / n };
  }

  /** One gradient step on a minibatch; returns the loss terms as ppoLoss gives them. */
  private step(mb: GroupedMinibatch): tf.Tensor1D {
    let stats: tf.Tensor[] = [];
    const { grads } = tf.variableGrads(() => {
      const out = ppoLoss(this.policy, this.critic, this.obsDim, mb, this.config);
      stats = out.terms.map((t) => tf.keep(t));
      return out.loss;
    }, this.trainable);
    this.optimizer.apply(this.trainable.map((v) => grads[v.name]));
    const out = tf.stack(stats) as tf.Tensor1D;
    for (const t of stats) t.dispose();
    return out;
  }

  /**
   * The actor's and critic's parameters and Adam's state as flat vectors, in variable order:
   * what the device-resident path (engine/device) trains from, and hands back.
   */
  async flatState(): Promise<{ params: Float32Array; m: Float32Array; v: Float32Array; adamSteps: number }> {
    const values = await Promise.all(this.trainable.map((v) => v.data() as Promise<Float32Array>));
    const params = new Float32Array(values.reduce((n, x) => n + x.length, 0));
    values.reduce((at, x) => (params.set(x, at), at + x.length), 0);
    const { t, m, v } = await this.optimizer.moments();
    return { params, m, v, adamSteps: t };
  }

  setFlatState(s: { params: Float32Array; m: Float32Array; v: Float32Array; adamSteps: number }): void {
    tf.tidy(() => {
      let at = 0;
      for (const variable of this.trainable) variable.assign(tf.tensor(s.params.subarray(at, (at += variable.size)), variable.shape));
    });
    this.optimizer.setMoments(s.adamSteps, s.m, s.v);
  }

  /** Parameter sums measured where the update ran (the device path's readback), for parameterCheck. */
  recordParameterSums(sums: Float32Array): void {
    this.parameterSums = sums;
  }

  /** After an update: each parameter tensor's sum, named for assertFinite (divergence.ts) after `owner`. */
  parameterCheck(owner: string): Record<string, number> {
    return namedParameterSums(owner, this.trainable.map((v) => v.shape), this.parameterSums);
  }

  /** The actor's and critic's weights, in order, and the optimiser's state. */
  async saveState(): Promise<StateTree> {
    return { weights: await saveVariables(this.trainable), optimizer: await this.optimizer.saveState() };
  }

  loadState(saved: StateReader): void {
    loadVariables(this.trainable, saved.get('weights'));
    this.optimizer.loadState(saved.get('optimizer'));
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}

/**
 * The clipped PPO loss of a grouped minibatch, and its terms [policy loss, value loss,
 * entropy, approx KL, clip fraction], each the mean over the minibatch's rows.
 */
export function ppoLoss(
  policy: PolicyHead,
  critic: Mlp,
  obsDim: number,
  mb: GroupedMinibatch,
  config: PpoConfig,
): { loss: tf.Scalar; terms: tf.Scalar[] } {
  const { clipCoef, entCoef, vfCoef } = config;
  const obs = tf.tensor2d(mb.obs, [mb.groups, obsDim]);
  const act = mb.actions instanceof Int32Array ? tf.tensor1d(mb.actions, 'int32') : tf.tensor1d(mb.actions);
  const [oldLogp, count, advPos, advNeg, retMean] = [mb.logp, mb.count, mb.advPos, mb.advNeg, mb.retMean].map((a) => tf.tensor1d(a));
  const perRow = (t: tf.Tensor) => tf.div(tf.sum(t), mb.rows) as tf.Scalar;
  const { logp, entropy } = policy.logProbEntropy(obs, act);
  const logRatio = tf.sub(logp, oldLogp);
  const ratio = tf.exp(logRatio);
  const clipped = tf.clipByValue(ratio, 1 - clipCoef, 1 + clipCoef);
  // Per row: max(-A ratio, -A clip(ratio)), i.e. -A min(ratio, clip) for A >= 0 and
  // -A max(ratio, clip) for A < 0; summed over a group's rows.
  const pgLoss = tf.neg(perRow(tf.add(tf.mul(tf.minimum(ratio, clipped), advPos), tf.mul(tf.maximum(ratio, clipped), advNeg))));
  const v = tf.reshape(critic.apply(obs), [-1]);
  // Sum over rows of (v - R)^2 = count (v - mean R)^2 + the spread of R about its mean.
  const vLoss = tf.mul(0.5, tf.add(perRow(tf.mul(count, tf.square(tf.sub(v, retMean)))), mb.retSpread / mb.rows)) as tf.Scalar;
  const ent = perRow(tf.mul(count, entropy));
  // Diagnostics (CleanRL): approx KL = E[(r - 1) - log r], share of clipped ratios.
  const approxKl = perRow(tf.mul(count, tf.sub(tf.sub(ratio, 1), logRatio)));
  const clipFrac = perRow(tf.mul(count, tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), clipCoef), 'float32')));
  let loss = tf.sub(tf.add(pgLoss, tf.mul(vfCoef, vLoss)), tf.mul(entCoef, ent)) as tf.Scalar;
  if (config.klToUniform) {
    const { column, logK } = config.klToUniform;
    const lambda = tf.reshape(tf.slice(obs, [0, column], [-1, 1]), [-1]);
    loss = tf.add(loss, perRow(tf.mul(tf.mul(count, lambda), tf.sub(logK, entropy)))) as tf.Scalar;
  }
  return { loss, terms: [pgLoss, vLoss, ent, approxKl, clipFrac] };
}
