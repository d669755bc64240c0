import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../node-backend';
import { Rng } from '../rng';
import { Mlp } from './mlp';

beforeAll(async () => {
  await useNodeBackend();
});

/** The same network written with tfjs' own ops, so autodiff gives the reference gradient. */
function plainApply(net: Mlp, x: tf.Tensor2D): tf.Tensor2D {
  let h = x;
  const layers = net.variables.length / 2;
  for (let l = 0; l < layers; l++) {
    const z = tf.add(tf.matMul(h, net.variables[2 * l] as tf.Tensor2D), net.variables[2 * l + 1]) as tf.Tensor2D;
    h = l + 1 < layers ? tf.tanh(z) : z;
  }
  return h;
}

describe('Mlp', () => {
  it('starts from PyTorch-style U(-1/sqrt(fan_in), 1/sqrt(fan_in)) weights fixed by the seed', async () => {
    const a = new Mlp([4, 8, 2], Rng.fromSeed(7));
    const b = new Mlp([4, 8, 2], Rng.fromSeed(7));
    const w0 = await a.variables[0].data();
    expect(Array.from(w0)).toEqual(Array.from(await b.variables[0].data()));
    expect(Math.max(...Array.from(w0).map(Math.abs))).toBeLessThanOrEqual(0.5); // 1/sqrt(4)
    expect(Math.max(...Array.from(await a.variables[2].data()).map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(8));
    a.dispose();
    b.dispose();
  });

  it('its hand-written linear-layer gradient equals tfjs autodiff of the plain formula', async () => {
    const net = new Mlp([3, 5, 5, 2], Rng.fromSeed(3));
    const rng = Rng.fromSeed(11);
    const x = tf.tensor2d(Float32Array.from({ length: 6 * 3 }, () => rng.normal()), [6, 3]);
    const target = tf.tensor2d(Float32Array.from({ length: 6 * 2 }, () => rng.normal()), [6, 2]);
    const loss = (f: (x: tf.Tensor2D) => tf.Tensor2D) => () => tf.sum(tf.square(tf.sub(f(x), target))) as tf.Scalar;
    const ours = tf.variableGrads(loss((v) => net.apply(v)), net.variables);
    const ref = tf.variableGrads(loss((v) => plainApply(net, v)), net.variables);
    expect(await ours.value.data()).toEqual(await ref.value.data());
    for (const v of net.variables) {
      const a = await ours.grads[v.name].data();
      const b = await ref.grads[v.name].data();
      expect(a.length).toBe(b.length);
      for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 4);
    }
    const dx = await tf.grad((v: tf.Tensor) => tf.sum(net.apply(v as tf.Tensor2D)))(x).data();
    const dxRef = await tf.grad((v: tf.Tensor) => tf.sum(plainApply(net, v as tf.Tensor2D)))(x).data();
    for (let i = 0; i < dx.length; i++) expect(dx[i]).toBeCloseTo(dxRef[i], 4);
    net.dispose();
  });
});
