import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from './node-backend';
import { Rng } from './rng';

beforeAll(async () => {
  await useNodeBackend();
});

/** Runs f on the wasm backend (with the faster kernels) and on tfjs' cpu backend. */
async function onBoth(f: () => tf.Tensor): Promise<{ wasm: tf.Tensor; cpu: tf.Tensor }> {
  expect(tf.getBackend()).toBe('wasm');
  const wasm = f();
  await tf.setBackend('cpu');
  const cpu = f();
  await tf.setBackend('wasm');
  return { wasm, cpu };
}

async function expectClose(f: () => tf.Tensor, digits = 4): Promise<void> {
  const { wasm, cpu } = await onBoth(f);
  expect(wasm.shape).toEqual(cpu.shape);
  expect(wasm.dtype).toBe(cpu.dtype);
  const [a, b] = [await wasm.data(), await cpu.data()];
  for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], digits);
}

const rng = Rng.fromSeed(4);
const values = (n: number) => Float32Array.from({ length: n }, () => rng.normal());

describe('the faster wasm kernels give what the cpu backend gives', () => {
  const m = values(37 * 11);
  const wide = values(9 * 6);
  const tall = values(70 * 3);

  it('column sums of a matrix, with and without keepDims, and through a negative axis', async () => {
    await expectClose(() => tf.sum(tf.tensor2d(m, [37, 11]), 0));
    await expectClose(() => tf.sum(tf.tensor2d(m, [37, 11]), 0, true));
    await expectClose(() => tf.sum(tf.tensor2d(m, [37, 11]), -2));
    await expectClose(() => tf.sum(tf.tensor2d(wide, [6, 9]), 0)); // 4 + 4 + 1 columns
  });

  it('the sums it does not handle: rows, 3-D, all axes, int32', async () => {
    await expectClose(() => tf.sum(tf.tensor2d(m, [37, 11]), 1));
    await expectClose(() => tf.sum(tf.tensor3d(m, [37, 11, 1]), 0));
    await expectClose(() => tf.sum(tf.tensor2d(m, [37, 11])));
    await expectClose(() => tf.sum(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'), 0));
  });

  it('2-D transposes of any size, and the N-d ones it hands back', async () => {
    await expectClose(() => tf.transpose(tf.tensor2d(m, [37, 11])), 7);
    await expectClose(() => tf.transpose(tf.tensor2d(tall, [70, 3])), 7);
    await expectClose(() => tf.transpose(tf.tensor3d(m, [37, 1, 11]), [2, 0, 1]), 7);
    await expectClose(() => tf.transpose(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32')), 7);
  });
});
