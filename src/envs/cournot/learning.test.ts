/**
 * Learning firms against the theory, with fixed seeds (wasm backend), small runs: firms with
 * lambda = 0 end near the Nash quantity q*, and one shared policy trained on a broad spread of
 * lambda_i moves toward the uniform prior as lambda grows (monotone), evaluated at fixed lambda.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cournotScenarioSchema } from './config';
import { mean } from '../../engine/metrics';
import { useNodeBackend } from '../../engine/node-backend';
import { type IterationMetrics } from '../../engine/stackelberg';
import { LAMBDA_MAX } from './config';
import { klToUniform } from '../cobweb/model';
import { nashQuantity } from './model';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

/** Small: n = 4, 2 + 1 + 1 markets, 32 steps, hidden 16 (defaults otherwise: a = 100, b = 1, c = 10, qMax = 40, K = 21). */
const SMALL = { n: 4, markets: 2, targetMarkets: 1, horizon: 32, hidden: 16 };
/** std of q under the uniform prior over 0, 2, ..., 40. */
const UNIFORM_Q_STD = Math.sqrt(Array.from({ length: 21 }, (_, k) => (2 * k - 20) ** 2).reduce((s, x) => s + x, 0) / 21);

describe('rational firms (lambda = 0)', () => {
  it('end within 15% of the Nash quantity, and concentrated (not the uniform prior, whose mean 20 is also near q* = 18)', async () => {
    const ITERATIONS = 120;
    const trainer = trainerOf(cournotScenarioSchema.parse({ env: 'cournot', seed: 1, leader: 'none', targetMu: 0, targetSigma: 0, ...SMALL }));
    const ms: IterationMetrics[] = [];
    try {
      for (let i = 0; i < ITERATIONS; i++) ms.push(await trainer.iterate());
    } finally {
      trainer.dispose();
    }
    const qStar = nashQuantity({ a: 100, b: 1 }, 4, 10);
    const last = (k: string) => mean(ms.slice(-10).map((m) => m.envMetrics[k]));
    const q = last('quantityRational');
    const spread = last('quantityStdRational');
    console.log(
      `lambda = 0, iterations ${ITERATIONS - 9}-${ITERATIONS}: rational market q ${q.toFixed(2)}, calibrator's markets (leader off) q ${last('quantityCalibrated').toFixed(2)}, ` +
        `q* ${qStar}; std of q_i,t ${ms[0].envMetrics.quantityStdRational.toFixed(2)} at iteration 1, ${spread.toFixed(2)} (uniform ${UNIFORM_Q_STD.toFixed(2)}); ` +
        `price ${last('priceMean').toFixed(2)} (P* 28); profit ${last('profitRational').toFixed(1)} (pi* 324)`,
    );
    expect(ms.every((m) => m.envMetrics.lambdaMean === 0)).toBe(true);
    expect(Math.abs(q - qStar)).toBeLessThan(0.15 * qStar);
    expect(Math.abs(last('quantityCalibrated') - qStar)).toBeLessThan(0.15 * qStar);
    expect(spread).toBeLessThan(0.4 * UNIFORM_Q_STD);
  });
});

describe('one policy over lambda_i', () => {
  it('moves toward the uniform prior as lambda grows: KL to uniform falls and the spread of q rises, strictly', async () => {
    const ITERATIONS = 120;
    // lambda_i ~ N(0.5, 0.5) truncated to [0, LAMBDA_MAX] in the calibrator's and the target's markets, 0 in the rational one.
    const trainer = trainerOf(
      cournotScenarioSchema.parse({ env: 'cournot', seed: 2, leader: 'fixed', mu: 0.5, sigma: 0.5, targetMu: 0.5, targetSigma: 0.5, ...SMALL, markets: 4 }),
    );
    const lambdas = [0, 0.25, 0.5, 1].map((x) => x * LAMBDA_MAX);
    const kl: number[] = [];
    const spread: number[] = [];
    const q: number[] = [];
    try {
      for (let i = 0; i < ITERATIONS; i++) await trainer.iterate();
      // Frozen episodes with every calibrated firm at one lambda (sigma = 0): the policy's mean action distribution.
      for (const lambda of lambdas) {
        const { adaptive } = await trainer.probe(Float32Array.of(lambda, 0));
        const p = adaptive.actions.values;
        kl.push(klToUniform(p));
        q.push(p.reduce((s, x, k) => s + 2 * k * x, 0));
        spread.push(adaptive.metrics.envMetrics.quantityStdCalibrated);
      }
    } finally {
      trainer.dispose();
    }
    console.log(
      `after ${ITERATIONS} iterations on lambda_i ~ N(0.5, 0.5): ` +
        lambdas.map((l, i) => `lambda ${l}: KL(mean pi || uniform) ${kl[i].toFixed(3)}, std of q ${spread[i].toFixed(2)}, mean q ${q[i].toFixed(2)}`).join('; ') +
        ` (uniform: KL 0, std ${UNIFORM_Q_STD.toFixed(2)}, mean 20)`,
    );
    for (let i = 1; i < lambdas.length; i++) {
      expect(kl[i]).toBeLessThan(kl[i - 1]);
      expect(spread[i]).toBeGreaterThan(spread[i - 1]);
    }
    // At LAMBDA_MAX the policy is close to the prior: a tenth of the KL at lambda = 0 or less.
    expect(kl[lambdas.length - 1]).toBeLessThan(0.1 * kl[0]);
  });
});
