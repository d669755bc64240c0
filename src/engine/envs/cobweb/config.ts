/**
 * Parameters of the cobweb market with bounded-rational producers (Hommes et al. 2007; Evans
 * and Ganesh, arXiv 2402.00787) and its calibration target: one schema, types inferred from
 * it, defaults beside it. Symbols as in the environment's README.
 */
import { z } from 'zod';
import { ppoBytesPerAgentStep, type Workload } from '../resource-limit';
import { isCompressedText } from './data';

export const CALIBRATE = ['distribution', 'individual'] as const;
export const TARGETS = ['synthetic', 'data'] as const;

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
  markets: z.number().int().min(1).max(64).default(8).describe("markets whose lambdas the calibrator sets"),
  calibrate: z.enum(CALIBRATE).default('distribution').describe('what the calibrator sets: the distribution (mu, sigma) of lambda_i, or each lambda_i'),
  mu: z.number().min(0).max(LAMBDA_MAX).default(0.2).describe('mu of lambda_i ~ N(mu, sigma) truncated at 0 (reward / 1300 units), for the fixed leader'),
  sigma: z.number().min(0).max(LAMBDA_MAX).default(0.05).describe('sigma of lambda_i, for the fixed leader'),
  target: z.enum(TARGETS).default('synthetic').describe('what to fit: prices simulated with hidden (mu*, sigma*), or observed prices'),
  targetMu: z.number().min(0).max(LAMBDA_MAX).default(0.1).describe('hidden mu* of a synthetic target'),
  targetSigma: z.number().min(0).max(LAMBDA_MAX).default(0.05).describe('hidden sigma* of a synthetic target'),
  targetMarkets: z.number().int().min(1).max(32).default(4).describe('markets that simulate a synthetic target'),
  /** Observed prices, compressed into the link (lz-string); see data.ts. */
  targetData: z.string().max(20_000).refine(isCompressedText, 'compressed prices hold only letters, digits, +, - and $').default('').describe('observed prices (compressed)'),
};

export const cobwebParamsSchema = z.object(cobwebShape);
export type CobwebParams = z.infer<typeof cobwebParamsSchema>;

/**
 * What an iteration holds (resource-limit.ts): n producers in each market the calibrator sets,
 * the rational reference market and the synthetic target's markets, for horizon steps.
 */
export const cobwebWorkload = (p: { n: number; markets: number; target: string; targetMarkets: number; horizon: number; hidden: number }): Workload => {
  const synthetic = p.target === 'synthetic';
  return {
    factors: [
      { label: 'n', value: p.n },
      synthetic ? { label: '(markets + 1 + targetMarkets)', value: p.markets + 1 + p.targetMarkets } : { label: '(markets + 1)', value: p.markets + 1 },
      { label: 'horizon', value: p.horizon },
    ],
    bytesPerAgentStep: ppoBytesPerAgentStep(p.hidden),
    at: [`hidden = ${p.hidden}`],
    fields: synthetic ? ['n', 'markets', 'targetMarkets', 'horizon', 'hidden'] : ['n', 'markets', 'horizon', 'hidden'],
  };
};
