/**
 * Learning firms and a learning regulator against the theory, with fixed seeds (wasm backend),
 * small runs: under a fixed tax the firms' total output ends near the Cournot output Q(t); a
 * Bayesian-optimisation regulator's tax ends near the welfare-maximising t* = d - (a - c - d) / n,
 * and with the same trained firms that tax yields more welfare than no tax and than the naive
 * t = d. The firms are myopic (PigouvianEnv.discount = 0: each step is the one-shot game).
 * Settings where t* is far from d relative to a - c - d, so that 10% of t* is visible in welfare
 * and W(d) is well below W°: n = 2, d = 6 (t* = 5, W(Q(d)) = 8/9 W°) and n = 3, d = 5 (t* = 4,
 * W(Q(d)) = 15/16 W°).
 *
 * Measured on this project's 2-core machine (wasm; seeds 1, 2, 3, the test runs seed 1):
 * fixed t = 3, n = 4, 100 iterations: Q 4.003 / 4.002 / 4.001 (Q(t) 4; 5-10 s).
 * BO, 200 iterations, learned tax (t*); welfare at it - welfare at t = d (same trained firms):
 * n = 2, d = 6: 4.868 / 5.176 / 4.933 (5; -2.6%, +3.5%, -1.3%), margin 0.363 / 0.075 / 0.394;
 * n = 3, d = 5: 4.297 / 3.938 / 4.299 (4; +7.4%, -1.6%, +7.5%), margin 0.164 / 0.198 / 0.037.
 * Welfare at no tax is far lower everywhere (-2.1 to 1.6). Before discount 0 (gamma 0.99) BO at n = 2,
 * d = 6 ended 3.97 / 4.55 / 4.83 with margins -0.23 / -0.05 / 0.44. This file: 45 s (5.6 + 17.9 + 19.1).
 * A PPO regulator (alpha_L 0.01 every 4 after 40) at n = 2, d = 6 is not tested: 4.82 and 5.37 at
 * seeds 2 and 3 but 7.09 at seed 1 (the firms at high t collapsed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pigouvianScenarioSchema } from './config';
import { mean } from '../../engine/metrics';
import { useNodeBackend } from '../../engine/node-backend';
import type { IterationMetrics } from '../../engine/stackelberg';
import { nashOutput, optimalTax } from './model';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

/** Small: 8 markets, 16 steps, hidden 16 (defaults otherwise: a = 10, b = 1, c = 2, qMax = 4, K = 21). */
const SMALL = { markets: 8, horizon: 16, hidden: 16 };
const market = { a: 10, b: 1, c: 2 };

describe('firms under a fixed tax', () => {
  it('n = 4, t = 3: total output ends within 10% of Q(t) = 4', async () => {
    const ITERATIONS = 100;
    const trainer = trainerOf(pigouvianScenarioSchema.parse({ env: 'pigouvian', seed: 1, leader: 'fixed', t: 3, ...SMALL }));
    const ms: IterationMetrics[] = [];
    try {
      for (let i = 0; i < ITERATIONS; i++) ms.push(await trainer.iterate());
    } finally {
      trainer.dispose();
    }
    const Q = mean(ms.slice(-10).map((m) => m.envMetrics.output));
    const rational = nashOutput({ ...market, d: 4 }, 4, 3);
    console.log(`fixed t = 3, iterations ${ITERATIONS - 9}-${ITERATIONS}: Q ${Q.toFixed(3)} (Q(t) ${rational}), welfare ${mean(ms.slice(-10).map((m) => m.envMetrics.welfare)).toFixed(3)} (W(Q(t)) 8)`);
    expect(Math.abs(Q - rational)).toBeLessThan(0.1 * rational);
  });
});

/** BO: a Latin-hypercube design over the box for 40 episodes (the firms see every t), then a new batch every 2. */
const SCHEDULE = { leaderEvery: 2, leaderWarmup: 40 };

/**
 * Trains with a BO regulator, then reads its learned tax (one episode without exploration: BO's
 * believed best) and plays frozen episodes (the same trained firms, the same draws) at that tax, at no tax and
 * at t = d.
 */
async function regulate(n: number, d: number, iterations: number) {
  const trainer = trainerOf(pigouvianScenarioSchema.parse({ env: 'pigouvian', seed: 1, leader: 'bayesopt', n, d, ...SMALL, ...SCHEDULE }));
  try {
    for (let i = 0; i < iterations; i++) await trainer.iterate();
    trainer.leaderExplores = false;
    const tax = (await trainer.iterate()).envMetrics.tax;
    const welfareAt = async (t: number) => (await trainer.probe(Float32Array.of(t))).adaptive.metrics.envMetrics.welfare;
    return { tax, learned: await welfareAt(tax), none: await welfareAt(0), naive: await welfareAt(d) };
  } finally {
    trainer.dispose();
  }
}

describe('a learning regulator', () => {
  it.each([
    [2, 6],
    [3, 5],
  ] as const)('BO leader, n = %i, d = %i: the learned tax ends within 10% of t*, and beats no tax and t = d', async (n, d) => {
    const tStar = optimalTax({ ...market, d }, n);
    const r = await regulate(n, d, 200);
    console.log(`bayesopt, n = ${n}, d = ${d}: tax ${r.tax.toFixed(3)} (t* ${tStar}); welfare at it ${r.learned.toFixed(3)}, at t = 0 ${r.none.toFixed(3)}, at t = d ${r.naive.toFixed(3)}`);
    expect(Math.abs(r.tax - tStar)).toBeLessThan(0.1 * Math.abs(tStar));
    expect(r.learned).toBeGreaterThan(r.none);
    expect(r.learned).toBeGreaterThan(r.naive);
  });
});
