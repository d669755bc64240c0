/**
 * A tanh multilayer perceptron on raw tfjs variables (no tf.layers: less overhead per call and
 * full control of the gradient path). Weights start as PyTorch's nn.Linear default,
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn from the engine Rng so a seed fixes them on
 * every backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng';

/**
 * On wasm, tanh(u) = 2 sigmoid(2u) - 1: tfjs-wasm's Tanh is a scalar libm loop (35 ms on
 * [25600 x 64] here) while its Sigmoid is XNNPACK's vectorised one (2 ms); the composition
 * costs about 3 ms. Elsewhere the composition is four kernels where Tanh is one (on webgpu each
 * kernel is a dispatch, and dispatches are what an iteration there costs).
 */
function tanh(u: tf.Tensor2D): tf.Tensor2D {
  return tf.getBackend() === 'wasm' ? tf.sub(tf.mul(tf.sigmoid(tf.mul(u, 2)), 2), 1) : tf.tanh(u);
}

/**
 * a^T b or a b^T. tfjs-wasm runs matMul with a transposed operand through a naive loop (x^T dy:
 * 104 ms against 8 ms for a plain matMul on [25600 x 64]), so there the operand is transposed
 * first; other backends take the flag (on webgpu an explicit transpose is another dispatch, and
 * one of [2,048,000 x 256] exceeds the workgroup limit).
 */
function matMulTransposed(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean): tf.Tensor2D {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b, transposeA, transposeB);
  return tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b);
}

/** Column sums of a [rows x cols] matrix as a [cols] vector. */
const sumRows = (t: tf.Tensor2D) => tf.sum(t, 0) as tf.Tensor1D;

/**
 * One hidden layer, h = tanh(FiLM(x W + b)), with FiLM(z) = z (1 + theta gamma) + theta beta,
 * and its gradient written out. Autodiff of the same formula makes a dozen broadcasts, clones
 * and reductions per layer; here the transposed products go through matMulTransposed.
 */
const filmTanhLayer = tf.customGrad((...args: unknown[]) => {
  const [x, w, b, theta, gamma, beta, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
  const z = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
  const h = tanh(tf.add(tf.mul(z, tf.add(1, tf.mul(theta, gamma))), tf.mul(theta, beta)));
  save([x, w, theta, gamma, beta, z, h]);
  return {
    value: h,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws, th, g, bt, zs, hs] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.Tensor2D, tf.Tensor2D];
      const du = tf.mul(dy, tf.sub(1, tf.square(hs))) as tf.Tensor2D;
      const zDu = tf.mul(zs, du) as tf.Tensor2D;
      const dz = tf.mul(du, tf.add(1, tf.mul(th, g))) as tf.Tensor2D;
      // d theta = sum_j du_j (z_j gamma_j + beta_j), as two thin products rather than a row sum.
      const column = (v: tf.Tensor1D) => tf.reshape(v, [-1, 1]) as tf.Tensor2D;
      const dTheta = tf.add(tf.matMul(zDu, column(g)), tf.matMul(du, column(bt)));
      return [
        matMulTransposed(dz, ws, false, true),
        matMulTransposed(xs, dz, true, false),
        sumRows(dz),
        dTheta,
        sumRows(tf.mul(th, zDu) as tf.Tensor2D),
        sumRows(tf.mul(th, du) as tf.Tensor2D),
      ];
    },
  };
});

/** y = x W + b with its gradient written out, for the same reason as filmTanhLayer. */
const linear = tf.customGrad((...args: unknown[]) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      const g = dy as tf.Tensor2D;
      return [matMulTransposed(g, ws, false, true), matMulTransposed(xs, g, true, false), sumRows(g)];
    },
  };
});

/** The plain hidden layer: tanh(x W + b). */
function tanhLayer(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tanh(linear(x, w, b) as tf.Tensor2D);
}

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
      const w = layer.w as tf.Tensor2D;
      const b = layer.b as tf.Tensor1D;
      if (l + 1 === this.layers.length) h = linear(h, w, b) as tf.Tensor2D;
      else if (theta && layer.gamma && layer.beta) h = filmTanhLayer(h, w, b, theta, layer.gamma, layer.beta) as tf.Tensor2D;
      else h = tanhLayer(h, w, b);
    });
    return h;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
