/**
 * The batched Cournot environment: copies and their lambda_i, observations, one step against
 * hand-computed values, the report's keys and shapes, a data target, the scenario's rules; then
 * a tiny trained run for determinism and tensor hygiene.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cournotScenarioSchema } from './config';
import { useNodeBackend } from '../../engine/node-backend';
import { Rng } from '../../engine/rng';
import { encodeSeries } from '../calibration/series-data';
import { CournotEnv, OBS_DIM } from './env';
import { COURNOT_METRICS, cournotReferences, PRICE_BINS, PROFIT_BINS } from './report';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

const scenario = (o: Record<string, unknown> = {}) => cournotScenarioSchema.parse({ env: 'cournot', ...o });
const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, v) => s + v, 0);

describe('copies and lambda_i', () => {
  it('lays out the calibrator’s markets, the rational market and the target markets; firms see their own lambda_i', () => {
    const env = new CournotEnv(scenario({ markets: 3, targetMarkets: 2, n: 4, targetMu: 0.3, targetSigma: 0 }));
    const p = env.population;
    expect([p.copies, p.leaderCopies, p.rationalCopy, p.firstTargetCopy, p.targetCopies]).toEqual([6, 3, 3, 4, 2]);
    expect([env.agents, env.obsDim, env.numActions, env.thetaColumn, env.klColumn, env.thetaDim]).toEqual([4, OBS_DIM, 21, 4, 4, 2]);
    env.theta.set([0.5, 0, 0.5, 0, 0.5, 0]);
    env.beginEpisode(Rng.fromSeed(1));
    const obs = new Float32Array(env.copies * 4 * OBS_DIM);
    env.observe(obs);
    const lambdaSeen = (e: number) => Array.from({ length: 4 }, (_, k) => obs[(e * 4 + k) * OBS_DIM + 4]);
    expect(lambdaSeen(0)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(lambdaSeen(3)).toEqual([0, 0, 0, 0]);
    lambdaSeen(4).forEach((l) => expect(l).toBeCloseTo(0.3, 6));
  });
});

describe('one step', () => {
  it('clears at P = max(0, a + eps - b Q) and pays q_i (P - c_i) (noise off, costs 5, 10, 15)', () => {
    const env = new CournotEnv(scenario({ markets: 1, targetMarkets: 1, n: 3, costSpread: 5, noiseStd: 0 }));
    env.beginEpisode(Rng.fromSeed(4));
    // Levels of 2 units: market 0 plays q = 10, 18, 20 (Q = 48, P = 52); market 1 q = 40 each (Q = 120, P = 0).
    const actions = Int32Array.of(5, 9, 10, 20, 20, 20, 9, 9, 9);
    const rewards = new Float32Array(9);
    env.step(actions, rewards);
    expect(env.aggregate[0]).toBe(52);
    expect(Array.from(rewards.subarray(0, 3))).toEqual([470, 756, 740]);
    expect(env.aggregate[1]).toBe(0);
    expect(Array.from(rewards.subarray(3, 6))).toEqual([-200, -400, -600]);
    // Market 2: q = 18 each, Q = 54, P = 46: 18 x (41, 36, 31).
    expect(Array.from(rewards.subarray(6, 9))).toEqual([738, 648, 558]);
    expect(env.rewardScale).toBeCloseTo(1 / 22.5 ** 2, 12);
    const obs = new Float32Array(9 * OBS_DIM);
    env.observe(obs);
    // Firm 1 of market 0: P / a, own q / qMax, the others' mean q / qMax, c_i / a.
    expect(Array.from(obs.subarray(OBS_DIM, OBS_DIM + 4))).toEqual(Array.from(Float32Array.of(0.52, 18 / 40, 15 / 40, 0.1)));
  });

  it('starts every market at the Nash equilibrium', () => {
    const env = new CournotEnv(scenario({ markets: 1, targetMarkets: 1, n: 4 }));
    expect(Array.from(env.aggregate)).toEqual([28, 28, 28]);
    expect(Array.from(env.lastQuantity.subarray(0, 4))).toEqual([18, 18, 18, 18]);
    expect(cournotReferences(scenario()).map((r) => r.value)).toEqual([18, 28, 324]);
  });
});

describe('report', () => {
  it('reports every metric of COURNOT_METRICS, histograms that sum to 1, paths of the episode’s length', async () => {
    const trainer = trainerOf(scenario({ markets: 2, targetMarkets: 1, n: 3, horizon: 16, hidden: 8, leader: 'fixed', mu: 0.2, sigma: 0.1 }));
    try {
      const m = await trainer.iterate();
      expect(Object.keys(m.envMetrics)).toEqual(COURNOT_METRICS.map((s) => s.key));
      for (const key of Object.keys(m.envMetrics)) expect(Number.isFinite(m.envMetrics[key]), key).toBe(true);
      expect(m.envMetrics.mu).toBeCloseTo(0.2, 6);
      const s = m.envSnapshots;
      expect(Array.from(s.prices)).toEqual(Array.from(m.series));
      for (const key of ['targetPrices', 'qLowLambda', 'qHighLambda', 'qMean', 'qRational']) expect(s[key], key).toHaveLength(16);
      expect(s.skillLambda).toHaveLength(6);
      for (let i = 1; i < 6; i++) expect(s.skillLambda[i]).toBeGreaterThanOrEqual(s.skillLambda[i - 1]);
      // The mean of the firms' episode means is the calibrated markets' mean quantity.
      expect(sum(s.skillQuantity) / 6).toBeCloseTo(m.envMetrics.quantityCalibrated, 4);
      expect(s.histSim).toHaveLength(PRICE_BINS);
      expect(s.histProfit).toHaveLength(PROFIT_BINS);
      for (const key of ['histSim', 'histTarget', 'histProfit', 'histProfitRational']) expect(sum(s[key]), key).toBeCloseTo(1, 5);
      expect(COURNOT_METRICS.filter((x) => x.final).map((x) => x.key)).toEqual(['mu', 'sigma', 'lambdaMean', 'w1', 'maeNash', 'maeRational', 'maeCalibrated', 'quantityRational', 'quantityCalibrated']);
    } finally {
      trainer.dispose();
    }
  });

  it('a data target is the sorted uploaded prices, and the moments come from the data', async () => {
    const data = Array.from({ length: 60 }, (_, t) => 28 + 3 * Math.sin(t));
    const trainer = trainerOf(scenario({ markets: 1, n: 2, horizon: 16, hidden: 8, leader: 'none', target: 'data', targetData: encodeSeries(data) }));
    try {
      const rounded = data.map((p) => Math.round(p * 1000) / 1000);
      expect(Array.from(trainer.env.target!()!)).toEqual([...rounded].sort((x, y) => x - y));
      const m = await trainer.iterate();
      expect(trainer.env.copies).toBe(2);
      expect(m.envMetrics.targetMean).toBeCloseTo(sum(rounded) / 60, 9);
      expect(Number.isFinite(m.envMetrics.maeNash) && Number.isFinite(m.envMetrics.maeRational)).toBe(true);
    } finally {
      trainer.dispose();
    }
  });
});

describe('the scenario’s rules name the field', () => {
  const issues = (o: Record<string, unknown>) => {
    const r = cournotScenarioSchema.safeParse({ env: 'cournot', ...o });
    return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
  };
  it.each([
    [{ c: 120 }, 'c: the marginal cost c = 120 must be below the demand intercept a = 100: nobody would produce'],
    [{ costSpread: 20 }, "costSpread: costSpread = 20 exceeds c = 10: the cheapest firm's cost c - costSpread would be negative"],
    [{ qMax: 10 }, 'qMax: qMax = 10 is below the largest Nash quantity q* = 18: raise qMax (or lower a, raise b, c or n)'],
    [{ n: 21 }, 'n: Too big: expected number to be <=20'],
    [{ mu: 5 }, 'mu: Too big: expected number to be <=1'],
  ])('%o', (fields, message) => {
    expect(issues(fields)).toEqual([message]);
  });
  it('an empty data target asks for prices', () => {
    expect(issues({ target: 'data' })).toEqual(['targetData: upload observed prices or choose the synthetic target']);
  });
});

