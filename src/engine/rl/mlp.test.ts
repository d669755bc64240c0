import * as tf from '@tensorflow/tfjs-core';
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
  const theta = net.conditionColumn === undefined ? null : tf.slice(x, [0, net.conditionColumn], [-1, 1]);
  net.layers.forEach((layer, l) => {
    let z = tf.add(tf.matMul(h, layer.w as tf.Tensor2D), layer.b) as tf.Tensor2D;
    if (theta && layer.gamma && layer.beta) z = tf.add(tf.mul(z, tf.add(1, tf.mul(theta, layer.gamma))), tf.mul(theta, layer.beta));
    h = l + 1 < net.layers.length ? tf.tanh(z) : z;
  });
  return h;
}

describe('Mlp', () => {
  it('conditioned on theta, starts as the plain network and then scales and shifts hidden units by theta', async () => {
    const plain = new Mlp([2, 3, 1], Rng.fromSeed(5));
    const film = new Mlp([2, 3, 1], Rng.fromSeed(5), 1);
    const x = tf.tensor2d([0.3, 0.5, -1, 2], [2, 2]);
    expect(Array.from(await film.apply(x).data())).toEqual(Array.from(await plain.apply(x).data()));
    // With gamma = 1 and beta = 0.5 on every hidden unit: z -> z (1 + theta) + 0.5 theta.
    film.layers[0].gamma!.assign(tf.ones([3]));
    film.layers[0].beta!.assign(tf.fill([3], 0.5));
    const [w, b, w2, b2] = await Promise.all([film.layers[0].w.data(), film.layers[0].b.data(), film.layers[1].w.data(), film.layers[1].b.data()]);
    const out = await film.apply(x).data();
    [[0.3, 0.5], [-1, 2]].forEach(([x0, theta], row) => {
      let y = b2[0];
      for (let j = 0; j < 3; j++) {
        const z = x0 * w[j] + theta * w[3 + j] + b[j];
        y += Math.tanh(z * (1 + theta) + 0.5 * theta) * w2[j];
      }
      expect(out[row]).toBeCloseTo(y, 5);
    });
    expect(film.variables).toHaveLength(6); // w, b, gamma, beta of the hidden layer; w, b of the output
    plain.dispose();
    film.dispose();
  });

  it('starts from PyTorch-style U(-1/sqrt(fan_in), 1/sqrt(fan_in)) weights fixed by the seed', async () => {
    const a = new Mlp([4, 8, 2], Rng.fromSeed(7));
    const b = new Mlp([4, 8, 2], Rng.fromSeed(7));
    const w0 = await a.layers[0].w.data();
    expect(Array.from(w0)).toEqual(Array.from(await b.layers[0].w.data()));
    expect(Math.max(...Array.from(w0).map(Math.abs))).toBeLessThanOrEqual(0.5); // 1/sqrt(4)
    expect(Math.max(...Array.from(await a.layers[1].w.data()).map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(8));
    a.dispose();
    b.dispose();
  });

  it.each([undefined, 2])('its hand-written linear-layer gradient equals tfjs autodiff of the plain formula (theta column %s)', async (column) => {
    const net = new Mlp([3, 5, 5, 2], Rng.fromSeed(3), column);
    const rng = Rng.fromSeed(11);
    for (const layer of net.layers) {
      for (const v of [layer.gamma, layer.beta]) v?.assign(tf.tensor1d(Float32Array.from({ length: v.size }, () => rng.normal())));
    }
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
