/**
 * Learning in the market entrance game, against the theory, with fixed seeds (wasm backend).
 * n = 10, c = 0.6: C = 6; the symmetric mixed equilibrium has mean attendance
 * n (C - 1) / (n - 1) = 5.56, just below C. The untrained policy enters about half the time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { entranceScenarioSchema } from './config';
import { mean } from '../../engine/metrics';
import { useNodeBackend } from '../../engine/node-backend';
import { type IterationMetrics } from '../../engine/stackelberg';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

const C = 6;

async function train(overrides: Record<string, unknown>, iterations: number): Promise<IterationMetrics[]> {
  const trainer = trainerOf(entranceScenarioSchema.parse({ env: 'entrance-tobin', n: 10, c: 0.6, markets: 4, horizon: 128, ...overrides }));
  const out: IterationMetrics[] = [];
  try {
    for (let i = 0; i < iterations; i++) out.push(await trainer.iterate());
  } finally {
    trainer.dispose();
  }
  return out;
}

/**
 * The untaxed runs, trained once for 40 iterations and shared: the followers' test reads their
 * first 20 iterations (the same as a 20-iteration run: training is deterministic per seed), the
 * Tobin tax's test their last 10.
 */
const untaxedRuns = new Map<number, Promise<IterationMetrics[]>>();
function untaxed(seed: number): Promise<IterationMetrics[]> {
  if (!untaxedRuns.has(seed)) untaxedRuns.set(seed, train({ seed, leader: 'none' }, 40));
  return untaxedRuns.get(seed)!;
}

const lastMean = (ms: IterationMetrics[], key: 'attendance' | 'volatility' | 'theta', k: number) => mean(ms.slice(-k).map((m) => m[key]));

describe('followers without a tax', () => {
  // Measured: the mean of iterations 16-20 is 5.95, 5.62, 5.52 for seeds 1, 2, 3. Trained longer,
  // some populations break symmetry (a trader's own last action becomes its role) and settle on
  // the pure equilibrium D = C - 1 = 5 (seed 5: 5.2 after 40 iterations); see the README.
  it.each([1, 2, 3])('bring mean attendance within 10 percent of C, near the mixed equilibrium (seed %i)', async (seed) => {
    const ms = (await untaxed(seed)).slice(0, 20);
    const attendance = lastMean(ms, 'attendance', 5);
    console.log(`seed ${seed}: mean attendance ${ms[0].attendance.toFixed(2)} untrained, ${attendance.toFixed(2)} over iterations 16-20`);
    expect(ms.every((m) => m.theta === 0)).toBe(true);
    expect(Math.abs(attendance - C)).toBeLessThanOrEqual(0.1 * C);
    // Learning, not luck: attendance moved towards C from where the untrained policy started.
    expect(Math.abs(attendance - C)).toBeLessThan(Math.abs(ms[0].attendance - C));
  });
});

describe('the Tobin tax', () => {
  // Measured over 40 iterations (mean std(D) of the last 10), seeds 1-4: tax at the cap
  // 0.74 0.98 0.83 1.45, no tax 1.55 1.53 1.57 1.57. The tax makes switching costly, so the
  // traders' shared policy turns sticky sooner and the markets settle into stable roles.
  it('at the cap ends with lower volatility than no tax on the same seeds', async () => {
    const seeds = [1, 2, 3, 4];
    const taxed: number[] = [];
    const untaxedStd: number[] = [];
    for (const seed of seeds) {
      taxed.push(lastMean(await train({ seed, leader: 'fixed', tau: 0.1 }, 40), 'volatility', 10));
      untaxedStd.push(lastMean(await untaxed(seed), 'volatility', 10));
    }
    console.log(`std(D), iterations 31-40: tau = 0.1 ${taxed.map((v) => v.toFixed(2)).join(' ')}; no tax ${untaxedStd.map((v) => v.toFixed(2)).join(' ')}`);
    expect(mean(taxed)).toBeLessThan(0.85 * mean(untaxedStd));
  });
});

describe('the PPO leader', () => {
  // Each market's tax comes straight out of its traders' rewards, so welfare tells the leader
  // about its own tax at once: the welfare leader should cut tau, the adversarial one raise it.
  // Measured (mean tau of the last 5 of 30 iterations), seeds 1-3: welfare 0.017 0.040 0.015,
  // adversarial 0.050 0.089 0.074.
  it('learns from its objective: welfare ends with a lower tax than adversarial on the same seeds', async () => {
    const leader = { leader: 'ppo', leaderWarmup: 0, leaderEvery: 1 };
    const welfare: number[] = [];
    const adversarial: number[] = [];
    for (const seed of [1, 2, 3]) {
      welfare.push(lastMean(await train({ ...leader, seed, objective: 'welfare' }, 30), 'theta', 5));
      adversarial.push(lastMean(await train({ ...leader, seed, objective: 'adversarial' }, 30), 'theta', 5));
      console.log(`seed ${seed}: tau ${welfare[welfare.length - 1].toFixed(4)} for welfare, ${adversarial[adversarial.length - 1].toFixed(4)} adversarial`);
    }
    expect(mean(welfare)).toBeLessThan(mean(adversarial) - 0.01);
  });
});
