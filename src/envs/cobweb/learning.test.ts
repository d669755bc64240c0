/**
 * Learning producers against the theory, with fixed seeds (wasm backend): with lambda = 0 they
 * predict near the rational-expectations price p*, and a larger lambda (a costlier departure
 * from predicting at random) makes prices more volatile.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cobwebScenarioSchema } from './config';
import { mean } from '../../engine/metrics';
import { useNodeBackend } from '../../engine/node-backend';
import { type IterationMetrics } from '../../engine/stackelberg';
import { rationalPrice } from './model';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

const ITERATIONS = 60;

/**
 * Every producer of every market at the same lambda (the fixed leader with sigma = 0, and the
 * target markets at the same lambda), apart from the rational reference market at 0.
 */
async function train(lambda: number, seed: number): Promise<IterationMetrics[]> {
  const trainer = trainerOf(
    cobwebScenarioSchema.parse({ env: 'cobweb', seed, leader: 'fixed', mu: lambda, sigma: 0, targetMu: lambda, targetSigma: 0, markets: 4, targetMarkets: 1 }),
  );
  const out: IterationMetrics[] = [];
  try {
    for (let i = 0; i < ITERATIONS; i++) out.push(await trainer.iterate());
  } finally {
    trainer.dispose();
  }
  return out;
}

const last = (ms: IterationMetrics[], f: (m: IterationMetrics) => number) => mean(ms.slice(-10).map(f));

describe('producers with lambda = 0, 0.1, 0.3', () => {
  const runs = new Map<number, Promise<IterationMetrics[]>>();
  const run = (lambda: number) => {
    if (!runs.has(lambda)) runs.set(lambda, train(lambda, 1));
    return runs.get(lambda)!;
  };

  it('with lambda = 0 predict within 0.3 of p*', async () => {
    const ms = await run(0);
    const pStar = rationalPrice(6);
    const prediction = last(ms, (m) => mean(m.envSnapshots.predictions));
    const untrained = mean(ms[0].envSnapshots.predictions);
    console.log(`lambda = 0: mean prediction ${untrained.toFixed(3)} untrained, ${prediction.toFixed(3)} over iterations ${ITERATIONS - 9}-${ITERATIONS}; p* = ${pStar.toFixed(3)}; |p-hat - p| ${last(ms, (m) => m.envMetrics.predictionError).toFixed(3)}`);
    expect(ms.every((m) => m.envMetrics.lambdaMean === 0)).toBe(true);
    expect(Math.abs(prediction - pStar)).toBeLessThan(0.3);
    // Learning, not the starting point: prediction errors fell.
    expect(last(ms, (m) => m.envMetrics.predictionError)).toBeLessThan(0.6 * ms[0].envMetrics.predictionError);
  });

  it('larger lambda gives more volatile prices (monotone over 0, 0.1, 0.3)', async () => {
    const lambdas = [0, 0.1, 0.3];
    const std: number[] = [];
    for (const lambda of lambdas) std.push(last(await run(lambda), (m) => m.volatility));
    console.log(`std of p_t over an episode, iterations ${ITERATIONS - 9}-${ITERATIONS}: ${lambdas.map((l, i) => `lambda ${l}: ${std[i].toFixed(3)}`).join(', ')}`);
    expect(std[1]).toBeGreaterThan(std[0] + 0.1);
    expect(std[2]).toBeGreaterThan(std[1] + 0.05);
  });
});
