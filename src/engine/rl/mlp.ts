/**
 * A tanh multilayer perceptron on raw tfjs variables (no tf.layers: less overhead per call and
 * full control of the gradient path). Weights start as PyTorch's nn.Linear default,
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn from the engine Rng so a seed fixes them on
 * every backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';

/**
 * y = x W + b with its gradient written out: tfjs-wasm's matMul with a transposed operand (what
 * the default gradient uses for x^T dy and dy W^T) runs many times slower than an explicit
 * transpose followed by a plain matMul.
 */
const linear = tf.customGrad((...args: unknown[]) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, tf.transpose(ws)), tf.matMul(tf.transpose(xs), g), tf.sum(g, 0)];
    },
  };
});

export class Mlp {
  readonly variables: tf.Variable[] = [];

  constructor(sizes: readonly number[], rng: Rng) {
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l];
      const bound = 1 / Math.sqrt(fanIn);
      const draw = (count: number) => Float32Array.from({ length: count }, () => (2 * rng.uniform() - 1) * bound);
      this.variables.push(
        // tidy: a variable shares but does not own its initial tensor, which would otherwise leak.
        tf.tidy(() => tf.variable(tf.tensor2d(draw(fanIn * sizes[l + 1]), [fanIn, sizes[l + 1]]))),
        tf.tidy(() => tf.variable(tf.tensor1d(draw(sizes[l + 1])))),
      );
    }
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    let h = x;
    const layers = this.variables.length / 2;
    for (let l = 0; l < layers; l++) {
      const z = linear(h, this.variables[2 * l], this.variables[2 * l + 1]) as tf.Tensor2D;
      h = l + 1 < layers ? tf.tanh(z) : z;
    }
    return h;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
