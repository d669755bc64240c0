/**
 * The batched cobweb environment: copies and their lambda_i, observations, one step against
 * the equations, the target, the report's keys and shapes; then a tiny trained run for
 * determinism and tensor hygiene.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cobwebScenarioSchema } from './config';
import { useNodeBackend } from '../../engine/node-backend';
import { Rng } from '../../engine/rng';
import { LAMBDA_MAX } from './config';
import { encodeSeries } from '../calibration/series-data';
import { drawLambda } from '../calibration/population';
import { CobwebEnv, OBS_DIM } from './env';
import { LEVELS, marketPrice, predictionLevel, producerReward, rationalPrice } from './model';
import { COBWEB_METRICS, cobwebReferences, HIST_BINS } from './report';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

const scenario = (o: Record<string, unknown> = {}) => cobwebScenarioSchema.parse({ env: 'cobweb', ...o });
const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, v) => s + v, 0);

describe('copies and lambda_i', () => {
  it('lays out the calibrator’s markets, the rational market and the target markets', () => {
    const env = new CobwebEnv(scenario({ markets: 3, targetMarkets: 2, n: 4 }));
    const p = env.population;
    expect([p.copies, p.leaderCopies, p.rationalCopy, p.firstTargetCopy, p.targetCopies]).toEqual([6, 3, 3, 4, 2]);
    expect([env.agents, env.obsDim, env.numActions, env.thetaColumn, env.klColumn, env.thetaDim]).toEqual([4, OBS_DIM, LEVELS, 3, 3, 2]);
    expect(env.theta).toHaveLength(6 * 2);
    const data = new CobwebEnv(scenario({ markets: 3, target: 'data', targetData: encodeSeries(Array.from({ length: 40 }, (_, t) => 5 + (t % 5) / 2)), calibrate: 'individual', n: 4 }));
    expect([data.copies, data.population.targetCopies, data.thetaDim]).toEqual([4, 0, 4]);
  });

  it('draws lambda_i from theta in the calibrator’s markets, 0 in the rational one, the hidden parameters in the target', () => {
    const env = new CobwebEnv(scenario({ markets: 2, targetMarkets: 3, n: 6, targetMu: 0.15, targetSigma: 0 }));
    env.theta.set([0.2, 0, 0.05, 0.1]);
    env.beginEpisode(Rng.fromSeed(1));
    const lambdas = (e: number) => Array.from(env.lambda.subarray(e * 6, (e + 1) * 6));
    lambdas(0).forEach((l) => expect(l).toBeCloseTo(0.2, 6));
    expect(new Set(lambdas(1)).size).toBeGreaterThan(1);
    lambdas(1).forEach((l) => expect(l >= 0 && l <= LAMBDA_MAX).toBe(true));
    expect(lambdas(2)).toEqual([0, 0, 0, 0, 0, 0]);
    for (const e of [3, 4, 5]) lambdas(e).forEach((l) => expect(l).toBeCloseTo(0.15, 6));
    // Followers see their own lambda_i in the theta/KL column.
    const obs = new Float32Array(env.copies * env.agents * OBS_DIM);
    env.observe(obs);
    for (let i = 0; i < env.copies * env.agents; i++) expect(obs[i * OBS_DIM + 3]).toBe(env.lambda[i]);
  });

  it('individual calibration sets each lambda_i', () => {
    const env = new CobwebEnv(scenario({ markets: 1, calibrate: 'individual', n: 3 }));
    env.theta.set([0, 0.1, 0.25]);
    env.beginEpisode(Rng.fromSeed(2));
    expect(Array.from(env.lambda.subarray(0, 3))).toEqual(Array.from(Float32Array.of(0, 0.1, 0.25)));
  });

  it('draws N(mu, sigma) truncated at 0 and capped at LAMBDA_MAX', () => {
    const rng = Rng.fromSeed(3);
    const xs = Array.from({ length: 4000 }, () => drawLambda(0, 0.1, LAMBDA_MAX, rng));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    // Half-normal mean sigma sqrt(2 / pi) = 0.0798.
    expect(sum(xs) / xs.length).toBeCloseTo(0.1 * Math.sqrt(2 / Math.PI), 2);
    expect(Math.max(...Array.from({ length: 200 }, () => drawLambda(LAMBDA_MAX, 1, LAMBDA_MAX, rng)))).toBe(LAMBDA_MAX);
  });
});

describe('one step', () => {
  it('clears each market at p_t and pays each producer for its prediction (noise off)', () => {
    const env = new CobwebEnv(scenario({ markets: 1, targetMarkets: 1, n: 3, noiseStd: 0 }));
    env.beginEpisode(Rng.fromSeed(4));
    const actions = Int32Array.of(12, 11, 14, 0, 20, 10, 12, 12, 12);
    const rewards = new Float32Array(9);
    env.step(actions, rewards);
    for (let e = 0; e < 3; e++) {
      const pHat = Array.from(actions.subarray(e * 3, e * 3 + 3), predictionLevel);
      const p = marketPrice(pHat, 0);
      expect(env.aggregate[e]).toBeCloseTo(p, 12);
      pHat.forEach((x, k) => expect(rewards[e * 3 + k]).toBeCloseTo(producerReward(p, x), 3));
    }
    const obs = new Float32Array(9 * OBS_DIM);
    env.observe(obs);
    // p_(t-1) / 10; the averages moved one tenth of the way from p* to the new values.
    const pStar = rationalPrice(3);
    expect(obs[0]).toBeCloseTo(env.aggregate[0] / 10, 6);
    expect(obs[1]).toBeCloseTo((pStar + 0.1 * (env.aggregate[0] - pStar)) / 10, 6);
    expect(obs[2]).toBeCloseTo((pStar + 0.1 * (6 - pStar)) / 10, 6);
  });
});

describe('target and report', () => {
  it('the synthetic target pools the target markets’ prices over the last 10 episodes, sorted', () => {
    const env = new CobwebEnv(scenario({ markets: 1, targetMarkets: 2, n: 2, horizon: 8 }));
    const rng = Rng.fromSeed(5);
    const actions = new Int32Array(env.copies * 2).fill(12);
    const rewards = new Float32Array(actions.length);
    for (let episode = 0; episode < 12; episode++) {
      env.beginEpisode(rng);
      for (let t = 0; t < 8; t++) env.step(actions, rewards);
      const target = env.target()!;
      expect(target).toHaveLength(Math.min(episode + 1, 10) * 2 * 8);
      for (let i = 1; i < target.length; i++) expect(target[i]).toBeGreaterThanOrEqual(target[i - 1]);
    }
  });

  it('reports every metric of COBWEB_METRICS, histograms that sum to 1, and paths of the episode’s length', async () => {
    const trainer = trainerOf(scenario({ markets: 2, targetMarkets: 1, n: 3, horizon: 16, hidden: 8, leader: 'fixed', mu: 0.1, sigma: 0 }));
    try {
      const m = await trainer.iterate();
      expect(Object.keys(m.envMetrics)).toEqual(COBWEB_METRICS.map((s) => s.key));
      for (const key of Object.keys(m.envMetrics)) expect(Number.isFinite(m.envMetrics[key]), key).toBe(true);
      expect(m.envMetrics.mu).toBeCloseTo(0.1, 6);
      expect(m.envMetrics.sigma).toBe(0);
      expect(m.envMetrics.lambdaMean).toBeCloseTo(0.1, 6);
      const s = m.envSnapshots;
      expect(s.prices).toHaveLength(16);
      expect(Array.from(s.prices)).toEqual(Array.from(m.series));
      expect(s.targetPrices).toHaveLength(16);
      expect(s.predictions).toHaveLength(16);
      expect(s.lambdas).toHaveLength(3);
      expect(s.histSim).toHaveLength(HIST_BINS);
      expect(sum(s.histSim)).toBeCloseTo(1, 5);
      expect(sum(s.histTarget)).toBeCloseTo(1, 5);
      expect(COBWEB_METRICS.filter((x) => x.final).map((x) => x.key)).toEqual(['mu', 'sigma', 'lambdaMean', 'w1', 'maeRe', 'maeRational', 'maeCalibrated']);
      expect(cobwebReferences({ n: 6 })[0]).toEqual({ id: 'rationalPrice', label: 'rational-expectations price p*', value: rationalPrice(6) });
    } finally {
      trainer.dispose();
    }
  });

  it("pays the Bayesian calibrator the distance of each candidate's pooled prices to the target", async () => {
    const rewardAndW1 = async (replicates: number) => {
      const trainer = trainerOf(scenario({ markets: 4, targetMarkets: 1, n: 3, horizon: 16, hidden: 8, leader: 'bayesopt', leaderWarmup: 1, replicates }));
      try {
        await trainer.iterate();
        const m = await trainer.iterate();
        return { reward: m.leaderReward, w1: m.envMetrics.w1 };
      } finally {
        trainer.dispose();
      }
    };
    // One candidate in all 4 markets: its reward is minus W1 of the episode's prices, pooled.
    const together = await rewardAndW1(4);
    expect(together.reward).toBeCloseTo(-together.w1, 5);
    // One per market: minus the mean of each market's W1 over 16 prices, farther than the pool (W1 is convex).
    const apart = await rewardAndW1(1);
    expect(-apart.reward).toBeGreaterThan(apart.w1 + 0.01);
  });

  it('a data target is the sorted data; its moments and stretch come from the data in its order', async () => {
    const data = Array.from({ length: 50 }, (_, t) => 5 + Math.sin(t) + (t % 7) / 10);
    const trainer = trainerOf(scenario({ markets: 1, n: 3, horizon: 16, hidden: 8, leader: 'none', calibrate: 'individual', target: 'data', targetData: encodeSeries(data) }));
    try {
      const rounded = data.map((p) => Math.round(p * 1000) / 1000);
      expect(Array.from(trainer.env.target!()!)).toEqual([...rounded].sort((a, b) => a - b));
      const m = await trainer.iterate();
      expect(m.envMetrics.mu).toBeNaN();
      expect(m.envMetrics.targetMean).toBeCloseTo(rounded.reduce((s, v) => s + v, 0) / 50, 9);
      expect(Array.from(m.envSnapshots.targetPrices)).toEqual(Array.from(Float32Array.from(rounded.slice(0, 16))));
      const m2 = await trainer.iterate();
      expect(Array.from(m2.envSnapshots.targetPrices)).toEqual(Array.from(Float32Array.from(rounded.slice(16, 32))));
      expect(Number.isFinite(m2.envMetrics.maeRe) && Number.isFinite(m2.envMetrics.maeRational)).toBe(true);
    } finally {
      trainer.dispose();
    }
  });
});

