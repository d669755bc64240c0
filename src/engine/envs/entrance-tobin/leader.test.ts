/**
 * The paper's experiment (ADAGE section 4.3) at c = 0.6, n = 10: a PPO leader minimising
 * volatility against the no-tax baseline, on the same seeds (wasm backend, 4 markets, 80
 * iterations). In its own file so it runs beside the other learning tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../../scenario/schema';
import { mean } from '../../metrics';
import { useNodeBackend } from '../../node-backend';
import { StackelbergTrainer, type IterationMetrics } from '../../stackelberg';

beforeAll(async () => {
  await useNodeBackend();
});

async function train(overrides: Record<string, unknown>, iterations: number): Promise<IterationMetrics[]> {
  const trainer = new StackelbergTrainer(scenarioSchema.parse({ env: 'entrance-tobin', n: 10, c: 0.6, markets: 4, horizon: 128, ...overrides }));
  const out: IterationMetrics[] = [];
  try {
    for (let i = 0; i < iterations; i++) out.push(await trainer.iterate());
  } finally {
    trainer.dispose();
  }
  return out;
}

const avg = (ms: IterationMetrics[], key: 'volatility' | 'theta') => mean(ms.map((m) => m[key]));

describe('the PPO leader minimising volatility', () => {
  // Measured, seeds 1-6 (std(D) over iterations 71-80): leader 0.85 0.66 0.60 0.57 0.67 0.68,
  // no tax 1.54 0.51 0.67 0.78 0.28 0.75; the leader's tau went from about 0.05 to 0.06-0.095.
  // The no-tax markets either settle into stable roles early or stay volatile for long; under
  // the learned tax every seed settles. Seed by seed the leader is lower in 4 of 6.
  it('raises the tax and ends with lower volatility than no tax on the same seeds', async () => {
    const seeds = [1, 2, 3, 4, 5, 6];
    const led: number[] = [];
    const baseline: number[] = [];
    const rise: number[] = [];
    for (const seed of seeds) {
      const ms = await train({ seed, leader: 'ppo', objective: 'volatility' }, 80);
      const base = await train({ seed, leader: 'none' }, 80);
      led.push(avg(ms.slice(-10), 'volatility'));
      baseline.push(avg(base.slice(-10), 'volatility'));
      rise.push(avg(ms.slice(-10), 'theta') - avg(ms.slice(0, 20), 'theta'));
      console.log(
        `seed ${seed}: std(D) ${led.at(-1)!.toFixed(3)} with the leader, ${baseline.at(-1)!.toFixed(3)} without tax; tau rose by ${rise.at(-1)!.toFixed(4)}`,
      );
    }
    expect(Math.min(...rise)).toBeGreaterThan(0);
    expect(mean(led)).toBeLessThan(mean(baseline));
    expect(Math.max(...led)).toBeLessThan(Math.max(...baseline));
  });
});
