import { describe, expect, it } from 'vitest';
import { entranceParamsSchema } from './config';
import { BETA, EntranceEnv, OBS_DIM, V, baseReward, taxedReward } from './env';

// Constants of the reward, used in every hand computation below.
// r* = BETA = 1 out; r* = BETA + V (C - D) = 1 + 2 (C - D) in; a switch costs |tau r*|.
describe('entrance game constants', () => {
  it('uses beta = 1 and v = 2', () => {
    expect(BETA).toBe(1);
    expect(V).toBe(2);
  });
});

describe('baseReward', () => {
  it('pays beta to a trader who stays out, whatever the demand', () => {
    // out: r* = BETA = 1
    expect(baseReward(false, 0, 6)).toBe(1);
    expect(baseReward(false, 10, 6)).toBe(1);
  });

  it('pays beta + v (C - D) to an entrant', () => {
    // C = 6, D = 4: 1 + 2 (6 - 4) = 5
    expect(baseReward(true, 4, 6)).toBe(5);
    // C = 6, D = 6: 1 + 2 (0) = 1, the same as staying out
    expect(baseReward(true, 6, 6)).toBe(1);
    // C = 2.5, D = 3: 1 + 2 (-0.5) = 0
    expect(baseReward(true, 3, 2.5)).toBe(0);
  });

  it('is negative for an entrant when D exceeds C by more than beta / v', () => {
    // C = 6, D = 9: 1 + 2 (6 - 9) = -5
    expect(baseReward(true, 9, 6)).toBe(-5);
  });
});

describe('taxedReward', () => {
  it('charges no tax when the trader keeps its position', () => {
    // enter -> enter, C = 6, D = 4: r* = 5, no switch: r = 5
    expect(taxedReward(1, 1, 4, 6, 0.05)).toBe(5);
    // out -> out: r = 1
    expect(taxedReward(0, 0, 4, 6, 0.05)).toBe(1);
  });

  it('charges tau r* to a trader who switches into the market', () => {
    // out -> enter, C = 6, D = 4, tau = 0.05: r* = 5, tax = |0.05 * 5| = 0.25, r = 4.75
    expect(taxedReward(1, 0, 4, 6, 0.05)).toBeCloseTo(4.75, 12);
  });

  it('charges tau beta to a trader who switches out of the market', () => {
    // enter -> out, tau = 0.05: r* = 1, tax = 0.05, r = 0.95
    expect(taxedReward(0, 1, 4, 6, 0.05)).toBeCloseTo(0.95, 12);
  });

  it('charges |tau r*| (a positive amount) when r* < 0, so the switcher loses more', () => {
    // out -> enter, C = 6, D = 9 > C, tau = 0.1: r* = 1 + 2 (6 - 9) = -5,
    // tax = |0.1 * -5| = 0.5, r = -5 - 0.5 = -5.5 (not -5 + 0.5 = -4.5)
    expect(taxedReward(1, 0, 9, 6, 0.1)).toBeCloseTo(-5.5, 12);
  });

  it('charges nothing when r* = 0', () => {
    // out -> enter, C = 2.5, D = 3: r* = 0, tax = 0
    expect(taxedReward(1, 0, 3, 2.5, 0.1)).toBe(0);
  });

  it('equals r* for every move when tau = 0', () => {
    for (const [a, prev] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
      for (const d of [0, 3, 6, 9]) expect(taxedReward(a, prev, d, 6, 0)).toBe(baseReward(a === 1, d, 6));
    }
  });
});

/** n = 4, c = 0.5 -> C = 2; two markets. */
function tinyEnv(tauMin = 0): EntranceEnv {
  return new EntranceEnv(entranceParamsSchema.parse({ n: 4, c: 0.5, markets: 2, horizon: 8, tauMin }));
}

function observe(env: EntranceEnv): Float32Array {
  const out = new Float32Array(env.copies * env.agents * OBS_DIM);
  env.observe(out);
  return out;
}

/** Observation of agent k in market e. */
function row(obs: Float32Array, env: EntranceEnv, e: number, k: number): number[] {
  const o = (e * env.agents + k) * OBS_DIM;
  return Array.from(obs.subarray(o, o + OBS_DIM));
}

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, i) => expect(actual[i], `index ${i}`).toBeCloseTo(x, digits));
}

describe('EntranceEnv', () => {
  it('derives sizes, capacity and scales from the parameters', () => {
    const env = tinyEnv();
    expect(env.copies).toBe(2);
    expect(env.agents).toBe(4);
    expect(env.obsDim).toBe(4);
    expect(env.numActions).toBe(2);
    expect(env.capacity).toBe(2); // c n = 0.5 * 4
    expect(env.aggregateScale).toBe(1); // sqrt(4) / 2
    expect(env.rewardScale).toBe(0.125); // 1 / (v n) = 1 / 8
  });

  it('starts with D_prev = mean D = C, no one in, theta = tauMin', () => {
    const env = tinyEnv(0.02);
    const obs = observe(env);
    // [C / n, C / n, a_prev, tau / 0.1] = [2/4, 2/4, 0, 0.02/0.1] = [0.5, 0.5, 0, 0.2]
    for (let e = 0; e < 2; e++) for (let k = 0; k < 4; k++) expectClose(row(obs, env, e, k), [0.5, 0.5, 0, 0.2]);
    expect(Array.from(env.aggregate)).toEqual([2, 2]);
    expect(Array.from(env.prevAction)).toEqual(new Array(8).fill(0));
  });

  it('steps every market: taxed rewards, demand, previous actions and observations', () => {
    const env = tinyEnv();
    env.theta.set([0.05, 0.1]);
    const rewards = new Float32Array(8);

    // Step 1, everyone was out (a_prev = 0).
    // Market 0, tau = 0.05, actions [1, 1, 0, 0]: D = 2, entrant r* = 1 + 2 (2 - 2) = 1,
    //   entrants switch: 1 - 0.05 * 1 = 0.95; the others stay out: 1.
    // Market 1, tau = 0.1, actions [1, 1, 1, 0]: D = 3, entrant r* = 1 + 2 (2 - 3) = -1,
    //   entrants switch: -1 - |0.1 * -1| = -1.1; the last stays out: 1.
    env.step(Int32Array.from([1, 1, 0, 0, 1, 1, 1, 0]), rewards);
    expectClose(rewards, [0.95, 0.95, 1, 1, -1.1, -1.1, -1.1, 1]);
    expect(Array.from(env.aggregate)).toEqual([2, 3]);
    expect(Array.from(env.prevAction)).toEqual([1, 1, 0, 0, 1, 1, 1, 0]);
    // Observations: market 0: [2/4, 2/1/4, a_prev, 0.05/0.1] = [0.5, 0.5, a, 0.5]
    //               market 1: [3/4, 3/1/4, a_prev, 0.1/0.1]  = [0.75, 0.75, a, 1]
    let obs = observe(env);
    expectClose(row(obs, env, 0, 0), [0.5, 0.5, 1, 0.5]);
    expectClose(row(obs, env, 0, 3), [0.5, 0.5, 0, 0.5]);
    expectClose(row(obs, env, 1, 2), [0.75, 0.75, 1, 1]);
    expectClose(row(obs, env, 1, 3), [0.75, 0.75, 0, 1]);

    // Step 2.
    // Market 0, actions [1, 0, 0, 0]: D = 1. Agent 0 stays in: 1 + 2 (2 - 1) = 3 untaxed;
    //   agent 1 switches out: 1 - 0.05 = 0.95; agents 2, 3 stay out: 1.
    // Market 1, actions [0, 0, 0, 0]: D = 0. Agents 0-2 switch out: 1 - 0.1 = 0.9; agent 3: 1.
    env.step(Int32Array.from([1, 0, 0, 0, 0, 0, 0, 0]), rewards);
    expectClose(rewards, [3, 0.95, 1, 1, 0.9, 0.9, 0.9, 1]);
    expect(Array.from(env.aggregate)).toEqual([1, 0]);
    expect(Array.from(env.prevAction)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    // Observations: market 0: D_prev = 1/4 = 0.25, mean D = (2 + 1)/2/4 = 0.375
    //               market 1: D_prev = 0/4 = 0,    mean D = (3 + 0)/2/4 = 0.375
    obs = observe(env);
    expectClose(row(obs, env, 0, 0), [0.25, 0.375, 1, 0.5]);
    expectClose(row(obs, env, 0, 1), [0.25, 0.375, 0, 0.5]);
    expectClose(row(obs, env, 1, 0), [0, 0.375, 0, 1]);
  });

  it('reset restores the initial state and keeps theta', () => {
    const env = tinyEnv();
    const initial = observe(env);
    env.step(Int32Array.from([1, 1, 1, 1, 0, 1, 0, 1]), new Float32Array(8));
    env.theta.set([0.03, 0.04]);
    env.reset();
    expect(Array.from(env.aggregate)).toEqual([2, 2]);
    expect(Array.from(env.prevAction)).toEqual(new Array(8).fill(0));
    const obs = observe(env);
    // Only the theta column differs from the start: 0.03/0.1 = 0.3, 0.04/0.1 = 0.4.
    for (let i = 0; i < obs.length; i++) {
      if (i % OBS_DIM !== 3) expect(obs[i]).toBe(initial[i]);
      else expect(obs[i]).toBeCloseTo(i < 4 * OBS_DIM ? 0.3 : 0.4, 6);
    }
  });

  it("changing one market's theta changes only the 4th observation entry of its agents", () => {
    const env = tinyEnv();
    env.step(Int32Array.from([1, 0, 1, 0, 0, 1, 1, 1]), new Float32Array(8));
    const before = observe(env);
    env.theta[1] = 0.07;
    const after = observe(env);
    for (let i = 0; i < before.length; i++) {
      const market = Math.floor(i / (4 * OBS_DIM));
      if (market === 1 && i % OBS_DIM === 3) {
        expect(before[i]).toBe(0);
        expect(after[i]).toBeCloseTo(0.7, 6); // 0.07 / 0.1
      } else {
        expect(after[i], `index ${i}`).toBe(before[i]);
      }
    }
  });

  it('charges each market its own theta', () => {
    const env = tinyEnv();
    env.theta.set([0, 0.1]);
    const rewards = new Float32Array(8);
    // Every trader switches in: D = 4 in both markets, r* = 1 + 2 (2 - 4) = -3.
    // Market 0, tau = 0: -3. Market 1, tau = 0.1: -3 - 0.3 = -3.3.
    env.step(Int32Array.from([1, 1, 1, 1, 1, 1, 1, 1]), rewards);
    expectClose(rewards, [-3, -3, -3, -3, -3.3, -3.3, -3.3, -3.3]);
  });
});
