/**
 * What the page's main thread needs of the environments, and its one way to them: each
 * environment's module (labels, schema, theta, references, baseline) and view (form, charts,
 * headline, probe, presets), built from the one list (src/envs/index.ts). Free of tfjs: modules
 * load their experiments on first use, and the page builds none (catalog.test.ts keeps it so).
 */
import { ENVS } from '.';
import { ENV_IDS, moduleOf, scenarioSchema, type EnvId, type Scenario } from '../scenario/schema';
import type { EnvModule } from './env-module';
import type { EnvView, Preset, PresetVariant } from './view/types';

export { ENV_IDS, moduleOf };

/** An environment as the page sees it: its module and its view, typed for any scenario. */
export interface EnvEntry {
  module: EnvModule<Scenario>;
  view: EnvView<Scenario>;
}

/** Every environment, in the list's order. */
export const CATALOG: readonly EnvEntry[] = ENVS.map((e) => ({ module: moduleOf(e.module.id as EnvId), view: e.view }));

/** The environment of a scenario (or of its id). */
export function envEntry(s: Scenario | EnvId): EnvEntry {
  const env = typeof s === 'string' ? s : s.env;
  return CATALOG.find((e) => e.module.id === env)!;
}

export const viewOf = (s: Scenario | EnvId): EnvView<Scenario> => envEntry(s).view;

/** The environment's name in the page's words. */
export const envLabel = (s: Scenario | EnvId): string => envEntry(s).module.label;

/** The gallery: every environment's presets, in the list's order. */
export const PRESETS: readonly Preset[] = CATALOG.flatMap((e) => e.view.presets);

/** The preset the bare address opens. */
export const DEFAULT_PRESET = 'tobin-tax';

export function presetById(id: string | null): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The variant at this index (null: the preset's default), or none where the preset has no variants. */
export function presetVariant(p: Preset, index: number | null): PresetVariant | undefined {
  return p.variants?.[index ?? p.defaultVariant ?? 0];
}

/** The preset's scenario (with a variant's patch), every other field its environment's default. */
export function presetScenario(p: Preset, variant?: PresetVariant): Scenario {
  return scenarioSchema.parse({ ...p.scenario, ...variant?.patch });
}

/** The preset's 1-minute version: its opening variant's scenario with the live patch. */
export function presetLiveScenario(p: Preset): Scenario {
  return scenarioSchema.parse({ ...p.scenario, ...presetVariant(p, null)?.patch, ...p.live.patch });
}

/** The fields of `intended` whose values `s` does not have. */
export function differingFields(intended: Scenario, s: Scenario): string[] {
  const [a, b] = [intended, s] as Record<string, unknown>[];
  return Object.keys(a).filter((k) => a[k] !== b[k]);
}

/** Whether `s` is the preset's 1-minute version (every one of its fields as the live version has it). */
export function isPresetLive(p: Preset, s: Scenario): boolean {
  return differingFields(presetLiveScenario(p), s).length === 0;
}

/** Charts shown first when no preset of the environment is open. */
const HEADLINE_COUNT = 2;

/**
 * The testIds of the charts drawn first, beside the explanation: the open preset's (if it is of
 * this environment), else the environment's first HEADLINE_COUNT.
 */
export function headlineCharts(env: EnvId, presetId: string | null): string[] {
  const preset = presetById(presetId);
  if (preset && preset.scenario.env === env) return preset.charts;
  return viewOf(env).charts.slice(0, HEADLINE_COUNT).map((c) => c.testId);
}
