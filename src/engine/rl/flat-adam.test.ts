import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../node-backend';
import { FlatAdam } from './flat-adam';

beforeAll(async () => {
  await useNodeBackend();
});

const config = { lr: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-5, maxGradNorm: 1 };

/** A loss over two variables of different shapes, large enough that clipping bites. */
const loss = (w: tf.Variable, b: tf.Variable) => () =>
  tf.add(tf.sum(tf.square(tf.sub(w, tf.tensor2d([[3, -2], [1, 4]])))), tf.sum(tf.square(tf.sub(b, 5)))) as tf.Scalar;

describe('FlatAdam', () => {
  it("takes tfjs Adam's steps on gradients clipped to the global norm", async () => {
    const make = () => [tf.variable(tf.tensor2d([[0, 1], [2, 0]])), tf.variable(tf.tensor1d([0.5, -1, 2]))];
    const [w1, b1] = make();
    const [w2, b2] = make();
    const ours = new FlatAdam([w1, b1], config);
    const reference = tf.train.adam(config.lr, config.beta1, config.beta2, config.epsilon);
    for (let step = 0; step < 5; step++) {
      const g1 = tf.variableGrads(loss(w1, b1), [w1, b1]);
      ours.apply([g1.grads[w1.name], g1.grads[b1.name]]);
      const g2 = tf.variableGrads(loss(w2, b2), [w2, b2]);
      const norm = Math.hypot(...(await g2.grads[w2.name].data()), ...(await g2.grads[b2.name].data()));
      expect(norm).toBeGreaterThan(config.maxGradNorm); // the clipping is exercised
      const scale = Math.min(1, config.maxGradNorm / (norm + 1e-6));
      reference.applyGradients({ [w2.name]: tf.mul(g2.grads[w2.name], scale), [b2.name]: tf.mul(g2.grads[b2.name], scale) });
    }
    const [a, b, c, d] = await Promise.all([w1.data(), w2.data(), b1.data(), b2.data()]);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 5);
    for (let i = 0; i < c.length; i++) expect(c[i]).toBeCloseTo(d[i], 5);
    // And they moved: five steps of about lr each towards the minimum.
    expect(a[0]).toBeGreaterThan(0.2);
    ours.dispose();
    reference.dispose();
  });

  it('keeps the tensor count flat across steps and frees its moments on dispose', () => {
    const w = tf.variable(tf.tensor1d([1, 2, 3]));
    const before = tf.memory().numTensors;
    const adam = new FlatAdam([w], config);
    const step = () => tf.tidy(() => adam.apply([tf.variableGrads(() => tf.sum(tf.square(w)) as tf.Scalar, [w]).grads[w.name]]));
    step();
    const settled = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(settled);
    adam.dispose();
    expect(tf.memory().numTensors).toBe(before);
    w.dispose();
  });
});
