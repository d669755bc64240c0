/** The run loop of ADAGE-Diff: accounting, reports, the leaders' tau, determinism, tensor hygiene (wasm backend). */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IterationReport } from '../../engine/experiment';
import { useNodeBackend } from '../../engine/node-backend';
import { entranceDiffParamsSchema, totalIterations, type EntranceDiffParams } from './config';
import { createEntranceDiffExperiment } from './experiment';
import { ENTRANCE_DIFF_METRICS, HIST_BINS, entranceDiffReferences } from './report';

beforeAll(async () => {
  await useNodeBackend();
});

function params(overrides: Record<string, unknown>, seed = 1): EntranceDiffParams {
  return { ...entranceDiffParamsSchema.parse(overrides), seed };
}

async function run(p: EntranceDiffParams, iterations = totalIterations(p)): Promise<IterationReport[]> {
  const experiment = createEntranceDiffExperiment(p);
  const out: IterationReport[] = [];
  try {
    for (let i = 0; i < iterations; i++) out.push(await experiment.iterate());
  } finally {
    experiment.dispose();
  }
  return out;
}

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);

describe('an iteration', () => {
  it('plays, then steps the followers: hand-computed first iterations from a = 0', async () => {
    // N = 10, C = 6, v = 1, no tax, everyone from the start, a = 0.
    // Iteration 1 plays a = 0: U_i = v = 1, R_i = 1 for all, G = 0; then each agent steps by
    //   alpha_F 2 (C - 1 - 0) = 0.001 * 10 = 0.01.
    // Iteration 2 plays a = 0.01: m_i = 1 + 9 * 0.01 = 1.09, U_i = 1 + 2 * 0.01 * (6 - 1.09) = 1.0982.
    const ms = await run(params({ n: 10, c: 0.6, leader: 'none', lateStart: 0, init: 'zeros', runs: 2 }), 2);
    expect(ms.map((m) => m.iteration)).toEqual([1, 2]);
    expect(ms[0].metrics.attendance).toBe(0);
    expect(ms[0].metrics.welfare).toBe(1);
    expect(ms[0].metrics.gini).toBe(0);
    expect(ms[1].metrics.attendance).toBeCloseTo(0.01, 6);
    expect(ms[1].metrics.welfare).toBeCloseTo(1.0982, 5);
    // Identical agents: identical returns.
    expect(ms[1].metrics.gini).toBeCloseTo(0, 6);
  });

  it('reports every metric of the list, histograms of all agents, and G2 out until iota_G2', async () => {
    // I = 100, lateStart 0.5: iota_G2 = 50; G2 plays a = 0 in iterations 0..50 (it first steps in 50).
    const p = params({ n: 10, runs: 4, leader: 'fixed', tau: 0.1 });
    const ms = await run(p);
    for (const m of ms) {
      expect(Object.keys(m.metrics).sort()).toEqual(ENTRANCE_DIFF_METRICS.map((s) => s.key).sort());
      expect(m.snapshots.histG1).toHaveLength(HIST_BINS);
      expect(sum(m.snapshots.histG1) + sum(m.snapshots.histG2)).toBeCloseTo(1, 6);
      // Halves: each group is half of all agents.
      expect(sum(m.snapshots.histG1)).toBeCloseTo(0.5, 6);
      expect(m.metrics.gap).toBeCloseTo(m.metrics.attendanceG1 - m.metrics.attendanceG2, 12);
      expect(m.metrics.attendance).toBeCloseTo((m.metrics.attendanceG1 + m.metrics.attendanceG2) / 2, 6);
      expect(m.metrics.tau).toBeCloseTo(0.1, 6);
      expect(m.metrics.tauStd).toBe(0);
    }
    for (const m of ms.slice(0, 51)) {
      expect(m.metrics.attendanceG2).toBe(0);
      expect(m.metrics.taxG2).toBe(0);
      expect(m.snapshots.histG2[0]).toBeCloseTo(0.5, 6);
    }
    expect(ms[51].metrics.attendanceG2).toBeGreaterThan(0);
    // Uniform starts spread G1 over the histogram, and the over-users pay tax.
    expect(ms[0].snapshots.histG1.filter((x) => x > 0).length).toBeGreaterThan(5);
    expect(ms[0].metrics.taxG1).toBeGreaterThan(0);
    expect(ms[0].metrics.gini).toBeGreaterThan(0);
  });

  it('draws the theory lines p* = (C - 1)/(N - 1) and C/N', () => {
    // N = 10, c = 0.6: C = 6, p* = 5/9.
    expect(entranceDiffReferences({ n: 10, c: 0.6 }).map((r) => r.value)).toEqual([5 / 9, 0.6]);
  });
});

describe('tau', () => {
  it('is 0 without a leader, and moves with the slider for the fixed leader only', async () => {
    expect((await run(params({ leader: 'none' }), 10)).every((m) => m.metrics.tau === 0)).toBe(true);

    const fixed = createEntranceDiffExperiment(params({ leader: 'fixed', tau: 0.05 }));
    const fairness = createEntranceDiffExperiment(params({ leader: 'fairness' }));
    const reference = createEntranceDiffExperiment(params({ leader: 'fairness' }));
    try {
      expect((await fixed.iterate()).metrics.tau).toBeCloseTo(0.05, 6);
      fixed.applyLive({ env: 'entrance-diff', ...params({ leader: 'fixed', tau: 0.08 }) });
      fairness.applyLive({ env: 'entrance-diff', ...params({ leader: 'fairness', tau: 0.08 }) });
      expect((await fixed.iterate()).metrics.tau).toBeCloseTo(0.08, 6);
      // Beyond tauMax (0.1): held at tauMax.
      // (the session refuses tau > tauMax; the experiment clamps what it is handed)
      fixed.applyLive({ env: 'entrance-diff', ...params({ leader: 'fixed' }), tau: 3 });
      expect((await fixed.iterate()).metrics.tau).toBeCloseTo(0.1, 6);
      // The fairness leader ignores the slider: the same run as one never touched.
      for (let i = 0; i < 10; i++) expect((await fairness.iterate()).metrics).toEqual((await reference.iterate()).metrics);
    } finally {
      fixed.dispose();
      fairness.dispose();
      reference.dispose();
    }
  });

  it("of a learning leader stays within a tau_max lowered mid-run, and its step alpha_L moves live", async () => {
    // A gradient step so large that tau climbs to the paper's cap 0.1 within a few iterations.
    const climbing = params({ leader: 'fairness', leaderGradient: 'myopic', alphaL: 10 });
    const lowered = createEntranceDiffExperiment(climbing);
    const frozen = createEntranceDiffExperiment(climbing);
    try {
      let tau = 0;
      for (let i = 0; i < 20; i++) tau = (await lowered.iterate()).metrics.tau;
      expect(tau).toBeGreaterThan(0.02);
      lowered.applyLive({ env: 'entrance-diff', ...climbing, tauMax: 0.02 });
      for (let i = 0; i < 10; i++) expect((await lowered.iterate()).metrics.tau).toBeLessThanOrEqual(Math.fround(0.02));
      // alpha_L = 0 after iteration 4 (the leader has stepped, the last time after it): tau stays where that step put it.
      for (let i = 0; i < 4; i++) await frozen.iterate();
      frozen.applyLive({ env: 'entrance-diff', ...climbing, alphaL: 0 });
      tau = (await frozen.iterate()).metrics.tau;
      expect(tau).toBeGreaterThan(0);
      for (let i = 0; i < 6; i++) expect((await frozen.iterate()).metrics.tau).toBe(tau);
    } finally {
      lowered.dispose();
      frozen.dispose();
    }
  });

  it('of the gradient fairness leader starts at 0, changes only after odd iterations, and differs between runs', async () => {
    const ms = await run(params({ leader: 'fairness', leaderGradient: 'myopic' }));
    expect(ms[0].metrics.tau).toBe(0);
    expect(ms[1].metrics.tau).toBe(0);
    expect(ms[2].metrics.tau).toBeGreaterThan(0);
    for (let t = 2; t < ms.length; t += 2) expect(ms[t + 1].metrics.tau, `iteration ${t}`).toBe(ms[t].metrics.tau);
    // Each run has its own initialisation, so its own gradient and tau.
    expect(ms[ms.length - 1].metrics.tauStd).toBeGreaterThan(0);
  });

  it('of the fairness leader stays within [0, tauMax]', async () => {
    // A gradient step so large that tau reaches the cap: it stays there.
    const ms = await run(params({ leader: 'fairness', leaderGradient: 'myopic', alphaL: 10, tauMax: 0.02, tau: 0.01 }));
    for (const m of ms) expect(m.metrics.tau).toBeLessThanOrEqual(0.02 + 1e-9);
    expect(ms[ms.length - 1].metrics.tau).toBeCloseTo(0.02, 6);
    // The rollout leader's candidates are clipped to the range too.
    for (const m of await run(params({ leader: 'fairness', tauMax: 0.02, tau: 0.01 }))) {
      expect(m.metrics.tau).toBeGreaterThanOrEqual(0);
      expect(m.metrics.tau).toBeLessThanOrEqual(0.02 + 1e-9);
    }
  });
});

describe('determinism', () => {
  it.each(['myopic', 'unrolled'])('the same seed gives the same reports, another seed others (%s leader)', async (leaderGradient) => {
    const p = { n: 10, runs: 3, init: 'uniform', leader: 'fairness', leaderGradient };
    const strip = (ms: IterationReport[]) => ms.map(({ metrics, snapshots }) => ({ metrics, snapshots }));
    const first = strip(await run(params(p, 7), 40));
    const again = strip(await run(params(p, 7), 40));
    const other = strip(await run(params(p, 8), 40));
    expect(again).toEqual(first);
    expect(other[0].metrics.attendance).not.toBe(first[0].metrics.attendance);
    expect(other[39].metrics.gini).not.toBe(first[39].metrics.gini);
  });
});

describe('tensor hygiene', () => {
  it.each(['myopic', 'unrolled'])('keeps numTensors flat across iterations and frees everything on dispose (%s leader)', async (leaderGradient) => {
    const before = tf.memory().numTensors;
    const experiment = createEntranceDiffExperiment(params({ n: 10, runs: 3, leader: 'fairness', leaderGradient }));
    await experiment.iterate();
    const held = tf.memory().numTensors;
    for (let i = 0; i < 60; i++) {
      await experiment.iterate();
      expect(tf.memory().numTensors, `iteration ${i + 2}`).toBe(held);
    }
    experiment.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
