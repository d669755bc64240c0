import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../engine/node-backend';
import { Rng } from '../../engine/rng';
import { followerStep, gini, ownGradients, payoffs, taxedUtility, type Game } from './model';
import { RowOrder } from './ranks';

beforeAll(async () => {
  await useNodeBackend();
});

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i], `index ${i}`).toBeCloseTo(expected[i], digits);
}

/** Runs f in a tidy and reads its result back. */
async function read(f: () => tf.Tensor): Promise<Float32Array> {
  const t = tf.tidy(f);
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

// N = 4, c = 0.5 -> C = 2, v = 1. Two runs:
// run 0: a = [0.2, 0.4, 0.6, 0.8], tau = 0.1;  run 1: a = [1, 0, 0, 0], tau = 0.5.
const game4: Game = { n: 4, capacity: 2, v: 1 };
const a4 = [0.2, 0.4, 0.6, 0.8, 1, 0, 0, 0];
const tau4 = [0.1, 0.5];

describe('payoffs and the over-use tax', () => {
  it('match hand-computed values for N = 4', async () => {
    // run 0: sum a = 2, m_i = 1 + (2 - a_i) = [2.8, 2.6, 2.4, 2.2];
    //   U_i = 1 + 2 a_i (2 - m_i) = [1 - 0.32, 1 - 0.48, 1 - 0.48, 1 - 0.32] = [0.68, 0.52, 0.52, 0.68];
    //   m = 0.5, tax base a_i max(a_i - m, 0) = [0, 0, 0.6 * 0.1, 0.8 * 0.3] = [0, 0, 0.06, 0.24];
    //   U^T = U - 0.1 base = [0.68, 0.52, 0.514, 0.656].
    // run 1: sum a = 1, m_i = [1, 2, 2, 2]; U = [1 + 2 (2 - 1), 1, 1, 1] = [3, 1, 1, 1];
    //   m = 0.25, base = [1 * 0.75, 0, 0, 0]; U^T = [3 - 0.5 * 0.75, 1, 1, 1] = [2.625, 1, 1, 1].
    // Agents who stay out (a_i = 0) get exactly v.
    const a = () => tf.tensor2d(a4, [2, 4]);
    const tau = () => tf.tensor2d(tau4, [2, 1]);
    expectClose(await read(() => payoffs(game4, a(), a()).utility), [0.68, 0.52, 0.52, 0.68, 3, 1, 1, 1]);
    expectClose(await read(() => payoffs(game4, a(), a()).taxBase), [0, 0, 0.06, 0.24, 0.75, 0, 0, 0]);
    expectClose(await read(() => taxedUtility(payoffs(game4, a(), a()), tau())), [0.68, 0.52, 0.514, 0.656, 2.625, 1, 1, 1]);
  });
});

/** The hand-derived own gradient, 2 (C - m_i) - tau [max(a_i - m, 0) + a_i 1(a_i > m) (1 - 1/N)], in float64. */
function handGradients(game: Game, a: number[], tau: number[]): number[] {
  const { n, capacity: C } = game;
  const out: number[] = [];
  for (let r = 0; r < a.length / n; r++) {
    const row = a.slice(r * n, (r + 1) * n);
    const sum = row.reduce((s, x) => s + x, 0);
    const m = sum / n;
    for (const ai of row) {
      const mi = 1 + sum - ai;
      out.push(2 * (C - mi) - tau[r] * (Math.max(ai - m, 0) + (ai > m ? ai * (1 - 1 / n) : 0)));
    }
  }
  return out;
}

describe('own gradients by autodiff', () => {
  it('match the hand-computed values for N = 4', async () => {
    // run 0: 2 (C - m_i) = [-1.6, -1.2, -0.8, -0.4]; agents 2 and 3 are above m = 0.5:
    //   agent 2: -0.8 - 0.1 (0.1 + 0.6 * 0.75) = -0.855; agent 3: -0.4 - 0.1 (0.3 + 0.8 * 0.75) = -0.49.
    // run 1: 2 (C - m_i) = [2, 0, 0, 0]; agent 0: 2 - 0.5 (0.75 + 1 * 0.75) = 1.25.
    const g = await read(() => ownGradients(game4, tf.tensor2d(a4, [2, 4]), tf.tensor2d(tau4, [2, 1])));
    expectClose(g, [-1.6, -1.2, -0.855, -0.49, 1.25, 0, 0, 0]);
    expectClose(g, handGradients(game4, a4, tau4));
  });

  it('equal the hand-derived formula at random strategies and taxes', async () => {
    const rng = Rng.fromSeed(7);
    const game: Game = { n: 10, capacity: 6, v: 1 };
    const runs = 5;
    const a = Array.from({ length: runs * game.n }, () => rng.uniform());
    const tau = Array.from({ length: runs }, () => 5 * rng.uniform());
    let above = 0;
    for (let r = 0; r < runs; r++) {
      const row = a.slice(r * 10, r * 10 + 10);
      const m = row.reduce((s, x) => s + x, 0) / 10;
      above += row.filter((x) => x > m).length;
    }
    // Both branches of the tax's derivative are exercised.
    expect(above).toBeGreaterThan(5);
    expect(above).toBeLessThan(runs * 10 - 5);
    const g = await read(() => ownGradients(game, tf.tensor2d(a, [runs, 10]), tf.tensor2d(tau, [runs, 1])));
    expectClose(g, handGradients(game, a, tau), 4);
  });

  it.each([
    [10, 0.6],
    [10, 0.2],
    [100, 0.4],
    [1000, 0.8],
  ])('vanish at the symmetric mixed equilibrium p* = (C - 1)/(N - 1) without tax (N = %i, c = %f)', async (n, c) => {
    const game: Game = { n, capacity: c * n, v: 1 };
    const pStar = (game.capacity - 1) / (n - 1);
    const g = await read(() => ownGradients(game, tf.fill([2, n], pStar) as tf.Tensor2D, tf.zeros([2, 1])));
    // A float32 sum of N values of order 1 is off by up to about N^2 float32 epsilons.
    const tolerance = 1e-7 * n * n;
    for (const x of g) expect(Math.abs(x)).toBeLessThan(tolerance);
    // Away from p*, they do not: 0.1 above it, every agent's gradient is 2 (C - 1 - (N - 1)(p* + 0.1)) = -0.2 (N - 1).
    const above = await read(() => ownGradients(game, tf.fill([1, n], pStar + 0.1) as tf.Tensor2D, tf.zeros([1, 1])));
    for (const x of above) expect(Math.abs(x + 0.2 * (n - 1))).toBeLessThan(tolerance);
  });
});

describe('followerStep', () => {
  it('steps each active agent by alpha_F times its own gradient, clipped to [0, 1]', async () => {
    // run 0 gradients [-1.6, -1.2, -0.855, -0.49] with alpha_F = 0.1 for agents 0-2, 0 for agent 3:
    //   [0.2 - 0.16, 0.4 - 0.12, 0.6 - 0.0855, 0.8] = [0.04, 0.28, 0.5145, 0.8].
    // run 1 gradients [1.25, 0, 0, 0]: agent 0 would pass 1 and is clipped: [1, 0, 0, 0].
    const next = await read(() =>
      followerStep(game4, tf.tensor2d(a4, [2, 4]), tf.tensor2d(tau4, [2, 1]), tf.tensor2d([0.1, 0.1, 0.1, 0], [1, 4])),
    );
    expectClose(next, [0.04, 0.28, 0.5145, 0.8, 1, 0, 0, 0]);
  });

  it('clips at 0 an agent pushed below it', async () => {
    // a = [0.01, 1, 1, 1], C = 2: agent 0 has m_0 = 4, gradient 2 (2 - 4) = -4: 0.01 - 0.1 * 4 < 0.
    const next = await read(() => followerStep(game4, tf.tensor2d([0.01, 1, 1, 1], [1, 4]), tf.zeros([1, 1]), tf.fill([1, 4], 0.1)));
    expect(next[0]).toBe(0);
  });
});

/** sum_i sum_j |R_i - R_j| / (2 N^2 mean R'), with R' = R - min(0, min R), in float64. */
function pairwiseGini(row: number[]): number {
  const n = row.length;
  const shift = Math.min(0, ...row);
  const x = row.map((r) => r - shift);
  const total = x.reduce((s, v) => s + v, 0);
  if (total === 0) return 0;
  let pairs = 0;
  for (const xi of x) for (const xj of x) pairs += Math.abs(xi - xj);
  return pairs / (2 * n * n * (total / n));
}

/** Gini of each row by model.ts (tfjs, ranks from RowOrder) and by RowOrder (JS). */
async function bothGinis(rows: number[][]): Promise<[Float32Array, Float64Array]> {
  const n = rows[0].length;
  const flat = rows.flat();
  const order = new RowOrder(rows.length, n);
  order.update(flat);
  const ranks = order.ranks();
  const tfGini = await read(() => gini(tf.tensor2d(flat, [rows.length, n]), tf.tensor2d(ranks, [rows.length, n])));
  return [tfGini, order.gini(flat)];
}

describe('the Gini coefficient of returns', () => {
  it('matches hand-computed values, with the shift for negative returns and 0 for equal ones', async () => {
    const rows = [
      // sum |R_i - R_j| over pairs i < j: 1 + 2 + 3 + 1 + 2 + 1 = 10; G = 2 * 10 / (2 * 16 * 2.5) = 0.25.
      [1, 2, 3, 4],
      // unsorted with ties: 4 pairs differ by 4; G = 2 * 16 / (2 * 16 * 3) = 1/3.
      [5, 1, 5, 1],
      // one agent has everything: G = (N - 1)/N = 0.75.
      [0, 0, 4, 0],
      // negative: shifted by min R = -2 to [0, 2, 3, 7]: pairs 2 + 3 + 7 + 1 + 5 + 4 = 22; G = 44 / (2 * 16 * 3) = 0.458333.
      [-2, 0, 1, 5],
      // equal returns, positive or negative (shifted to all 0): G = 0.
      [3, 3, 3, 3],
      [-1, -1, -1, -1],
      [0, 0, 0, 0],
    ];
    const expected = [0.25, 1 / 3, 0.75, 44 / 96, 0, 0, 0];
    const [fromTf, fromJs] = await bothGinis(rows);
    expectClose(fromTf, expected, 6);
    expectClose(fromJs, expected, 12);
    expectClose(rows.map(pairwiseGini), expected, 12);
  });

  it('equals the pairwise formula on random returns', async () => {
    const rng = Rng.fromSeed(3);
    const rows = Array.from({ length: 6 }, (_, r) => Array.from({ length: 50 }, () => 10 * rng.uniform() - (r % 2 ? 3 : 0)));
    const [fromTf, fromJs] = await bothGinis(rows);
    const expected = rows.map(pairwiseGini);
    expectClose(fromTf, expected, 5);
    expectClose(fromJs, expected, 10);
  });

  it("has the pairwise formula's gradient, also through the shift of negative returns", async () => {
    const rng = Rng.fromSeed(4);
    const rows = [Array.from({ length: 8 }, () => 5 + 10 * rng.uniform()), Array.from({ length: 8 }, () => 10 * rng.uniform() - 4)];
    expect(Math.min(...rows[1])).toBeLessThan(0);
    const order = new RowOrder(2, 8);
    order.update(rows.flat());
    const ranks = order.ranks();
    const grad = await read(() =>
      tf.grad((r: tf.Tensor) => tf.sum(gini(r as tf.Tensor2D, tf.tensor2d(ranks, [2, 8]))))(tf.tensor2d(rows.flat(), [2, 8])),
    );
    const h = 1e-6;
    const numeric = rows.flatMap((row) =>
      row.map((_, i) => {
        const up = row.map((x, j) => (j === i ? x + h : x));
        const down = row.map((x, j) => (j === i ? x - h : x));
        return (pairwiseGini(up) - pairwiseGini(down)) / (2 * h);
      }),
    );
    expectClose(grad, numeric, 5);
  });
});

describe('RowOrder', () => {
  it('keeps each row sorted as the values change, and gives ranks 1..N', () => {
    const rng = Rng.fromSeed(11);
    const rows = 3;
    const n = 40;
    const order = new RowOrder(rows, n);
    const values = Float64Array.from({ length: rows * n }, () => rng.uniform());
    for (let step = 0; step < 5; step++) {
      // Small moves (as between iterations) and, once, a large reshuffle.
      for (let i = 0; i < values.length; i++) values[i] += (step === 2 ? 1 : 0.05) * rng.normal();
      order.update(values);
      const ranks = order.ranks();
      for (let r = 0; r < rows; r++) {
        const row = Array.from(values.subarray(r * n, (r + 1) * n));
        const sorted = [...row].sort((x, y) => x - y);
        for (let k = 0; k < n; k++) expect(row[order.order[r * n + k]]).toBe(sorted[k]);
        for (let i = 0; i < n; i++) expect(sorted[ranks[r * n + i] - 1]).toBe(row[i]);
      }
    }
  });
});
