/**
 * A calibration run as the tests and the landscape benchmark judge it: train with the leader
 * exploring, then play evaluation iterations with the calibrator's learned choice (no
 * exploration noise; the producers keep learning) and average the figures over them.
 */
import { mean } from '../../engine/metrics';
import type { StackelbergTrainer } from '../../engine/stackelberg';
import type { CobwebEnv } from './env';

export interface Outcome {
  /** Means over the evaluation iterations. */
  mu: number;
  sigma: number;
  lambdaMean: number;
  /** Mean lambda_i of the hidden target markets, over the same episodes. */
  targetLambdaMean: number;
  w1: number;
  /** Table 1's errors at the last one: they pool a rolling window of 10 episodes, the evaluation's with 10 of them. */
  maeCalibrated: number;
  maeRational: number;
  maeRe: number;
}

export async function trainAndEvaluate(trainer: StackelbergTrainer, training: number, evaluation: number): Promise<Outcome> {
  const env = trainer.env as CobwebEnv;
  const figures: Record<string, number>[] = [];
  for (let i = 0; i < training + evaluation; i++) {
    trainer.leaderExplores = i < training;
    const { envMetrics } = await trainer.iterate();
    const hidden = env.lambda.subarray(env.population.firstTargetCopy * env.agents, env.copies * env.agents);
    if (i >= training) figures.push({ ...envMetrics, targetLambdaMean: mean(hidden) });
  }
  const avg = (k: string) => mean(figures.map((f) => f[k]));
  const last = figures[figures.length - 1];
  return {
    mu: avg('mu'),
    sigma: avg('sigma'),
    lambdaMean: avg('lambdaMean'),
    targetLambdaMean: avg('targetLambdaMean'),
    w1: avg('w1'),
    maeCalibrated: last.maeCalibrated,
    maeRational: last.maeRational,
    maeRe: last.maeRe,
  };
}

/** An outcome in one line, against the hidden mu* and sigma*. */
export const describeOutcome = (o: Outcome, muStar: number, sigmaStar: number) =>
  `mu ${o.mu.toFixed(3)} (mu* ${muStar}, ${((100 * (o.mu - muStar)) / muStar).toFixed(0)}%), sigma ${o.sigma.toFixed(3)} (sigma* ${sigmaStar}), ` +
  `mean lambda ${o.lambdaMean.toFixed(3)} (target's ${o.targetLambdaMean.toFixed(3)}), W1 ${o.w1.toFixed(3)}, ` +
  `quantile MAE calibrated ${o.maeCalibrated.toFixed(3)}, lambda = 0 ${o.maeRational.toFixed(3)}, RE ${o.maeRe.toFixed(3)}`;
