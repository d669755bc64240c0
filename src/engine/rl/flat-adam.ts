/**
 * Adam (Kingma and Ba 2015; the PyTorch and tfjs formula, bias-corrected) with global
 * gradient-norm clipping, over all of a model's variables at once. tfjs's own Adam runs about
 * a dozen kernels per variable per step, and the clipping two more; an actor and a critic with
 * FiLM have 20 variables, so a step of a small minibatch spent more time there (5 ms, 16
 * steps an iteration) than in the networks. Here the gradients are concatenated into one
 * vector, the moments are one vector each, and only the final update is split back.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadVariables, saveVariables } from '../persist/weights';
import type { StateReader, StateTree } from '../persist/state';

export interface AdamConfig {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Gradients are scaled down so that their global L2 norm is at most this. */
  maxGradNorm: number;
}

export class FlatAdam {
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly sizes: number[];
  private t = 0;

  constructor(
    private readonly variables: tf.Variable[],
    private config: AdamConfig,
  ) {
    this.sizes = variables.map((x) => x.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.m = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    this.v = tf.tidy(() => tf.variable(tf.zeros([total]), false));
  }

  /** One step; `grads[i]` is the gradient of `variables[i]`. */
  apply(grads: tf.Tensor[]): void {
    const { lr, beta1, beta2, epsilon, maxGradNorm } = this.config;
    this.t++;
    tf.tidy(() => {
      const raw = tf.concat(grads.map((g) => tf.reshape(g, [-1])));
      const norm = tf.norm(raw);
      const g = tf.mul(raw, tf.minimum(1, tf.div(maxGradNorm, tf.add(norm, 1e-6))));
      this.m.assign(tf.add(tf.mul(beta1, this.m), tf.mul(1 - beta1, g)));
      this.v.assign(tf.add(tf.mul(beta2, this.v), tf.mul(1 - beta2, tf.square(g))));
      const stepSize = lr / (1 - beta1 ** this.t);
      const denom = tf.add(tf.sqrt(tf.div(this.v, 1 - beta2 ** this.t)), epsilon);
      const update = tf.split(tf.mul(stepSize, tf.div(this.m, denom)), this.sizes);
      this.variables.forEach((x, i) => x.assign(tf.sub(x, tf.reshape(update[i], x.shape))));
    });
  }

  /** A new step size from the next step on (a live change of alpha_L); the moments are kept. */
  setLearningRate(lr: number): void {
    this.config = { ...this.config, lr };
  }

  /** The step count and both moments as numbers (the device-resident path takes them over). */
  async moments(): Promise<{ t: number; m: Float32Array; v: Float32Array }> {
    return { t: this.t, m: (await this.m.data()) as Float32Array, v: (await this.v.data()) as Float32Array };
  }

  setMoments(t: number, m: Float32Array, v: Float32Array): void {
    tf.tidy(() => {
      this.m.assign(tf.tensor1d(m));
      this.v.assign(tf.tensor1d(v));
    });
    this.t = t;
  }

  /** The step count and both moments: training after a load takes the same steps as before it. */
  async saveState(): Promise<StateTree> {
    return { t: this.t, moments: await saveVariables([this.m, this.v]) };
  }

  loadState(saved: StateReader): void {
    const t = saved.get('t').count();
    loadVariables([this.m, this.v], saved.get('moments'));
    this.t = t;
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
  }
}
