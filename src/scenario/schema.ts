/**
 * The Scenario: everything that defines a run (environment, leader, learning rates, seed).
 * One zod schema per environment, discriminated by `env`, types inferred from it, defaults
 * beside it; validated at every boundary (URL, CLI, worker API). Keys are flat and camelCase
 * so a URL stays readable.
 */
import { z } from 'zod';
import { calibrationWorkload } from '../envs/calibration/config';
import { cobwebShape } from '../envs/cobweb/config';
import { checkTargetData } from '../envs/cobweb/data';
import { checkCournotMarket, cournotShape } from '../envs/cournot/config';
import { checkCournotTargetData } from '../envs/cournot/data';
import { supplyChainShape, supplyChainWorkload } from '../envs/supply-chain/config';
import { checkTargetData as checkOrdersData } from '../envs/supply-chain/data';
import { checkFixedTau, entranceDiffShape, entranceDiffWorkload } from '../envs/entrance-diff/config';
import { checkTauRange, entranceParamsShape, entranceWorkload, TAU_LIMIT } from '../envs/entrance-tobin/config';
import { checkPrior, marketMakerShape, marketMakerWorkload } from '../envs/market-maker/config';
import { checkWorkload, type Workload } from '../engine/resource-limit';
import { taxEconomyShape, taxEconomyWorkload } from '../envs/tax-economy/config';


/** Bumped when a shared link would otherwise be misread; see codec.ts for migrations. */
export const SCENARIO_VERSION = 1;

export const LEADER_KINDS = ['ppo', 'bayesopt', 'fixed', 'none'] as const;
export type LeaderKind = (typeof LEADER_KINDS)[number];
/** What the market entrance game's learning leader may aim for. */
export const ENTRANCE_OBJECTIVES = ['volatility', 'welfare', 'adversarial'] as const;
/** What the tax economy's government may aim for: policy design, or its adversarial twin. */
export const TAX_OBJECTIVES = ['welfare', 'adversarial'] as const;

const seedShape = {
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1).describe('random seed'),
};

/** Defaults of a PPO experiment's run and leader, which an environment may tune. */
const PPO_DEFAULTS = { iterations: 200, leaderLr: 3e-3, leaderEvery: 2, leaderWarmup: 20 };

/** A PPO experiment's run, leader and follower learning (environments with RL followers). */
const ppoShape = (d = PPO_DEFAULTS) => ({
  iterations: z.number().int().min(1).max(100_000).default(d.iterations).describe('training iterations (episodes)'),
  leader: z.enum(LEADER_KINDS).default('ppo').describe('who sets theta'),
  leaderLr: z.number().gt(0).max(1).default(d.leaderLr).describe('alpha_L, leader learning rate'),
  leaderEvery: z.number().int().min(1).max(100).default(d.leaderEvery).describe('episodes between leader updates'),
  leaderWarmup: z.number().int().min(0).max(100_000).default(d.leaderWarmup).describe('episodes of follower learning before the first leader update'),
  followerLr: z.number().gt(0).max(1).default(1e-3).describe('alpha_F, follower learning rate'),
  hidden: z.number().int().min(4).max(512).default(64).describe('units in each of the 2 hidden layers'),
});

export const entranceScenarioSchema = z
  .object({
    env: z.literal('entrance-tobin'),
    ...seedShape,
    ...ppoShape(),
    ...entranceParamsShape,
    objective: z.enum(ENTRANCE_OBJECTIVES).default('volatility').describe("the learning leader's objective"),
    tau: z.number().min(0).max(TAU_LIMIT).default(0.05).describe('tax rate of the fixed leader'),
  })
  .superRefine(checkTauRange)
  .superRefine(checkWorkload(entranceWorkload));

export const entranceDiffScenarioSchema = z
  .object({
    env: z.literal('entrance-diff'),
    ...seedShape,
    ...entranceDiffShape,
  })
  .superRefine(checkFixedTau)
  .superRefine(checkWorkload(entranceDiffWorkload));

export const cobwebScenarioSchema = z
  .object({
    env: z.literal('cobweb'),
    ...seedShape,
    // A calibration's leader moves faster (its tests: alpha_L 0.01, an update every episode).
    ...ppoShape({ iterations: 160, leaderLr: 0.01, leaderEvery: 1, leaderWarmup: 20 }),
    ...cobwebShape,
  })
  .superRefine(checkTargetData)
  .superRefine(checkWorkload(calibrationWorkload));

export const cournotScenarioSchema = z
  .object({
    env: z.literal('cournot'),
    ...seedShape,
    // A calibration's leader, as cobweb's: alpha_L 0.01, an update every episode.
    ...ppoShape({ iterations: 160, leaderLr: 0.01, leaderEvery: 1, leaderWarmup: 20 }),
    ...cournotShape,
  })
  .superRefine(checkCournotMarket)
  .superRefine(checkCournotTargetData)
  .superRefine(checkWorkload(calibrationWorkload));

export const supplyChainScenarioSchema = z
  .object({
    env: z.literal('supply-chain'),
    ...seedShape,
    // A calibration's leader, as cobweb's: alpha_L 0.01, an update every episode.
    ...ppoShape({ iterations: 160, leaderLr: 0.01, leaderEvery: 1, leaderWarmup: 20 }),
    ...supplyChainShape,
  })
  .superRefine(checkOrdersData)
  .superRefine(checkWorkload(supplyChainWorkload));

export const taxEconomyScenarioSchema = z
  .object({
    env: z.literal('tax-economy'),
    ...seedShape,
    ...ppoShape({ iterations: 200, leaderLr: 3e-3, leaderEvery: 2, leaderWarmup: 20 }),
    ...taxEconomyShape,
    objective: z.enum(TAX_OBJECTIVES).default('welfare').describe("the government's objective"),
  })
  .superRefine(checkWorkload(taxEconomyWorkload));

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
    leader: z.enum(MARKET_MAKER_LEADERS).default('maxent').describe("who sets omega"),
  })
  .superRefine(checkPrior)
  .superRefine(checkWorkload(marketMakerWorkload));

export const scenarioSchema = z.discriminatedUnion('env', [entranceScenarioSchema, entranceDiffScenarioSchema, cobwebScenarioSchema, cournotScenarioSchema, supplyChainScenarioSchema, taxEconomyScenarioSchema, marketMakerScenarioSchema]);
export type Scenario = z.infer<typeof scenarioSchema>;
export type EnvId = Scenario['env'];
export type ScenarioOf<E extends EnvId> = Extract<Scenario, { env: E }>;
export type EntranceScenario = ScenarioOf<'entrance-tobin'>;
export type EntranceDiffScenario = ScenarioOf<'entrance-diff'>;
export type CobwebScenario = ScenarioOf<'cobweb'>;
export type CournotScenario = ScenarioOf<'cournot'>;
export type SupplyChainScenario = ScenarioOf<'supply-chain'>;
export type TaxEconomyScenario = ScenarioOf<'tax-economy'>;
export type MarketMakerScenario = ScenarioOf<'market-maker'>;
export const ENV_IDS: EnvId[] = ['entrance-tobin', 'entrance-diff', 'cobweb', 'cournot', 'supply-chain', 'tax-economy', 'market-maker'];

export function defaultScenario(env: EnvId = 'entrance-tobin'): Scenario {
  return scenarioSchema.parse({ env });
}

/** What an iteration of the scenario holds, as its environment counts it (the schema's memory rule). */
export function workloadOf(s: Scenario): Workload {
  switch (s.env) {
    case 'entrance-tobin':
      return entranceWorkload(s);
    case 'entrance-diff':
      return entranceDiffWorkload(s);
    case 'cobweb':
    case 'cournot':
      return calibrationWorkload(s);
    case 'supply-chain':
      return supplyChainWorkload(s);
    case 'tax-economy':
      return taxEconomyWorkload(s);
    case 'market-maker':
      return marketMakerWorkload(s);
  }
}
