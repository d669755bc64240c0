/**
 * Parameters of the market entrance game with a Tobin tax: one schema, types inferred from it,
 * defaults beside it. Messages name the field and its allowed range.
 */
import { z } from 'zod';
import { crossFieldIssue, ON_VALID_FIELDS } from '../../scenario/cross-field';
import { ppoBytesPerAgentStep, type IterationWork } from '../../engine/resource-limit';
import { ppoShape, seedShape } from '../../scenario/shapes';

/** Hard bound on the tax rate from the paper (ADAGE section 4.3). */
export const TAU_LIMIT = 0.1;

export const entranceParamsShape = {
  n: z.number().int().min(2).max(1000).default(10).describe('traders per market'),
  c: z.number().min(0).max(1).default(0.6).describe('capacity as a share of traders, C = c n'),
  horizon: z.number().int().min(8).max(1024).default(128).describe('steps per episode'),
  markets: z.number().int().min(1).max(64).default(8).describe('parallel markets'),
  tauMin: z.number().min(0).max(TAU_LIMIT).default(0).describe('lowest tax the leader may set'),
  tauMax: z.number().min(0).max(TAU_LIMIT).default(TAU_LIMIT).describe('highest tax the leader may set'),
};

/** Cross-field rule shared by every schema that embeds these parameters. */
export function checkTauRange(p: { tauMin: number; tauMax: number }, ctx: z.RefinementCtx): void {
  if (p.tauMin > p.tauMax) crossFieldIssue(ctx, ['tauMin', 'tauMax'], `tauMin (${p.tauMin}) must not exceed tauMax (${p.tauMax})`, { named: true });
}

export const entranceParamsSchema = z.object(entranceParamsShape).superRefine(checkTauRange, ON_VALID_FIELDS);
export type EntranceParams = z.infer<typeof entranceParamsSchema>;

/**
 * What an iteration holds (resource-limit.ts): n × markets × horizon agent-steps. The traders of
 * a market see the same thing but their own last action, so the networks see few distinct rows
 * per market and step; but the update's per-row terms (log-probabilities, ratios, advantages)
 * and the gathered minibatches still grow with n. Measured as the tensors' peak in one iteration
 * (the conformance suite), hidden 64: 2,878 bytes per agent-step at n = 10, 2,202 at n = 20, 607
 * at n = 100; at n = 10 and hidden 256, 12,805: as if about 7 (n = 10) to 12 (n = 100) rows per
 * market and step reached the networks. 16 rows keeps the estimate above every one of them (the
 * 4 assumed before fell below the peak at n = 10 and 20).
 */
/** Rows per market and step the estimate counts as reaching the networks (see below). */
const DISTINCT_ROWS = 16;

export const entranceWorkload = (p: { n: number; markets: number; horizon: number; hidden: number }): IterationWork => ({
  factors: [
    { label: 'n', value: p.n },
    { label: 'markets', value: p.markets },
    { label: 'horizon', value: p.horizon },
  ],
  bytesPerAgentStep: ppoBytesPerAgentStep(p.hidden, { distinctShare: DISTINCT_ROWS / p.n }),
  at: [`hidden = ${p.hidden}`],
  fields: ['n', 'markets', 'horizon', 'hidden'],
});

/** What the learning leader may aim for. */
export const ENTRANCE_OBJECTIVES = ['volatility', 'welfare', 'adversarial'] as const;

export const entranceScenarioSchema = z
  .object({
    env: z.literal('entrance-tobin'),
    ...seedShape,
    ...ppoShape(),
    ...entranceParamsShape,
    objective: z.enum(ENTRANCE_OBJECTIVES).default('volatility').describe("the learning leader's objective"),
    tau: z.number().min(0).max(TAU_LIMIT).default(0.05).describe('tax rate of the fixed leader'),
  })
  .superRefine(checkTauRange, ON_VALID_FIELDS);
export type EntranceScenario = z.infer<typeof entranceScenarioSchema>;
