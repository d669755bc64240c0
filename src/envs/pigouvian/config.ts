/**
 * Parameters of the Pigouvian tax environment: one schema, types inferred from it, defaults
 * beside it, the cross-field rules and the memory workload. Symbols as in the README.
 */
import { z } from 'zod';
import { crossFieldIssue, forPeople, ON_VALID_FIELDS } from '../../scenario/cross-field';
import { ppoBytesPerAgentStep, type IterationWork } from '../../engine/resource-limit';
import { LEADER_KINDS, ppoShape, seedShape } from '../../scenario/shapes';
import { nashQuantity } from './model';

/**
 * Defaults a = 10, b = 1, c = 2, d = 4, n = 4: t* = 3, Q(t*) = Q° = 4, a tax well inside the box.
 * The box [tMin, tMax] = [-(a - c) / 2, a - c] = [-4, 8] holds every t* of these a and c: with
 * n >= 2 and 0 <= d < a - c, t* = d - (a - c - d) / n lies in [-(a - c) / 2, a - c); above a - c
 * nobody produces, so a higher tax changes nothing.
 */
export const pigouvianShape = {
  n: z.number().int().min(2).max(20).default(4).describe('firms per market'),
  a: z.number().gt(0).max(500).default(10).describe('demand intercept a: P = max(0, a_t - b Q)'),
  b: z.number().gt(0).max(100).default(1).describe('demand slope b'),
  c: z.number().min(0).max(500).default(2).describe('marginal cost c of every firm'),
  d: z.number().min(0).max(500).default(4).describe('damage d per unit of output, borne by others'),
  qMax: z.number().gt(0).max(1000).default(4).describe('largest quantity a firm can choose'),
  levels: z.number().int().min(3).max(101).default(21).describe('quantity levels K: 0, qMax / (K - 1), ..., qMax'),
  noiseStd: z.number().min(0).max(50).default(0).describe('std of the demand noise eps_t on the intercept: a_t = a + eps_t'),
  horizon: z.number().int().min(8).max(512).default(16).describe('steps per episode'),
  markets: z.number().int().min(1).max(64).default(8).describe('parallel markets'),
  tMin: z.number().min(-500).max(500).default(-4).describe('lowest tax per unit the leader may set (negative: a subsidy)'),
  tMax: z.number().min(-500).max(500).default(8).describe('highest tax per unit the leader may set'),
  t: z.number().min(-500).max(500).default(0).describe('tax per unit of the fixed leader'),
};

export const pigouvianParamsSchema = z.object(pigouvianShape);
export type PigouvianParams = z.infer<typeof pigouvianParamsSchema>;

/**
 * The market must be worth regulating and its equilibria reachable: c < a (else nobody
 * produces and the reward unit, the untaxed Nash profit, is 0); d < a - c (else the best output
 * is none and W° = 0, the leader's reward unit); tMin <= t <= tMax; and the Nash quantity at the
 * lowest tax, q(tMin) = (a - c - tMin) / (b (n + 1)), at most qMax, so every rational response
 * the leader can ask for is on the grid.
 */
export function checkPigouvianMarket(p: Pick<PigouvianParams, 'n' | 'a' | 'b' | 'c' | 'd' | 'qMax' | 'tMin' | 'tMax' | 't'>, ctx: z.RefinementCtx): void {
  if (p.c >= p.a) return crossFieldIssue(ctx, ['c', 'a'], `the marginal cost c = ${p.c} must be below the demand intercept a = ${p.a}: nobody would produce`, { named: true });
  if (p.d >= p.a - p.c) return crossFieldIssue(ctx, ['d', 'a', 'c'], `the damage d = ${p.d} must be below a - c = ${p.a - p.c}: otherwise the best output is none`, { named: true });
  if (p.tMin > p.tMax) return crossFieldIssue(ctx, ['tMin', 'tMax'], `tMin (${p.tMin}) must not exceed tMax (${p.tMax})`, { named: true });
  if (p.t < p.tMin || p.t > p.tMax) return crossFieldIssue(ctx, ['t', 'tMin', 'tMax'], `the fixed tax t = ${p.t} must lie in [tMin, tMax] = [${p.tMin}, ${p.tMax}]`, { named: true });
  const q = nashQuantity(p, p.n, p.tMin);
  // Every field q reads is named, so that a reader falling back field by field reaches the one to blame (a b of 5e-324).
  if (q > p.qMax) crossFieldIssue(ctx, ['qMax', 'tMin', 'b', 'a', 'c', 'n'], `qMax = ${p.qMax} is below the Nash quantity at the lowest tax, q(tMin) = ${forPeople(q)}: raise qMax or tMin (or b, c or n, or lower a)`, { named: true });
}

/** What an iteration holds (resource-limit.ts): n × markets × horizon agent-steps, every row distinct (own quantities differ). */
export const pigouvianWorkload = (p: { n: number; markets: number; horizon: number; hidden: number }): IterationWork => ({
  factors: [
    { label: 'n', value: p.n },
    { label: 'markets', value: p.markets },
    { label: 'horizon', value: p.horizon },
  ],
  bytesPerAgentStep: ppoBytesPerAgentStep(p.hidden),
  at: [`hidden = ${p.hidden}`],
  fields: ['n', 'markets', 'horizon', 'hidden'],
});

export const pigouvianScenarioSchema = z
  .object({
    env: z.literal('pigouvian'),
    ...seedShape,
    // Measured (README, Tests): the Bayesian-optimisation regulator, every 2 episodes after 40
    // (a PPO regulator, alpha_L 0.01 every 4 after 40, missed t* at one seed of three).
    ...ppoShape({ iterations: 200, leaderLr: 0.01, leaderEvery: 2, leaderWarmup: 40 }),
    leader: z.enum(LEADER_KINDS).default('bayesopt').describe('who sets t'),
    ...pigouvianShape,
  })
  .superRefine(checkPigouvianMarket, ON_VALID_FIELDS);
export type PigouvianScenario = z.infer<typeof pigouvianScenarioSchema>;
