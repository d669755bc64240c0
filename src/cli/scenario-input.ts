/**
 * The CLI's scenario boundary: a lab link (the whole URL, or just its `#v=1&...` fragment)
 * or a JSON file of scenario fields, validated strictly by the same schema the browser uses.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { decodeScenario } from '../scenario/codec';
import { sizeProblem } from '../scenario/file-size';
import { defaultScenario, ENV_IDS, type Scenario } from '../scenario/schema';
import { parseScenario, scenarioFields, textLimit } from '../scenario/validate';

/** Bad command-line input (not a bad scenario field, which is a ScenarioError). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The longest text any scenario field holds: targetData, a series of at most MAX_VALUES values, compressed (series-data.ts). */
const LONGEST_TEXT = Math.max(...ENV_IDS.flatMap((env) => Object.values(scenarioFields(env)).map((f) => textLimit(f) ?? 0)));

/**
 * A scenario file larger than this is refused before it is read. The largest valid scenario is
 * its longest text field (32,700 characters) and the other fields (under 1,000 characters
 * pretty-printed); the limit has room for every character of that text written as a \u escape
 * (6 bytes) and 64 KiB for the rest, however it is laid out: 261,736 bytes.
 */
export const MAX_SCENARIO_FILE_BYTES = 6 * LONGEST_TEXT + 65_536;

/** What a path that is not a regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * The text of a scenario file, judged by what the path is before a byte is read: a device
 * (/dev/zero never ends), a named pipe (blocks until written) or a directory is no scenario file,
 * and a file over MAX_SCENARIO_FILE_BYTES is none either (read, it could exhaust the memory).
 */
function readScenarioFile(source: string): string {
  const unreadable = (err: unknown) => new UsageError(`cannot read the scenario file ${source}: ${(err as Error).message}`, { cause: err });
  let stats: Stats;
  try {
    stats = statSync(source);
  } catch (err) {
    throw unreadable(err);
  }
  if (!stats.isFile()) throw new UsageError(`the scenario file ${source} is ${kindOf(stats)}, not a regular file: give a JSON file of scenario fields or a lab link`);
  const tooLarge = sizeProblem(stats.size, MAX_SCENARIO_FILE_BYTES, 'a scenario file');
  if (tooLarge) throw new UsageError(`the scenario file ${source}: ${tooLarge}`);
  try {
    return readFileSync(source, 'utf8');
  } catch (err) {
    throw unreadable(err);
  }
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
  const text = readScenarioFile(source);
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
