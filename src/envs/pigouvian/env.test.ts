/**
 * The batched Pigouvian environment: layout and theta in the observation, two steps against
 * hand-computed rewards and figures, the rest state, references, the scenario's rules (the
 * conformance suite runs the rest: determinism, save and load, tensors, the memory estimate).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pigouvianScenarioSchema } from './config';
import { useNodeBackend } from '../../engine/node-backend';
import { Rng } from '../../engine/rng';
import { PigouvianEnv, OBS_DIM } from './env';
import { PIGOUVIAN_METRICS, pigouvianReferences } from './report';

beforeAll(async () => {
  await useNodeBackend();
});

const scenario = (o: Record<string, unknown> = {}) => pigouvianScenarioSchema.parse({ env: 'pigouvian', ...o });

describe('layout and theta', () => {
  it('every market is the leader’s; each firm sees its market’s t / (a - c) in column 3', () => {
    const env = new PigouvianEnv(scenario({ markets: 2, n: 3 }));
    expect([env.copies, env.leaderCopies, env.agents, env.obsDim, env.numActions, env.thetaColumn, env.thetaDim]).toEqual([2, 2, 3, OBS_DIM, 21, 3, 1]);
    env.theta.set([3, -2]);
    const obs = new Float32Array(2 * 3 * OBS_DIM);
    env.observe(obs);
    const seen = Array.from({ length: 6 }, (_, i) => obs[i * OBS_DIM + env.thetaColumn]);
    expect(seen).toEqual([0.375, 0.375, 0.375, -0.25, -0.25, -0.25]);
  });

  it('the regulator sees a constant: its problem does not depend on the markets’ state', () => {
    const env = new PigouvianEnv(scenario({ markets: 3 }));
    const out = new Float32Array(3 * env.leaderObsDim);
    env.leaderObserve(out);
    expect(Array.from(out)).toEqual([1, 1, 1]);
  });

  it('starts each market at rest at the Nash equilibrium of its tax', () => {
    // Defaults a = 10, b = 1, c = 2, n = 4: q(3) = 5 / 5 = 1, Q = 4, P = 6; q(0) = 1.6, Q = 6.4.
    const env = new PigouvianEnv(scenario({ markets: 2 }));
    env.theta.set([3, 0]);
    env.reset();
    expect(Array.from(env.lastQuantity.subarray(0, 4))).toEqual([1, 1, 1, 1]);
    expect(Array.from(env.aggregate)).toEqual([4, 6.4]);
    expect(env.lastPrice[0]).toBe(6);
  });
});

describe('two steps by hand', () => {
  it('n = 2, t = 1: q = (1, 2) then (4, 4); rewards q_i (P - c - t), welfare and its parts per step', () => {
    // a = 10, b = 1, c = 2, d = 4, levels of 0.2 up to qMax = 4, no noise.
    const env = new PigouvianEnv(scenario({ markets: 1, n: 2 }));
    env.theta.set([1]);
    env.beginEpisode(Rng.fromSeed(3));
    const rewards = new Float32Array(2);
    // Step 1: Q = 3, P = 7, margin 7 - 2 - 1 = 4: rewards 4, 8.
    env.step(Int32Array.of(5, 10), rewards);
    expect(Array.from(rewards)).toEqual([4, 8]);
    expect(env.aggregate[0]).toBe(3);
    // W = (10 - 2 - 4) 3 - 9 / 2 = 7.5 = CS 4.5 + profits 12 + revenue 3 - damage 12; W° = 4^2 / 2 = 8.
    expect(Array.from(env.socialWelfare())).toEqual([7.5 / 8]);
    const obs = new Float32Array(2 * OBS_DIM);
    env.observe(obs);
    // Firm 0: P / a, own q / qMax, the other's q / qMax, t / (a - c).
    expect(Array.from(obs.subarray(0, OBS_DIM))).toEqual(Array.from(Float32Array.of(0.7, 0.25, 0.5, 0.125)));
    // Step 2: Q = 8, P = 2, margin -1: rewards -4 each; W = 4 x 8 - 32 = 0 = CS 32 + profits -8 + revenue 8 - damage 32.
    env.step(Int32Array.of(20, 20), rewards);
    expect(Array.from(rewards)).toEqual([-4, -4]);
    const { metrics, snapshots } = env.report(Float64Array.of(3, 8), 2);
    // Rational: Q(1) = 2 x 7 / 3 = 14 / 3, W = 4 x 14 / 3 - (14 / 3)^2 / 2 = 70 / 9.
    expect(metrics.outputRational).toBeCloseTo(14 / 3, 12);
    expect(metrics.welfareRational).toBeCloseTo(70 / 9, 12);
    const { outputRational: _q, welfareRational: _w, ...measured } = metrics;
    expect(measured).toEqual({ tax: 1, output: 5.5, welfare: 3.75, consumerSurplus: 18.25, profits: 2, taxRevenue: 5.5, damage: 22, price: 4.5 });
    expect(Object.keys(metrics)).toEqual(PIGOUVIAN_METRICS.map((m) => m.key));
    // Levels 5, 10, 20, 20.
    const hist = Array.from(snapshots.histQuantity);
    expect(hist).toHaveLength(21);
    expect([hist[5], hist[10], hist[20]]).toEqual([0.25, 0.25, 0.5]);
    // Reward unit: the untaxed Nash profit b q(0)^2 = (8 / 3)^2.
    expect(env.rewardScale).toBeCloseTo(9 / 64, 12);
  });
});

describe('references', () => {
  it('rational output and welfare at the fixed t, t* and the naive t = d (defaults: t = 0)', () => {
    const refs = pigouvianReferences(scenario());
    expect(refs.map((r) => r.id)).toEqual(['outputRational', 'welfareRational', 'tStar', 'tNaive']);
    const [Q, W, tStar, tNaive] = refs.map((r) => r.value);
    expect(Q).toBeCloseTo(6.4, 12);
    expect(W).toBeCloseTo(5.12, 12);
    expect([tStar, tNaive]).toEqual([3, 4]);
  });
});

describe('the scenario’s rules name the field', () => {
  const issues = (o: Record<string, unknown>) => {
    const r = pigouvianScenarioSchema.safeParse({ env: 'pigouvian', ...o });
    return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
  };
  it.each([
    [{ c: 12 }, 'c: the marginal cost c = 12 must be below the demand intercept a = 10: nobody would produce'],
    [{ d: 8 }, 'd: the damage d = 8 must be below a - c = 8: otherwise the best output is none'],
    [{ tMin: 5, tMax: 4 }, 'tMin: tMin (5) must not exceed tMax (4)'],
    [{ t: 9 }, 't: the fixed tax t = 9 must lie in [tMin, tMax] = [-4, 8]'],
    [{ n: 2, tMin: -6 }, 'qMax: qMax = 4 is below the Nash quantity at the lowest tax, q(tMin) = 4.667: raise qMax or tMin (or b, c or n, or lower a)'],
  ])('%o', (fields, message) => {
    expect(issues(fields)).toEqual([message]);
  });
});
