/**
 * Parameters of the beer-game supply chain with bounded-rational stages (Sterman 1989; Evans
 * and Ganesh, arXiv 2402.00787) and its calibration target: one schema, types inferred from
 * it, defaults beside it. Symbols as in the environment's README.
 */
import { ON_VALID_FIELDS } from '../../scenario/cross-field';
import { z } from 'zod';
import { calibrationShape, calibrationWorkload } from '../calibration/config';
import type { IterationWork } from '../../engine/resource-limit';
import { CALIBRATION_PPO_DEFAULTS, ppoShape, seedShape } from '../../scenario/shapes';
import { checkTargetData, ORDERS } from './data';
import { checkDemandVaries, DEMANDS } from './demand';
import { STAGES } from './model';

/**
 * Highest lambda (KL weight) a stage can have, in units of reward = -cost / COST_SCALE. See the
 * README for the measurements behind it.
 */
export const LAMBDA_MAX = 0.5;

/**
 * The stages' discount factor. A stage's order reaches its inventory tau_k = 2-3 weeks later (at
 * the default delays) and its cost lands then; 0.9 looks about 10 weeks ahead, and keeps the
 * critic's values O(1) with COST_SCALE (at 0.99 the values were O(100) and the critic, at
 * alpha_F 1e-3, took hundreds of updates to reach them).
 */
export const DISCOUNT = 0.9;

/**
 * Costs are divided by this for learning: a stage's steady-state cost of 6 a week is worth
 * 6 / 80 / (1 - DISCOUNT) = 0.75 discounted.
 */
export const COST_SCALE = 80;

/**
 * The stages' alpha_F: at the engine's 1e-3 their entropy was still 1.70 nats after 60
 * iterations; at 2e-3 the rational stages' fell below ln 9 / 2 within the default 160 (README).
 */
export const FOLLOWER_LR = 2e-3;

export const supplyChainShape = {
  horizon: z.number().int().min(8).max(512).default(52).describe('weeks per game (episode)'),
  demand: z.enum(DEMANDS).default('iid').describe("customer demand: iid N(m, s) rounded, Sterman's step (m / 2, then m from week 5), or seasonal"),
  demandMean: z.number().min(1).max(50).default(8).describe('m: mean weekly demand (units)'),
  demandStd: z.number().min(0).max(20).default(2).describe('s: std of the weekly demand noise (units)'),
  seasonAmplitude: z.number().min(0).max(50).default(4).describe('A: amplitude of seasonal demand (units)'),
  seasonPeriod: z.number().int().min(2).max(520).default(26).describe('P: period of seasonal demand (weeks)'),
  shipDelay: z.number().int().min(1).max(8).default(2).describe('L: shipping delay between stages (weeks)'),
  productionDelay: z.number().int().min(1).max(8).default(2).describe("L_prod: the factory's production delay (weeks)"),
  orderDelay: z.number().int().min(1).max(8).default(1).describe('d: delay before an order is seen upstream (weeks)'),
  holdingCost: z.number().min(0).max(10).default(0.5).describe('h: cost per unit on hand per week'),
  backlogCost: z.number().min(0).max(20).default(1).describe('p: cost per unit of backlog per week'),
  initialInventory: z.number().min(0).max(200).default(12).describe('I_0: units on hand at every stage at the start of a game'),
  ...calibrationShape({
    lambdaMax: LAMBDA_MAX,
    markets: 8,
    mu: 0.2,
    sigma: 0.05,
    targetMu: 0.1,
    targetSigma: 0.05,
    targetMarkets: 4,
    units: 'KL weight against the normalised advantage',
    copies: 'chains',
    series: ORDERS,
  }),
};

export const supplyChainParamsSchema = z.object(supplyChainShape);
export type SupplyChainParams = z.infer<typeof supplyChainParamsSchema>;

/** What an iteration holds: the 4 stages of every chain (a constant, not a field) for horizon weeks. */
export const supplyChainWorkload = (p: Omit<Parameters<typeof calibrationWorkload>[0], 'n'>): IterationWork => calibrationWorkload({ ...p, n: STAGES }, 'stages');

export const supplyChainScenarioSchema = z
  .object({
    env: z.literal('supply-chain'),
    ...seedShape,
    ...ppoShape({ ...CALIBRATION_PPO_DEFAULTS, followerLr: FOLLOWER_LR }),
    ...supplyChainShape,
  })
  .superRefine(checkDemandVaries, ON_VALID_FIELDS)
  .superRefine(checkTargetData, ON_VALID_FIELDS);
export type SupplyChainScenario = z.infer<typeof supplyChainScenarioSchema>;
