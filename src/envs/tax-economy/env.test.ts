import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { taxEconomyScenarioSchema } from './config';
import { useNodeBackend } from '../../engine/node-backend';
import { Rng } from '../../engine/rng';
import { TaxEconomyEnv } from './env';
import { trainerOf } from '../trainer';
import { moduleOf } from '../../scenario/schema';
import { FLAT_GRID } from './evaluate';
import { EVALUATION_ONLY } from './report';

beforeAll(async () => {
  await useNodeBackend();
});

const scenario = (over: Record<string, unknown> = {}) => taxEconomyScenarioSchema.parse({ env: 'tax-economy', ...over });

/**
 * Two households, no productivity risk (e = 1), equal initial assets 1, one government economy
 * with flat taxes tau_i = 0.2, tau_a = 0.1; then the free market and the flat tax 0.2.
 */
function tinyEconomy(): TaxEconomyEnv {
  const env = new TaxEconomyEnv({ ...scenario({ households: 2, economies: 1, sigmaE: 0, wealthSigma: 0, tauI: 0.2, tauA: 0.1 }) });
  env.theta.set([0.2, 0, 0.1, 0], 0);
  env.beginEpisode(Rng.fromSeed(1));
  return env;
}

describe('the tax economy, one step', () => {
  // Household 0 saves half and works full time, household 1 saves 0.2 and works half time.
  const actions = Float32Array.of(0.5, 1, 0.2, 0.5, 0.5, 1, 0.2, 0.5, 0.5, 1, 0.2, 0.5);

  it('matches hand-computed wage, interest, taxes, transfer, budget and reward', () => {
    const env = tinyEconomy();
    const rewards = new Float32Array(6);
    env.step(actions, rewards);
    // K = 2, L = 1.5: W = (2/3)(4/3)^(1/3) = 0.733762, r = (1/3)(4/3)^(-2/3) - 0.06 = 0.215161.
    expect(env.lastWage[0]).toBeCloseTo(0.7337616, 6);
    // i_0 = W + r = 0.948922, i_1 = W / 2 + r = 0.582041
    expect(env.income[0]).toBeCloseTo(0.9489222, 6);
    expect(env.income[1]).toBeCloseTo(0.5820414, 6);
    // T_0 = 0.2 i_0 + 0.1 = 0.289784, T_1 = 0.216408, transfer 0.253096;
    // x_0 = 1.912234 -> a' = c = 0.956117; x_1 = 1.618729 -> a' = 0.323746, c = 1.294984.
    expect(env.assets[0]).toBeCloseTo(0.9561171, 6);
    expect(env.assets[1]).toBeCloseTo(0.3237459, 6);
    // u = log c - h^2 / 2
    expect(rewards[0]).toBeCloseTo(-0.5448749, 5);
    expect(rewards[1]).toBeCloseTo(0.133498, 5);
    // The free market: no taxes, no transfer.
    expect(rewards[2]).toBeCloseTo(-0.5258707, 5);
    expect(rewards[3]).toBeCloseTo(0.1105725, 5);
  });

  it('creates and loses no money: sum of (a + c) after equals sum of (a + i) before, every step', () => {
    const env = new TaxEconomyEnv({ ...scenario({ households: 50, economies: 2, tauI: 0.4, xiI: 0.6, tauA: 0.2, xiA: 0.9 }) });
    env.beginEpisode(Rng.fromSeed(4));
    const rng = Rng.fromSeed(5);
    const N = env.agents;
    const rewards = new Float32Array(env.copies * N);
    const acts = new Float32Array(env.copies * N * 2);
    for (let t = 0; t < 40; t++) {
      for (let j = 0; j < acts.length; j++) acts[j] = rng.uniform();
      const before = Float64Array.from(env.assets);
      env.step(acts, rewards);
      for (let e = 0; e < env.copies; e++) {
        let resources = 0;
        let spent = 0;
        for (let i = e * N; i < (e + 1) * N; i++) {
          resources += before[i] + env.income[i];
          // c = (1 - p) x, a' = p x: c = a' (1 - p) / p
          const p = acts[2 * i];
          spent += env.assets[i] + (env.assets[i] * (1 - p)) / p;
        }
        expect(spent).toBeCloseTo(resources, 6);
      }
    }
  });

  it('stays finite with every tax at its extreme', () => {
    for (const theta of [[1, 1, 1, 1], [0, 1, 0, 1], [1, 0, 1, 0]]) {
      const env = new TaxEconomyEnv({ ...scenario({ households: 20, economies: 1 }) });
      env.theta.set(theta, 0);
      env.beginEpisode(Rng.fromSeed(2));
      const rewards = new Float32Array(env.copies * env.agents);
      const acts = new Float32Array(env.copies * env.agents * 2).fill(0.5);
      for (let t = 0; t < 100; t++) env.step(acts, rewards);
      expect(rewards.every(Number.isFinite)).toBe(true);
      expect(env.assets.every(Number.isFinite)).toBe(true);
    }
  });

  it('keeps the reference economies at no tax and at the flat tax, whatever the government does', () => {
    const env = tinyEconomy();
    env.theta.fill(0.7);
    env.beginEpisode(Rng.fromSeed(1));
    expect(Array.from(env.theta.subarray(4, 12))).toEqual([0, 0, 0, 0, 0.20000000298023224, 0, 0, 0]);
  });
});

describe('training on the tax economy', () => {
  const small = { households: 10, economies: 2, horizon: 16, hidden: 16 };

  it('is deterministic: same seed, same figures', async () => {
    const run = async () => {
      const trainer = trainerOf(scenario({ ...small, seed: 3 }));
      const out = [];
      for (let i = 0; i < 3; i++) out.push((await trainer.iterate()).envMetrics);
      trainer.dispose();
      return out;
    };
    expect(await run()).toEqual(await run());
  });

  it('tries taxes by hand on frozen households without changing the training that follows', async () => {
    const untouched = trainerOf(scenario({ ...small, seed: 2, leader: 'fixed' }));
    const tried = trainerOf(scenario({ ...small, seed: 2, leader: 'fixed' }));
    try {
      for (let i = 0; i < 2; i++) expect((await tried.iterate()).envMetrics).toEqual((await untouched.iterate()).envMetrics);
      const t1 = await tried.tryTheta(Float32Array.of(0.1, 0.2, 0.3, 0.4));
      const t2 = await tried.tryTheta(Float32Array.of(0.1, 0.2, 0.3, 0.4));
      expect([t1.envMetrics.tauI, t1.envMetrics.xiI, t1.envMetrics.tauA, t1.envMetrics.xiA].map((x) => +x.toFixed(6))).toEqual([0.1, 0.2, 0.3, 0.4]);
      // Frozen: the followers took no update, so nothing was learned between the two tries.
      expect(Number.isNaN(t1.policyLoss)).toBe(true);
      expect(tried.iterationsDone).toBe(2);
      const next = await tried.iterate();
      expect(next.iteration).toBe(3);
      expect(next.envMetrics).toEqual((await untouched.iterate()).envMetrics);
      expect(t2.envMetrics.tauA).toBeCloseTo(0.3, 6);
    } finally {
      untouched.dispose();
      tried.dispose();
    }
  });

  it('evaluates a theta on the same shocks each time, the households at their mode, without touching the training', async () => {
    const untouched = trainerOf(scenario({ ...small, seed: 2, leader: 'fixed' }));
    const evaluated = trainerOf(scenario({ ...small, seed: 2, leader: 'fixed' }));
    try {
      for (let i = 0; i < 2; i++) expect((await evaluated.iterate()).envMetrics).toEqual((await untouched.iterate()).envMetrics);
      const welfare = async (theta: number[], seed: number) => (await evaluated.evaluateAt(Float32Array.from(theta), 2, seed)).map((m) => m.envMetrics.welfareGov);
      const [once, again, other] = [await welfare([0.3, 0, 0, 0], 7), await welfare([0.3, 0, 0, 0], 7), await welfare([0.3, 0, 0, 0], 8)];
      expect(again).toEqual(once);
      expect(other).not.toEqual(once);
      // No exploration: every government economy plays the same taxes on the same shocks alike.
      const m = (await evaluated.evaluateAt(Float32Array.of(0.3, 0, 0.1, 0), 1, 7))[0].envMetrics;
      expect(m.welfareGovMax - m.welfareGovMin).toBeLessThan(1e-6);
      expect((await evaluated.iterate()).envMetrics).toEqual((await untouched.iterate()).envMetrics);
    } finally {
      untouched.dispose();
      evaluated.dispose();
    }
  });

  it('keeps tf.memory().numTensors flat across iterations and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const trainer = trainerOf(scenario({ ...small, seed: 1 }));
    await trainer.iterate();
    const after1 = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await trainer.iterate();
    expect(tf.memory().numTensors).toBe(after1);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('seeds side by side', () => {
  it('report the mean of the runs, and a welfare band from the lowest to the highest of them', async () => {
    const small = { households: 10, economies: 2, horizon: 16, hidden: 16 };
    const [one, two] = await Promise.all([1, 2].map((seed) => moduleOf('tax-economy').experiment(scenario({ ...small, seed }))));
    const both = await moduleOf('tax-economy').experiment(scenario({ ...small, seed: 1, seeds: 2 }));
    try {
      for (let i = 0; i < 2; i++) {
        const [a, b, ab] = [await one.iterate(), await two.iterate(), await both.iterate()];
        expect(ab.metrics.welfareGov).toBeCloseTo((a.metrics.welfareGov + b.metrics.welfareGov) / 2, 6);
        expect(ab.metrics.hours).toBeCloseTo((a.metrics.hours + b.metrics.hours) / 2, 6);
        expect(ab.metrics.welfareGovMin).toBeCloseTo(Math.min(a.metrics.welfareGovMin, b.metrics.welfareGovMin), 6);
        expect(ab.metrics.welfareGovMax).toBeCloseTo(Math.max(a.metrics.welfareGovMax, b.metrics.welfareGovMax), 6);
        expect(ab.snapshots.lorenzWealth).toEqual(a.snapshots.lorenzWealth);
      }
      expect(both.iterationsDone).toBe(2);
    } finally {
      [one, two, both].forEach((e) => e.dispose());
    }
  });
});

describe("evaluation mode's best flat tax (evaluate.ts, bestFlatFigures)", () => {
  it('is undefined in training, and in evaluation a rate of the grid with its welfare and the government’s gain over it, the same every time', async () => {
    const s = scenario({ households: 4, economies: 2, horizon: 8, hidden: 8, seed: 3 });
    const experiment = await moduleOf(s).experiment(s);
    try {
      const trained = await experiment.iterate();
      for (const key of EVALUATION_ONLY) expect(trained.metrics[key], key).toBeNaN();
      const episodes = await experiment.evaluate!(3);
      expect(episodes).toHaveLength(3);
      const rate = episodes[0].metrics.bestFlatRate;
      expect(FLAT_GRID).toContain(rate);
      for (const { metrics: m } of episodes) {
        expect(m.bestFlatRate).toBe(rate);
        expect(Number.isFinite(m.welfareBestFlat)).toBe(true);
        expect(m.welfareGovOverBestFlat).toBeCloseTo(m.welfareGov - m.welfareBestFlat, 12);
      }
      expect((await experiment.evaluate!(3)).map((r) => r.metrics)).toEqual(episodes.map((r) => r.metrics));
    } finally {
      experiment.dispose();
    }
  });
});
