/**
 * The Scenario: everything that defines a run (environment, leader, learning rates, seed).
 * One zod schema per environment (its module's), discriminated by `env`, types inferred from
 * them, defaults beside them; validated at every boundary (URL, CLI, worker API). Keys are flat
 * and camelCase so a URL stays readable.
 */
import { z } from 'zod';
import { ENVS } from '../envs';
import type { Workload } from '../engine/resource-limit';

/** Bumped when a shared link would otherwise be misread; see codec.ts for migrations. */
export const SCENARIO_VERSION = 1;

type Module = (typeof ENVS)[number]['module'];
export type Scenario = z.infer<Module['schema']>;
export type EnvId = Scenario['env'];
export type ScenarioOf<E extends EnvId> = Extract<Scenario, { env: E }>;
export type EntranceScenario = ScenarioOf<'entrance-tobin'>;
export type EntranceDiffScenario = ScenarioOf<'entrance-diff'>;
export type CobwebScenario = ScenarioOf<'cobweb'>;
export type CournotScenario = ScenarioOf<'cournot'>;
export type SupplyChainScenario = ScenarioOf<'supply-chain'>;
export type TaxEconomyScenario = ScenarioOf<'tax-economy'>;
export type MarketMakerScenario = ScenarioOf<'market-maker'>;

// Each module's schema is a zod object with its cross-field rules; the union tells them apart by env.
export const scenarioSchema = z.discriminatedUnion(
  'env',
  ENVS.map((e) => e.module.schema) as unknown as [z.ZodObject<{ env: z.ZodLiteral<string> }>, ...z.ZodObject<{ env: z.ZodLiteral<string> }>[]],
) as unknown as z.ZodType<Scenario> & { options: { shape: Record<string, z.ZodType> & { env: z.ZodLiteral<EnvId> } }[] };

export const ENV_IDS: EnvId[] = ENVS.map((e) => e.module.id as EnvId);

export function defaultScenario(env: EnvId = 'entrance-tobin'): Scenario {
  return scenarioSchema.parse({ env });
}

/** What an iteration of the scenario holds, as its environment counts it (the schema's memory rule). */
export function workloadOf(s: Scenario): Workload {
  return moduleOf(s).workload(s);
}

/** The module of a scenario's environment (src/envs/<id>/module.ts), typed for any scenario. */
export function moduleOf(s: Scenario | EnvId): Module & import('../envs/env-module').EnvModule<Scenario> {
  const env = typeof s === 'string' ? s : s.env;
  return ENVS.find((e) => e.module.id === env)!.module as never;
}
