/**
 * Parameters of the Cournot oligopoly with bounded-rational firms (Evans and Ganesh, arXiv
 * 2402.00787) and its calibration target: one schema, types inferred from it, defaults beside
 * it, and the cross-field rules. Symbols as in the environment's README.
 */
import { z } from 'zod';
import { calibrationShape } from '../calibration/config';
import { CALIBRATION_PPO_DEFAULTS, ppoShape, seedShape } from '../../scenario/shapes';
import { crossFieldIssue, forPeople, ON_VALID_FIELDS } from '../../scenario/cross-field';
import { checkCournotTargetData, COURNOT_PRICES } from './data';
import { firmCosts, nashQuantities } from './model';

/**
 * Highest lambda (KL weight) a firm can have, in units of profit / pi* (the symmetric Nash
 * profit). Measured (README): the policy's KL to uniform falls from about 2 at lambda = 0 to
 * near 0 by LAMBDA_MAX; a wider box would spend the calibrator's range where nothing changes.
 */
export const LAMBDA_MAX = 1;

export const cournotShape = {
  n: z.number().int().min(2).max(20).default(4).describe('firms per market'),
  a: z.number().gt(0).max(500).default(100).describe('demand intercept a: P = max(0, a_t - b Q)'),
  b: z.number().gt(0).max(100).default(1).describe('demand slope b'),
  c: z.number().min(0).max(500).default(10).describe('mean marginal cost c'),
  costSpread: z.number().min(0).max(250).default(0).describe('marginal costs c_i spread evenly over [c - spread, c + spread]'),
  qMax: z.number().gt(0).max(1000).default(40).describe('largest quantity a firm can choose'),
  levels: z.number().int().min(3).max(101).default(21).describe('quantity levels K: 0, qMax / (K - 1), ..., qMax'),
  noiseStd: z.number().min(0).max(50).default(2).describe('std of the demand noise eps_t on the intercept: a_t = a + eps_t'),
  horizon: z.number().int().min(8).max(512).default(32).describe('steps per episode'),
  ...calibrationShape({
    lambdaMax: LAMBDA_MAX,
    markets: 8,
    mu: 0.5,
    sigma: 0.1,
    targetMu: 0.2,
    targetSigma: 0.05,
    targetMarkets: 4,
    units: 'profit / pi* units',
    copies: 'markets',
    series: COURNOT_PRICES,
  }),
};

/** The market's numbers the rules below need. */
type Market = { n: number; a: number; b: number; c: number; costSpread: number; qMax: number };

/**
 * The market must be worth entering and its equilibrium reachable: c < a (else the Nash profit
 * pi* that scales rewards is 0), every c_i >= 0, and every Nash quantity q_i* within [0, qMax].
 */
export function checkCournotMarket(p: Market, ctx: z.RefinementCtx): void {
  if (p.c >= p.a) return crossFieldIssue(ctx, ['c', 'a'], `the marginal cost c = ${p.c} must be below the demand intercept a = ${p.a}: nobody would produce`, { named: true });
  if (p.costSpread > p.c) return crossFieldIssue(ctx, ['costSpread', 'c'], `costSpread = ${p.costSpread} exceeds c = ${p.c}: the cheapest firm's cost c - costSpread would be negative`, { named: true });
  const qStar = Math.max(...nashQuantities(p, firmCosts(p.n, p.c, p.costSpread)));
  // Every field q* reads is named, so that a reader falling back field by field reaches the one to blame.
  if (qStar > p.qMax) crossFieldIssue(ctx, ['qMax', 'b', 'a', 'c', 'n', 'costSpread'], `qMax = ${p.qMax} is below the largest Nash quantity q* = ${forPeople(qStar)}: raise qMax (or lower a, raise b, c or n)`, { named: true });
}

export const cournotParamsSchema = z.object(cournotShape);
export type CournotParams = z.infer<typeof cournotParamsSchema>;

export const cournotScenarioSchema = z
  .object({
    env: z.literal('cournot'),
    ...seedShape,
    ...ppoShape(CALIBRATION_PPO_DEFAULTS),
    ...cournotShape,
  })
  .superRefine(checkCournotMarket, ON_VALID_FIELDS)
  .superRefine(checkCournotTargetData, ON_VALID_FIELDS);
export type CournotScenario = z.infer<typeof cournotScenarioSchema>;
