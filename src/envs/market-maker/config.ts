/**
 * Parameters of the market-making game (ADAGE section 4.4): one schema, types inferred from it,
 * defaults beside it. Symbols as in the environment's README.
 */
import { z } from 'zod';
import { crossFieldIssue, ON_VALID_FIELDS } from '../../scenario/cross-field';
import { ppoBytesPerAgentStep, type IterationWork } from '../../engine/resource-limit';
import { ppoShape, seedShape } from '../../scenario/shapes';

/** Half-spread levels the MM chooses from: 0, hMax / (LEVELS - 1), ..., hMax (price units). */
export const LEVELS = 21;

/** Preferences never in the default training set: how the conditional policy extrapolates. */
export const EXTRAPOLATION = [0.1, 0.6, 0.9];
/** Iterations between evaluations of the conditional MM and the baselines (Figure 8). */
export const EVAL_EVERY = 10;

/** A comma-separated list of numbers in [lo, hi], at least `min` of them. */
const numberList = (lo: number, hi: number, min: number, fallback: string, what: string) =>
  z
    .string()
    .max(200)
    .default(fallback)
    .describe(what)
    .refine((s) => {
      const xs = parseList(s);
      return xs.length >= min && xs.every((x) => Number.isFinite(x) && x >= lo && x <= hi);
    }, `a comma-separated list of numbers from ${lo} to ${hi}, at least ${min}`);

export const marketMakerShape = {
  n: z.number().int().min(1).max(1000).default(50).describe('liquidity takers per market'),
  sigma: z.number().min(0).max(10).default(0.1).describe('std sigma of the price shock per step'),
  /**
   * At least a tenth of a price unit (0.1% of p0): the MM observes (p_t - p0) / zeta, which has
   * no limit as zeta goes to 0. At 1e-300 it overflowed float32 to an infinity and the first
   * update was NaN throughout; at 0.1 and the largest sigma it is in the hundreds. Below 0.1 the
   * LTs' values are all but p0, and the best half spread (0.75 zeta at omega = 1) is finer than
   * the quote grid (hMax / 20 = 0.25 at the default hMax) anyway.
   */
  zeta: z.number().min(0.1).max(50).default(2).describe("std zeta of the LTs' private values around p0"),
  hMax: z.number().gt(0).max(100).default(5).describe('largest half spread the MM can quote'),
  markets: z.number().int().min(1).max(256).default(32).describe('markets played side by side, one MM each'),
  horizon: z.number().int().min(8).max(512).default(64).describe('steps per episode'),
  omegas: numberList(0, 1, 1, '0,0.25,0.5,0.75,1', 'the preferences omega the leader samples from'),
  prior: z.string().max(200).default('').describe("weights over the omegas for the 'prior' leader (empty: uniform)"),
  omega: z.number().min(0).max(1).default(0.5).describe('omega of the fixed leader'),
  baselines: z.boolean().default(true).describe('also train one MM at each omega of the set, for comparison'),
};

export const marketMakerParamsSchema = z.object(marketMakerShape);
export type MarketMakerParams = z.infer<typeof marketMakerParamsSchema>;

/** The numbers of a comma-separated list ('' is none; a blank item is NaN). */
export function parseList(s: string): number[] {
  return s.trim() === '' ? [] : s.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
}

/**
 * The scenario rule on `prior`: empty (uniform), or one non-negative weight per omega with a
 * positive sum. The message goes on the field.
 */
export function checkPrior(p: { omegas: string; prior: string }, ctx: z.RefinementCtx): void {
  const w = parseList(p.prior);
  if (w.length === 0) return;
  const k = parseList(p.omegas).length;
  if (w.length !== k || w.some((x) => !Number.isFinite(x) || x < 0) || w.reduce((a, b) => a + b, 0) <= 0) {
    crossFieldIssue(ctx, ['prior', 'omegas'], `one non-negative weight per omega (${k} of them), not all 0, or empty for uniform`);
  }
}

/**
 * What an iteration holds (resource-limit.ts): one market maker per market for horizon steps
 * (the liquidity takers are drawn afresh each step), and as many runs again, one per omega,
 * for the baselines, which play in turn.
 */
export const marketMakerWorkload = (p: { markets: number; horizon: number; hidden: number; baselines: boolean; omegas: string }): IterationWork => {
  const baselines = p.baselines ? parseList(p.omegas).length : 0;
  return {
    factors: [
      { label: 'markets', value: p.markets },
      { label: 'horizon', value: p.horizon },
    ],
    bytesPerAgentStep: ppoBytesPerAgentStep(p.hidden, { runs: 1 + baselines }),
    at: [`hidden = ${p.hidden}`, ...(baselines ? [`${baselines} baselines (one per omega)`] : [])],
    fields: ['markets', 'horizon', 'hidden', ...(baselines ? ['omegas'] : [])],
  };
};

/**
 * Who sets the market maker's preference omega: the robust-learning leader (maximum entropy over
 * the set), a user's prior over it, or one fixed omega.
 */
export const MARKET_MAKER_LEADERS = ['maxent', 'prior', 'fixed'] as const;

export const marketMakerScenarioSchema = z
  .object({
    env: z.literal('market-maker'),
    ...seedShape,
    ...ppoShape({ iterations: 200, leaderLr: 3e-3, leaderEvery: 1, leaderWarmup: 0 }),
    ...marketMakerShape,
    leader: z.enum(MARKET_MAKER_LEADERS).default('maxent').describe('who sets omega'),
  })
  .superRefine(checkPrior, ON_VALID_FIELDS);
export type MarketMakerScenario = z.infer<typeof marketMakerScenarioSchema>;
