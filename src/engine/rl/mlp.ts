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

interface Layer {
  w: tf.Variable;
  b: tf.Variable;
  /** FiLM scale and shift per hidden unit, driven by theta-hat (hidden layers of conditioned nets). */
  gamma?: tf.Variable;
  beta?: tf.Variable;
}

export class Mlp {
  readonly layers: Layer[] = [];

  /**
   * `conditionColumn`: the input column that carries theta-hat. Each hidden layer's
   * pre-activation z becomes z (1 + theta gamma) + theta beta (FiLM, Perez et al. 2018), with
   * gamma = beta = 0 at the start. A plain MLP has to align hidden units before it can express
   * "respond to theta differently in different states"; FiLM makes that interaction a
   * first-order parameter, so a policy conditioned on theta learns to depend on it.
   */
  constructor(sizes: readonly number[], rng: Rng, readonly conditionColumn?: number) {
    const zeros = (n: number) => tf.tidy(() => tf.variable(tf.zeros([n])));
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l];
      const bound = 1 / Math.sqrt(fanIn);
      const draw = (count: number) => Float32Array.from({ length: count }, () => (2 * rng.uniform() - 1) * bound);
      const hidden = l + 2 < sizes.length;
      this.layers.push({
        // tidy: a variable shares but does not own its initial tensor, which would otherwise leak.
        w: tf.tidy(() => tf.variable(tf.tensor2d(draw(fanIn * sizes[l + 1]), [fanIn, sizes[l + 1]]))),
        b: tf.tidy(() => tf.variable(tf.tensor1d(draw(sizes[l + 1])))),
        ...(conditionColumn !== undefined && hidden ? { gamma: zeros(sizes[l + 1]), beta: zeros(sizes[l + 1]) } : {}),
      });
    }
  }

  get variables(): tf.Variable[] {
    return this.layers.flatMap((l) => (l.gamma && l.beta ? [l.w, l.b, l.gamma, l.beta] : [l.w, l.b]));
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    const theta = this.conditionColumn === undefined ? null : tf.slice(x, [0, this.conditionColumn], [-1, 1]);
    let h = x;
    this.layers.forEach((layer, l) => {
      let z = linear(h, layer.w, layer.b) as tf.Tensor2D;
      if (theta && layer.gamma && layer.beta) z = tf.add(tf.mul(z, tf.add(1, tf.mul(theta, layer.gamma))), tf.mul(theta, layer.beta));
      h = l + 1 < this.layers.length ? tf.tanh(z) : z;
    });
    return h;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
