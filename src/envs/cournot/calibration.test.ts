/**
 * A short calibration against a synthetic target: prices from markets whose lambda_i ~
 * N(mu*, sigma*) are hidden from the PPO calibrator, which sets (mu, sigma) in its own markets
 * (reward: minus the 1-Wasserstein distance of its prices to the target's). Small and seeded: it
 * shows the shared machinery works for this environment, not how well mu* is recovered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cournotScenarioSchema } from './config';
import { mean } from '../../engine/metrics';
import { useNodeBackend } from '../../engine/node-backend';
import type { CournotEnv } from './env';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

const TRAINING = 80;
const EVALUATION = 10;

describe('the PPO calibrator on a synthetic target (mu* = 0.5, sigma* = 0.1)', () => {
  it('ends with price quantiles closer to the target than the rational market’s and the Nash equilibrium’s', async () => {
    const trainer = trainerOf(
      cournotScenarioSchema.parse({ env: 'cournot', seed: 1, leader: 'ppo', targetMu: 0.5, targetSigma: 0.1, n: 4, markets: 4, targetMarkets: 2, horizon: 32, hidden: 16 }),
    );
    const env = trainer.env as CournotEnv;
    const figures: Record<string, number>[] = [];
    try {
      for (let i = 0; i < TRAINING + EVALUATION; i++) {
        trainer.leaderExplores = i < TRAINING;
        const { envMetrics } = await trainer.iterate();
        figures.push({ ...envMetrics, targetLambda: mean(env.lambda.subarray(env.population.firstTargetCopy * env.agents)) });
      }
    } finally {
      trainer.dispose();
    }
    const evaluation = figures.slice(TRAINING);
    const avg = (k: string) => mean(evaluation.map((f) => f[k]));
    // The quantile errors pool a rolling window of 10 episodes: exactly the evaluation episodes.
    const last = figures[figures.length - 1];
    console.log(
      `after ${TRAINING} episodes, evaluation means: mu ${avg('mu').toFixed(3)}, sigma ${avg('sigma').toFixed(3)}, mean lambda ${avg('lambdaMean').toFixed(3)} (target's ${avg('targetLambda').toFixed(3)}), ` +
        `W1 ${avg('w1').toFixed(3)} (iterations 1-10: ${mean(figures.slice(0, 10).map((f) => f.w1)).toFixed(3)}); price std ${avg('priceStd').toFixed(2)} (target ${avg('targetStd').toFixed(2)}); ` +
        `quantile MAE calibrated ${last.maeCalibrated.toFixed(3)}, rational ${last.maeRational.toFixed(3)}, Nash ${last.maeNash.toFixed(3)}`,
    );
    expect(last.maeCalibrated).toBeLessThan(last.maeRational);
    expect(last.maeCalibrated).toBeLessThan(last.maeNash);
  });
});
