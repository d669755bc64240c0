/**
 * The CLI's scenario boundary: a lab link (the whole URL, or just its `#v=1&...` fragment)
 * or a JSON file of scenario fields, validated strictly by the same schema the browser uses.
 */
import { readFileSync } from 'node:fs';
import { decodeScenario } from '../scenario/codec';
import { defaultScenario, type Scenario } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';

/** Bad command-line input (not a bad scenario field, which is a ScenarioError). */
export class UsageError extends Error {
  override name = 'UsageError';
}

function looksLikeLink(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('#') || text.startsWith('v=');
}

/** A JSON file's text as the CLI reads it: a leading byte-order mark (some editors write one) is not part of the JSON. */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}

export function loadScenario(source: string): Scenario {
  if (looksLikeLink(source)) {
    const hash = source.includes('#') ? source.slice(source.indexOf('#')) : source.startsWith('v=') ? source : '';
    if (!hash.replace('#', '')) throw new UsageError(`the link ${source} holds no scenario: copy it from the lab, whose address ends in #v=1&env=...`);
    return decodeScenario(hash, 'strict').scenario;
  }
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the scenario file ${source}: ${(err as Error).message}`);
  }
  let fields: unknown;
  try {
    fields = parseJsonText(text);
  } catch (err) {
    throw new UsageError(`the scenario file ${source} is not JSON: ${(err as Error).message}`);
  }
  return parseScenario(fields, 'strict').scenario;
}

/** The scenario with some fields replaced (from options or a grid point), validated again. */
export function withFields(scenario: Scenario, fields: Record<string, unknown>): Scenario {
  return parseScenario({ ...scenario, ...fields }, 'strict').scenario;
}

/**
 * The scenario of a command: --scenario (or the defaults), --iterations and fields it fixes.
 * Environments that set their run length otherwise (entrance-diff: I = iterationsPerAgent N)
 * refuse --iterations rather than silently ignore it.
 */
export function cliScenario(source: string | undefined, iterations: number | undefined, fixed: Record<string, unknown> = {}): Scenario {
  const loaded = source === undefined ? defaultScenario() : loadScenario(source);
  if (iterations !== undefined && !('iterations' in loaded)) {
    throw new UsageError(`--iterations: the ${loaded.env} environment has no iterations field; set its run length with the scenario's own fields (${Object.keys(loaded).filter((k) => /iteration/i.test(k)).join(', ')})`);
  }
  return withFields(loaded, iterations === undefined ? fixed : { ...fixed, iterations });
}

/** seeds consecutive seeds from the scenario's own, each a full scenario. */
export function seedScenarios(scenario: Scenario, seeds: number): Scenario[] {
  return Array.from({ length: seeds }, (_, k) => withFields(scenario, { seed: scenario.seed + k }));
}
