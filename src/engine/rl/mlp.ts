/**
 * A tanh multilayer perceptron on raw tfjs variables (no tf.layers: less overhead per call and
 * full control of the gradient path). Weights start as PyTorch's nn.Linear default,
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn from the engine Rng so a seed fixes them on
 * every backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';

export class Mlp {
  readonly variables: tf.Variable[] = [];

  constructor(sizes: readonly number[], rng: Rng) {
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l];
      const bound = 1 / Math.sqrt(fanIn);
      const draw = (count: number) => Float32Array.from({ length: count }, () => (2 * rng.uniform() - 1) * bound);
      this.variables.push(
        tf.variable(tf.tensor2d(draw(fanIn * sizes[l + 1]), [fanIn, sizes[l + 1]])),
        tf.variable(tf.tensor1d(draw(sizes[l + 1]))),
      );
    }
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    let h = x;
    const layers = this.variables.length / 2;
    for (let l = 0; l < layers; l++) {
      const z = tf.add(tf.matMul(h, this.variables[2 * l] as tf.Tensor2D), this.variables[2 * l + 1]) as tf.Tensor2D;
      h = l + 1 < layers ? tf.tanh(z) : z;
    }
    return h;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
