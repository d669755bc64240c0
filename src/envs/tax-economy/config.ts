/**
 * Parameters of the tax economy (ADAGE section 4.1, a TaxAI-like Bewley-Aiyagari economy):
 * one schema, types inferred from it, defaults beside it. Symbols as in the environment's README.
 */
import { z } from 'zod';
import { ppoBytesPerAgentStep, type IterationWork } from '../../engine/resource-limit';
import { PPO_DEFAULTS, ppoShape, seedShape } from '../../scenario/shapes';

/** theta = (tau_i, xi_i, tau_a, xi_a): income tax level and progressivity, then the asset tax's. */
export const THETA_NAMES = ['tauI', 'xiI', 'tauA', 'xiA'] as const;
export const THETA_DIM = THETA_NAMES.length;

const share = (what: string, value: number) => z.number().min(0).max(1).default(value).describe(what);

export const taxEconomyShape = {
  households: z.number().int().min(2).max(1000).default(30).describe('households N per economy'),
  economies: z.number().int().min(1).max(32).default(4).describe("economies whose taxes the government sets"),
  horizon: z.number().int().min(8).max(512).default(32).describe('steps per episode'),
  rho: z.number().min(0).max(0.99).default(0.9).describe('persistence rho of log productivity'),
  sigmaE: z.number().min(0).max(1).default(0.2).describe('std of the productivity shock'),
  zeta: z.number().min(0).max(5).default(1).describe('zeta: inverse Frisch elasticity of work'),
  initialAssets: z.number().min(0).max(100).default(1).describe('mean assets per household at the start of each episode'),
  wealthSigma: z.number().min(0).max(3).default(1.5).describe('sigma of the log-normal initial wealth (0: everyone equal; 1.5: Gini 0.71)'),
  tauI: share('income tax level tau_i (fixed leader)', 0.2),
  xiI: share('income tax progressivity xi_i (fixed leader)', 0),
  tauA: share('asset tax level tau_a (fixed leader)', 0),
  xiA: share('asset tax progressivity xi_a (fixed leader)', 0),
  flatTax: share('rate of the flat income tax in the reference economy', 0.2),
  seeds: z.number().int().min(1).max(8).default(1).describe('runs side by side, seeds seed, seed + 1, ...: figures are their mean, the welfare band spans them'),
};

export const taxEconomyParamsSchema = z.object(taxEconomyShape);
export type TaxEconomyParams = z.infer<typeof taxEconomyParamsSchema>;

/**
 * What an iteration holds (resource-limit.ts): households in each economy the government sets
 * and the two reference economies (free market, flat tax), for horizon steps; the seeds' runs
 * play in turn, each with its own rollout.
 */
export const taxEconomyWorkload = (p: { households: number; economies: number; horizon: number; hidden: number; seeds: number }): IterationWork => ({
  factors: [
    { label: 'households', value: p.households },
    { label: '(economies + 2)', value: p.economies + 2 },
    { label: 'horizon', value: p.horizon },
  ],
  bytesPerAgentStep: ppoBytesPerAgentStep(p.hidden, { runs: p.seeds }),
  at: [`hidden = ${p.hidden}`, `seeds = ${p.seeds}`],
  fields: ['households', 'economies', 'horizon', 'hidden', 'seeds'],
});

/** What the government may aim for: policy design, or its adversarial twin. */
/**
 * The government updates after every episode: its economies then share that episode's shocks
 * (common across copies), and PPO's advantage normalisation over the batch compares its taxes
 * on them alone. Over two episodes the episodes' luck (about 0.05 in welfare, more than the
 * taxes' effect) entered the comparison.
 */
const TAX_PPO_DEFAULTS = { ...PPO_DEFAULTS, leaderEvery: 1 };

export const TAX_OBJECTIVES = ['welfare', 'adversarial'] as const;

export const taxEconomyScenarioSchema = z
  .object({
    env: z.literal('tax-economy'),
    ...seedShape,
    ...ppoShape(TAX_PPO_DEFAULTS),
    ...taxEconomyShape,
    objective: z.enum(TAX_OBJECTIVES).default('welfare').describe("the government's objective"),
  });
export type TaxEconomyScenario = z.infer<typeof taxEconomyScenarioSchema>;
