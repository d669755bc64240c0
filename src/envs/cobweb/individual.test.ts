/**
 * Calibrating each producer's lambda_i (calibrate = 'individual': theta has n dimensions)
 * against a synthetic target with lambda_i ~ N(0.05, 0.02). Fixed seed, wasm backend.
 *
 * What holds: the calibrator moves its markets' lambda_i from the warm-up's broad spread
 * (mean about 0.15) down to the hidden level, and its price distribution then beats both
 * uncalibrated baselines. What does not: W1 per episode does not fall steadily over training,
 * because the target moves too (it comes from the same learning producers: early in training
 * every market is near random, so everything is close to everything); it is printed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cobwebScenarioSchema } from './config';
import { mean } from '../../engine/metrics';
import { useNodeBackend } from '../../engine/node-backend';
import type { CobwebEnv } from './env';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

const TRAINING = 150;
const EVALUATION = 10;

describe('individual lambda_i calibration', () => {
  it('moves each market’s lambda_i to the hidden level and beats both baselines', async () => {
    const trainer = trainerOf(
      cobwebScenarioSchema.parse({ env: 'cobweb', seed: 1, calibrate: 'individual', leader: 'ppo', leaderLr: 0.01, leaderEvery: 1, targetMu: 0.05, targetSigma: 0.02 }),
    );
    const env = trainer.env as CobwebEnv;
    const figures: Record<string, number>[] = [];
    let thetaSum = new Float64Array(env.agents);
    try {
      for (let i = 0; i < TRAINING + EVALUATION; i++) {
        trainer.leaderExplores = i < TRAINING;
        const { envMetrics } = await trainer.iterate();
        figures.push({ ...envMetrics, target: mean(env.lambda.subarray(env.population.firstTargetCopy * env.agents)) });
        if (i >= TRAINING) for (let e = 0; e < env.leaderCopies; e++) for (let k = 0; k < env.agents; k++) thetaSum[k] += env.theta[e * env.agents + k];
      }
    } finally {
      trainer.dispose();
    }
    thetaSum = thetaSum.map((s) => s / (EVALUATION * env.leaderCopies));
    const avg = (from: number, to: number, k: string) => mean(figures.slice(from, to).map((f) => f[k]));
    const end = TRAINING + EVALUATION;
    const warmup = avg(0, 20, 'lambdaMean');
    const learned = avg(TRAINING, end, 'lambdaMean');
    const hidden = avg(TRAINING, end, 'target');
    const last = figures[end - 1];
    console.log(
      `individual: mean lambda ${warmup.toFixed(3)} in the warm-up, ${learned.toFixed(3)} learned (target's ${hidden.toFixed(3)}); ` +
        `lambda_i per producer ${Array.from(thetaSum, (v) => v.toFixed(3)).join(' ')}; ` +
        `W1 ${avg(0, 20, 'w1').toFixed(3)} (iterations 1-20), ${avg(TRAINING - 20, TRAINING, 'w1').toFixed(3)} (${TRAINING - 19}-${TRAINING}), ${avg(TRAINING, end, 'w1').toFixed(3)} (evaluation); ` +
        `quantile MAE calibrated ${last.maeCalibrated.toFixed(3)}, lambda = 0 ${last.maeRational.toFixed(3)}, RE ${last.maeRe.toFixed(3)}`,
    );
    expect(figures.every((f) => Number.isNaN(f.mu) && Number.isNaN(f.sigma))).toBe(true);
    expect(Math.abs(learned - hidden)).toBeLessThan(0.5 * Math.abs(warmup - hidden));
    expect(last.maeCalibrated).toBeLessThan(last.maeRational);
    expect(last.maeCalibrated).toBeLessThan(last.maeRe);
  });
});
