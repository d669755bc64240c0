/**
 * The tax economy's headline comparison, in evaluation mode (StackelbergTrainer.evaluateAt: the
 * households frozen at their policy's mode, fresh economies, the same shocks for every tax
 * schedule): the government's learned taxes against the free market and against the best flat
 * income tax, found by a grid over flat rates.
 */
import { mean } from '../../engine/metrics';
import type { IterationMetrics, StackelbergTrainer } from '../../engine/stackelberg';
import { THETA_DIM } from './config';

/**
 * The flat income tax rates tried for the best flat tax: 0 to 0.9 by 0.05. (A grid that stopped
 * at 0.6 had its best at 0.6 on seed 1: frozen households barely work less under a flat tax, so
 * its best rate is high.)
 */
export const FLAT_GRID = Array.from({ length: 19 }, (_, k) => k / 20);

export interface TaxHeadline {
  /** The government's learned theta (its policy's mean, no exploration), mean over its economies. */
  theta: number[];
  /** Mean utility per household and step over the evaluation episodes. */
  welfareGov: number;
  welfareFree: number;
  welfareBestFlat: number;
  /** The best flat rate of FLAT_GRID, chosen on episodes of their own (not those reported). */
  bestFlatRate: number;
}

const flat = (rate: number) => Float32Array.of(rate, 0, 0, 0);

/**
 * The best rate of FLAT_GRID for the trained households: each rate played for `episodes`
 * frozen episodes on the same shocks (from `seed`), the one with the highest welfare.
 */
export async function bestFlatRate(trainer: StackelbergTrainer, episodes: number, seed: number): Promise<number> {
  const choice = [];
  for (const rate of FLAT_GRID) choice.push(mean((await trainer.evaluateAt(flat(rate), episodes, seed)).map((m) => m.envMetrics.welfareGov)));
  return FLAT_GRID[choice.indexOf(Math.max(...choice))];
}

/**
 * Evaluates a trained run: `episodes` episodes from `seed` choose the best flat rate, and
 * `episodes` others (from seed + 1) give the reported welfare of the learned taxes, the free
 * market (theta = 0) and that flat rate, all on the same shocks. Choosing and reporting on
 * separate draws keeps the flat tax's figure free of the luck that chose it.
 */
export async function evaluateTaxes(trainer: StackelbergTrainer, episodes: number, seed: number): Promise<TaxHeadline> {
  const welfare = async (theta: Float32Array, stream: number) => mean((await trainer.evaluateAt(theta, episodes, stream)).map((m) => m.envMetrics.welfareGov));
  const L = trainer.env.leaderCopies;
  const obs = new Float32Array(L * (trainer.env.leaderObsDim ?? 0));
  trainer.env.leaderObserve?.(obs);
  const perCopy = await trainer.leader.act(obs, L, false);
  const theta = Array.from({ length: THETA_DIM }, (_, k) => mean(Array.from({ length: L }, (_, e) => perCopy[e * THETA_DIM + k])));
  const rate = await bestFlatRate(trainer, episodes, seed);
  return {
    theta,
    welfareGov: await welfare(Float32Array.from(theta), seed + 1),
    welfareFree: await welfare(flat(0), seed + 1),
    welfareBestFlat: await welfare(flat(rate), seed + 1),
    bestFlatRate: rate,
  };
}

/** The streams evaluation mode's best flat tax chooses and plays on: its own, apart from the training's and the probe's. */
const FLAT_CHOICE_STREAM = 0x5eed_f1a7;

/**
 * Evaluation mode's figures of the best flat tax (PpoExperimentSpec.evaluated): the best rate of
 * the grid, chosen on episodes of its own, then played for as many episodes as the evaluation;
 * per episode its welfare, the rate, and the government's welfare in that evaluation episode
 * minus it (over a run's episodes, the mean gain of the learned taxes over the best flat one).
 */
export async function bestFlatFigures(trainer: StackelbergTrainer, s: { seed: number }, played: IterationMetrics[]): Promise<Record<string, number[]>> {
  const n = played.length;
  const rate = await bestFlatRate(trainer, n, FLAT_CHOICE_STREAM + s.seed);
  const atRate = (await trainer.evaluateAt(flat(rate), n, FLAT_CHOICE_STREAM + s.seed + 1)).map((m) => m.envMetrics.welfareGov);
  return {
    welfareBestFlat: atRate,
    bestFlatRate: atRate.map(() => rate),
    welfareGovOverBestFlat: played.map((m, k) => m.envMetrics.welfareGov - atRate[k]),
  };
}
