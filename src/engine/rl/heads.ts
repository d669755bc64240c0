/**
 * Policy heads: how an actor network's output becomes a distribution over actions. PPO needs
 * only log pi(a | o) and the entropy, so the same update serves discrete followers and a
 * continuous leader.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng';
import { Mlp } from './mlp';

export interface PolicyHead {
  /** Everything the policy gradient trains (network and any free parameters). */
  readonly variables: tf.Variable[];
  /** Per-row log-probability of the given actions and the entropy of the distribution. */
  logProbEntropy(obs: tf.Tensor2D, actions: tf.Tensor): { logp: tf.Tensor1D; entropy: tf.Tensor1D };
  dispose(): void;
}

/** Categorical over numActions; actions are stored as int32 indices. */
export class CategoricalHead implements PolicyHead {
  readonly net: Mlp;
  constructor(readonly obsDim: number, readonly numActions: number, hidden: readonly number[], rng: Rng, conditionColumn?: number) {
    this.net = new Mlp([obsDim, ...hidden, numActions], rng, conditionColumn);
  }
  get variables() {
    return this.net.variables;
  }
  logProbEntropy(obs: tf.Tensor2D, actions: tf.Tensor) {
    const logSm = tf.logSoftmax(this.net.apply(obs));
    // oneHot x logits rather than gather: tfjs-wasm has no gradient kernel for gather.
    const logp = tf.sum(tf.mul(logSm, tf.oneHot(actions as tf.Tensor1D, this.numActions)), 1) as tf.Tensor1D;
    const entropy = tf.neg(tf.sum(tf.mul(tf.exp(logSm), logSm), 1)) as tf.Tensor1D;
    return { logp, entropy };
  }
  dispose() {
    this.net.dispose();
  }
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * A diagonal Gaussian over `dim` dimensions with a state-independent learned log standard
 * deviation per dimension. Actions are stored row-major, `dim` values per row; log-probability
 * and entropy are sums over the dimensions.
 */
export class GaussianHead implements PolicyHead {
  readonly net: Mlp;
  readonly logStd: tf.Variable;
  constructor(
    readonly obsDim: number,
    hidden: readonly number[],
    initStd: number,
    rng: Rng,
    readonly dim = 1,
    conditionColumn?: number,
  ) {
    this.net = new Mlp([obsDim, ...hidden, dim], rng, conditionColumn);
    this.logStd = tf.tidy(() => tf.variable(tf.fill([dim], Math.log(initStd))));
  }
  get variables() {
    return [...this.net.variables, this.logStd];
  }
  logProbEntropy(obs: tf.Tensor2D, actions: tf.Tensor) {
    const mu = this.net.apply(obs);
    const z = tf.div(tf.sub(tf.reshape(actions, [-1, this.dim]), mu), tf.exp(this.logStd));
    const logp = tf.sum(tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(this.logStd, HALF_LOG_2PI)), 1) as tf.Tensor1D;
    const entropy = tf.mul(tf.ones([obs.shape[0]]), tf.sum(tf.add(this.logStd, 0.5 + HALF_LOG_2PI))) as tf.Tensor1D;
    return { logp, entropy };
  }
  /** The standard deviation per dimension. */
  async std(): Promise<Float32Array> {
    const s = tf.tidy(() => tf.exp(this.logStd));
    const out = (await s.data()) as Float32Array;
    s.dispose();
    return out;
  }
  dispose() {
    this.net.dispose();
    this.logStd.dispose();
  }
}

/**
 * The index k in [0, count) drawn from probabilities[start + k] with a uniform u in [0, 1):
 * the first whose cumulative probability exceeds u (the last, should rounding leave u beyond).
 */
export function sampleCategorical(probabilities: ArrayLike<number>, u: number, start = 0, count = probabilities.length - start): number {
  let k = 0;
  let acc = probabilities[start];
  while (u >= acc && k < count - 1) acc += probabilities[start + ++k];
  return k;
}

/**
 * Draws u = mean + std z per row and dimension (rows x std.length values, row-major) into uOut
 * and each row's log-probability, summed over dimensions, into logpOut.
 */
export function sampleDiagonalGaussian(mean: ArrayLike<number>, std: ArrayLike<number>, rng: Rng, uOut: Float32Array, logpOut: Float32Array): void {
  const d = std.length;
  for (let i = 0; i < logpOut.length; i++) {
    let logp = 0;
    for (let k = 0; k < d; k++) {
      const z = rng.normal();
      uOut[i * d + k] = mean[i * d + k] + std[k] * z;
      logp += -0.5 * z * z - Math.log(std[k]) - HALF_LOG_2PI;
    }
    logpOut[i] = logp;
  }
}
