/**
 * Calibration against a synthetic target: prices from markets whose lambda_i ~ N(mu*, sigma*)
 * are hidden from the calibrator, which sets (mu, sigma) in its own markets to match their
 * distribution (reward: minus the 1-Wasserstein distance). Same learning simulator on both
 * sides, so the truth is known. Fixed seeds, wasm backend.
 *
 * What holds, and what does not (measured; see the README): the calibrated simulator's price
 * distribution beats both uncalibrated baselines by far, and the mean lambda_i it produces
 * follows the hidden one (in order; how closely varies with the seed); mu itself is NOT
 * reliably recovered within 25% (seed 1: -60% at mu* = 0.05, +7% at mu* = 0.2; seeds 2 and 3
 * missed both), because prices identify one number, the mean over a market's producers of the
 * price variance each adds, which saturates in lambda: (mu, sigma) are identified only along a
 * curve of the fit landscape on which the mean lambda rises as sigma grows (README), and the
 * calibrator ends anywhere on it (seed 3, mu* = 0.2: mu 0.000, sigma 0.298). With sigma known,
 * calibrate-mu.test.ts recovers mu.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cobwebScenarioSchema } from './config';
import { useNodeBackend } from '../../engine/node-backend';
import { trainerOf } from '../trainer';
import { describeOutcome as describeRun, trainAndEvaluate, type Outcome } from './calibrate.testing';

beforeAll(async () => {
  await useNodeBackend();
});

const TRAINING = 150;
const EVALUATION = 10;

/** Trains, then plays EVALUATION episodes with the calibrator's learned choice, noise off. */
async function calibrate(leader: 'ppo' | 'bayesopt', targetMu: number): Promise<Outcome> {
  const trainer = trainerOf(
    cobwebScenarioSchema.parse({ env: 'cobweb', seed: 1, leader, leaderLr: 0.01, leaderEvery: 1, targetMu, targetSigma: 0.02 }),
  );
  try {
    return await trainAndEvaluate(trainer, TRAINING, EVALUATION);
  } finally {
    trainer.dispose();
  }
}

const runs = new Map<string, Promise<Outcome>>();
function run(leader: 'ppo' | 'bayesopt', targetMu: number): Promise<Outcome> {
  const key = `${leader} ${targetMu}`;
  if (!runs.has(key)) runs.set(key, calibrate(leader, targetMu));
  return runs.get(key)!;
}

const describeOutcome = (o: Outcome, muStar: number) => describeRun(o, muStar, 0.02);

describe('the PPO calibrator on a synthetic target', () => {
  const settings = [0.05, 0.2];

  it.each(settings)('beats both uncalibrated baselines (mu* = %s)', async (muStar) => {
    const o = await run('ppo', muStar);
    console.log(`PPO, mu* = ${muStar}: ${describeOutcome(o, muStar)}; mu within 25% of mu*: ${Math.abs(o.mu - muStar) <= 0.25 * muStar}`);
    expect(o.maeCalibrated).toBeLessThan(0.5 * o.maeRational);
    expect(o.maeCalibrated).toBeLessThan(0.5 * o.maeRe);
  });

  // The mean lambda_i is what prices identify, yet how close it lands varies with the seed
  // (measured, mu* = 0.05 / 0.2: seed 1 0.034 / 0.211, seed 2 0.038 / 0.299, seed 3 0.029 /
  // 0.192 against about 0.05 / 0.20), so only its order is asserted.
  it('orders the two hidden settings: more bounded rationality found where there is more', async () => {
    const [low, high] = await Promise.all(settings.map((m) => run('ppo', m)));
    expect(high.lambdaMean).toBeGreaterThan(low.lambdaMean + 0.1);
  });
});

describe('RL and Bayesian-optimisation calibrators on the same scenario and budget', () => {
  it('both end below the uncalibrated baselines (mu* = 0.05)', async () => {
    const ppo = await run('ppo', 0.05);
    const bo = await run('bayesopt', 0.05);
    console.log(`PPO: ${describeOutcome(ppo, 0.05)}`);
    console.log(`BO:  ${describeOutcome(bo, 0.05)}`);
    for (const o of [ppo, bo]) {
      expect(o.maeCalibrated).toBeLessThan(o.maeRational);
      expect(o.maeCalibrated).toBeLessThan(o.maeRe);
    }
  });
});
