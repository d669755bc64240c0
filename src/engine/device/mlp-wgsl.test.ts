import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../node-backend';
import { Rng } from '../rng';
import { Mlp } from '../rl/mlp';
import { f32 } from './kernel';
import { netLayout, netScratch, variableRanges } from './mlp-wgsl';

beforeAll(async () => {
  await useNodeBackend();
});

/** The Mlp's variables concatenated, as the device path receives them. */
async function flat(net: Mlp): Promise<Float32Array> {
  const parts = await Promise.all(net.variables.map((v) => v.data() as Promise<Float32Array>));
  return Float32Array.from(parts.flatMap((p) => Array.from(p)));
}

describe('the device path\'s parameter layout', () => {
  it('lists an actor\'s and a critic\'s variables in their order and sizes, back to back', () => {
    const actor = netLayout([4, 5, 5, 2], 0);
    const critic = netLayout([4, 5, 5, 1], actor.end);
    const nets = [new Mlp([4, 5, 5, 2], Rng.fromSeed(1), 3), new Mlp([4, 5, 5, 1], Rng.fromSeed(2), 3)];
    const ranges = [...variableRanges(actor), ...variableRanges(critic)];
    expect(ranges.map(([a, b]) => b - a)).toEqual(nets.flatMap((n) => n.variables.map((v) => v.size)));
    ranges.forEach(([start], i) => expect(start).toBe(i === 0 ? 0 : ranges[i - 1][1]));
    expect(critic.end).toBe(ranges[ranges.length - 1][1]);
    nets.forEach((n) => n.dispose());
  });

  it('means what the Mlp computes: a forward pass read through the offsets equals Mlp.apply', async () => {
    const sizes = [4, 6, 6, 3];
    const net = new Mlp(sizes, Rng.fromSeed(7), 3);
    // Non-zero FiLM parameters, so that their offsets matter.
    net.layers.slice(0, 2).forEach((l, i) => {
      l.gamma!.assign(tf.fill([6], 0.3 + i));
      l.beta!.assign(tf.fill([6], -0.2 * (i + 1)));
    });
    const params = await flat(net);
    const layout = netLayout(sizes, 0);
    const x = [0.2, -0.7, 1, 0.45];
    const theta = x[3];
    let input = x;
    layout.layers.forEach((layer, l) => {
      const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
      input = Array.from({ length: fanOut }, (_, j) => {
        let z = params[layer.b + j];
        for (let i = 0; i < fanIn; i++) z += input[i] * params[layer.w + i * fanOut + j];
        if (layer.gamma === undefined) return z;
        return Math.tanh(z * (1 + theta * params[layer.gamma + j]) + theta * params[layer.beta! + j]);
      });
    });
    const expected = await net.apply(tf.tensor2d(x, [1, 4])).data();
    input.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 5));
    net.dispose();
  });

  it('gives each row\'s backward figures their own places in the scratch row', () => {
    const actor = netScratch(netLayout([4, 8, 8, 2], 0), 0);
    const critic = netScratch(netLayout([4, 8, 8, 1], 0), actor.end);
    // Per hidden layer: h, dz, theta z du, theta du (8 each), then dL/dout.
    expect(actor.end).toBe(2 * 4 * 8 + 2);
    expect(critic.end - critic.start).toBe(2 * 4 * 8 + 1);
    const starts = [...actor.h, ...actor.dz, ...actor.tzdu, ...actor.tdu].sort((a, b) => a - b);
    expect(starts).toEqual([0, 8, 16, 24, 32, 40, 48, 56]);
    expect(actor.dout).toBe(64);
  });

  it('writes numbers as WGSL f32 literals', () => {
    expect([f32(1), f32(0.2), f32(1e-8), f32(-3)]).toEqual(['1.0', '0.2', '1e-8', '-3.0']);
  });
});
