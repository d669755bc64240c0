/**
 * The fit landscape of a cobweb calibration as the lab gets it (calibration/landscape.ts):
 * drawn every landscapeEvery iterations and at the last, carried between, without touching
 * the training; and, after a little training, low where the target's own parameters are.
 * Small fixed-seed scenarios, wasm backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../engine/node-backend';
import type { IterationReport } from '../../engine/experiment';
import { moduleOf } from '../../scenario/schema';
import { parseScenario } from '../../scenario/validate';
import { LANDSCAPE } from '../calibration/landscape';

beforeAll(async () => {
  await useNodeBackend();
});

const scenario = (fields: Record<string, unknown>) => parseScenario({ env: 'cobweb', seed: 3, ...fields }, 'strict').scenario;

/** The reports, and the tensors held after each iteration. */
async function play(fields: Record<string, unknown>, iterations: number): Promise<IterationReport[] & { tensors?: number[] }> {
  const s = scenario(fields);
  const x = await moduleOf(s).experiment(s);
  try {
    const out: IterationReport[] & { tensors?: number[] } = [];
    out.tensors = [];
    for (let i = 0; i < iterations; i++) {
      out.push(await x.iterate());
      out.tensors.push(tf.memory().numTensors);
    }
    return out;
  } finally {
    x.dispose();
  }
}

const CELLS = LANDSCAPE.side * LANDSCAPE.side;

describe('the fit landscape in a run', () => {
  it('is drawn every landscapeEvery iterations and at the last, carried between, and leaves the training and the tensors as they were', async () => {
    const small = { n: 3, markets: 2, horizon: 16, hidden: 8, targetMarkets: 1, leader: 'ppo', iterations: 5 };
    // One after the other: the tensor count is the backend's, over every experiment.
    const drawn = await play({ ...small, landscapeEvery: 3 }, 5);
    const plain = await play({ ...small, landscapeEvery: 0 }, 5);
    expect(drawn.tensors![4]).toBe(drawn.tensors![1]);
    expect(drawn.map((r) => r.snapshots.landscapeW1?.length ?? 0)).toEqual([0, 0, CELLS, CELLS, CELLS]);
    expect(plain.every((r) => r.snapshots.landscapeW1 === undefined)).toBe(true);
    // Carried at iteration 4, drawn anew at the last (5).
    expect(drawn[3].snapshots.landscapeW1).toEqual(drawn[2].snapshots.landscapeW1);
    expect(drawn[4].snapshots.landscapeW1).not.toEqual(drawn[2].snapshots.landscapeW1);
    expect(Array.from(drawn[4].snapshots.landscapeW1).every((w) => w >= 0 && Number.isFinite(w))).toBe(true);
    expect(drawn.map((r) => r.metrics)).toEqual(plain.map((r) => r.metrics));
  });

  it('after training on a rational target (mu* = sigma* = 0), fits among the best quarter at (0, 0), better than where every lambda_i is near 0.3', async () => {
    const reports = await play({ markets: 2, targetMarkets: 1, leader: 'fixed', mu: 0, sigma: 0.15, targetMu: 0, targetSigma: 0, iterations: 30, landscapeEvery: 30 }, 30);
    const s = reports[29].snapshots;
    const at = (mu: number, sigma: number) => s.landscapeW1[Math.round(sigma / 0.03) * LANDSCAPE.side + Math.round(mu / 0.03)];
    const rank = Array.from(s.landscapeW1).filter((w) => w < at(0, 0)).length;
    console.log(`W1 at (0, 0) ${at(0, 0).toFixed(3)} (${rank} of ${CELLS} cells lower), (0.3, 0) ${at(0.3, 0).toFixed(3)}, (0.3, 0.3) ${at(0.3, 0.3).toFixed(3)}; largest ${Math.max(...s.landscapeW1).toFixed(3)}`);
    expect(at(0, 0)).toBeLessThan(at(0.3, 0));
    expect(at(0, 0)).toBeLessThan(at(0.3, 0.3));
    // Among the best quarter (measured: 17 of 121 cells lower, the landscape's noise being about 0.07 at 384 prices a cell).
    expect(rank).toBeLessThan(CELLS / 4);
  });
});
