/**
 * The scenario fields every calibration shares (one zod shape, built per environment with its
 * own defaults and units), and what an iteration of one holds for the memory limit.
 */
import { z } from 'zod';
import { ppoBytesPerAgentStep, type IterationWork } from '../../engine/resource-limit';
import { CALIBRATE, TARGETS } from './population';
import { isCompressedText, MAX_VALUES, maxSeriesText, type SeriesKind } from './series-data';

export interface CalibrationDefaults {
  /** The largest lambda_i, in the units of the agents' scaled reward. */
  lambdaMax: number;
  markets: number;
  mu: number;
  sigma: number;
  targetMu: number;
  targetSigma: number;
  targetMarkets: number;
  /** lambda's units, in words (e.g. 'reward / 1300 units'). */
  units: string;
  /** What a copy is, in words: 'markets', 'chains'. */
  copies: string;
  /** The observed series a target can be. */
  series: SeriesKind;
}

/**
 * Copies per candidate of the Bayesian calibrator. W1 from one copy's 64-step episode is mostly
 * its sampling error (in the cobweb at mu* = 0.3: 0.268, 0.239, 0.246 from copies at mu = 0.2,
 * 0.25, 0.3, std about 0.09; 4 copies pooled 0.180, 0.143, 0.146, std 0.04 to 0.06), and mu
 * alone landed anywhere from 0.18 to 0.3 for mu* = 0.25 or 0.3; with 4 it was within 25% at
 * every mu* from 0.1 to 0.3 and seed tried (cobweb README, "Calibrating mu alone").
 */
export const REPLICATES = 4;

export function calibrationShape(d: CalibrationDefaults) {
  const lambda = z.number().min(0).max(d.lambdaMax);
  return {
    markets: z.number().int().min(1).max(64).default(d.markets).describe(`${d.copies} whose lambdas the calibrator sets`),
    replicates: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(REPLICATES)
      .describe(`${d.copies} that play each of the Bayesian calibrator's candidates together, their ${d.series.plural} pooled for its distance to the target`),
    calibrate: z.enum(CALIBRATE).default('distribution').describe("what the calibrator sets: the distribution (mu, sigma) of lambda_i, mu alone (sigma held at the scenario's sigma), or each lambda_i"),
    mu: lambda.default(d.mu).describe(`mu of lambda_i ~ N(mu, sigma) truncated at 0 (${d.units}), for the fixed leader`),
    sigma: lambda.default(d.sigma).describe("sigma of lambda_i, for the fixed leader, and held when calibrate = 'mu'"),
    target: z.enum(TARGETS).default('synthetic').describe('what to fit: a series simulated with hidden (mu*, sigma*), or observed data'),
    targetMu: lambda.default(d.targetMu).describe('hidden mu* of a synthetic target'),
    targetSigma: lambda.default(d.targetSigma).describe('hidden sigma* of a synthetic target'),
    targetMarkets: z.number().int().min(1).max(32).default(d.targetMarkets).describe(`${d.copies} that simulate a synthetic target`),
    /**
     * Observed values, compressed into the link (lz-string); see series-data.ts. A longer text
     * cannot hold a valid series, and is refused before it is decompressed.
     */
    targetData: z
      .string()
      .max(maxSeriesText(d.series))
      .refine(isCompressedText, `compressed ${d.series.plural} hold only letters, digits, +, - and $`)
      .default('')
      .describe(`observed ${d.series.plural}, at most ${MAX_VALUES}, compressed`),
  };
}

/**
 * What an iteration holds (resource-limit.ts): n agents in each copy the calibrator sets, the
 * rational reference copy and the synthetic target's copies, for horizon steps. `fixedAgents`:
 * how the message names n where it is a constant of the model rather than a scenario field
 * (the supply chain's 4 stages), so it is not offered as a field to lower.
 */
export const calibrationWorkload = (p: { n: number; markets: number; target: string; targetMarkets: number; horizon: number; hidden: number }, fixedAgents?: string): IterationWork => {
  const synthetic = p.target === 'synthetic';
  const copies: [string, ...string[]] = synthetic ? ['markets', 'targetMarkets', 'horizon', 'hidden'] : ['markets', 'horizon', 'hidden'];
  return {
    factors: [
      { label: fixedAgents ?? 'n', value: p.n },
      synthetic ? { label: '(markets + 1 + targetMarkets)', value: p.markets + 1 + p.targetMarkets } : { label: '(markets + 1)', value: p.markets + 1 },
      { label: 'horizon', value: p.horizon },
    ],
    bytesPerAgentStep: ppoBytesPerAgentStep(p.hidden),
    at: [`hidden = ${p.hidden}`],
    fields: fixedAgents ? copies : ['n', ...copies],
  };
};
