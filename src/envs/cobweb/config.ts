/**
 * Parameters of the cobweb market with bounded-rational producers (Hommes et al. 2007; Evans
 * and Ganesh, arXiv 2402.00787) and its calibration target: one schema, types inferred from
 * it, defaults beside it. Symbols as in the environment's README.
 */
import { ON_VALID_FIELDS } from '../../scenario/cross-field';
import { z } from 'zod';
import { calibrationShape } from '../calibration/config';
import { CALIBRATION_PPO_DEFAULTS, ppoShape, seedShape } from '../../scenario/shapes';
import { checkTargetData, PRICES } from './data';

/**
 * Highest lambda (KL weight) a producer can have; lambda's units are those of reward / 1300.
 * Measured (README): price std rises from 0.69 at lambda = 0 through 1.37 at 0.1 to 1.55 at
 * 0.3, where predictions are close to random (1.62 at lambda = 1); a wider box would spend
 * most of the calibrator's range where prices no longer change.
 */
export const LAMBDA_MAX = 0.3;

export const cobwebShape = {
  n: z.number().int().min(2).max(20).default(6).describe('producers per market'),
  noiseStd: z.number().min(0).max(5).default(0.5).describe('std of the price noise eps_t'),
  horizon: z.number().int().min(8).max(512).default(64).describe('steps per episode'),
  ...calibrationShape({
    lambdaMax: LAMBDA_MAX,
    markets: 8,
    mu: 0.2,
    sigma: 0.05,
    targetMu: 0.1,
    targetSigma: 0.05,
    targetMarkets: 4,
    units: 'reward / 1300 units',
    copies: 'markets',
    series: PRICES,
  }),
  landscapeEvery: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(25)
    .describe('iterations between fit landscapes (W1 to the target over an 11 x 11 grid of (mu, sigma), with the trained producers), also drawn at the last; 0: none'),
};

export const cobwebParamsSchema = z.object(cobwebShape);
export type CobwebParams = z.infer<typeof cobwebParamsSchema>;

export const cobwebScenarioSchema = z
  .object({
    env: z.literal('cobweb'),
    ...seedShape,
    ...ppoShape(CALIBRATION_PPO_DEFAULTS),
    ...cobwebShape,
  })
  .superRefine(checkTargetData, ON_VALID_FIELDS);
export type CobwebScenario = z.infer<typeof cobwebScenarioSchema>;
