/**
 * Scenario <-> URL fragment, e.g. `#v=1&app=0.1.0&env=entrance-tobin&seed=1&n=10&c=0.6...`.
 * Every field is written, so a link restores the run exactly even if defaults change later;
 * `v` is the scenario version (older links pass through numbered migrations, each explained),
 * `app` the lab's version that made the link (told to the reader when it is not this one).
 */
import { APP_VERSION } from '../version';
import { ENV_IDS, SCENARIO_VERSION, type EnvId, type Scenario } from './schema';
import { decimalNumber } from './decimal';
import { isScenarioField, parseScenario, readFieldValue, scenarioFields, ScenarioError, show, type FieldProblem, type ParseResult } from './validate';

/** MIGRATIONS[k] turns a version-(k+1) field set into version k+2. None yet. */
const MIGRATIONS: ((fields: Record<string, unknown>) => Record<string, unknown>)[] = [];

/** Each migration in words, for the reader of an older link: MIGRATION_NOTES[k] goes with MIGRATIONS[k]. */
const MIGRATION_NOTES: string[] = [];

/** A link as read: the scenario, what was wrong with it, and what the reader should know about it. */
export interface DecodedLink extends ParseResult {
  /** Not problems: which lab made the link, and how an older one was migrated. */
  notes: string[];
}

export function encodeScenario(s: Scenario): string {
  const params = new URLSearchParams({ v: String(SCENARIO_VERSION), app: APP_VERSION });
  // Appended: a field named like the link's version (entrance-diff's v) comes after it, not over it.
  for (const [k, v] of Object.entries(s)) params.append(k, String(v));
  return params.toString();
}

/**
 * Decodes a fragment or query (leading # or ? allowed). Lenient (links in the lab) never
 * throws: bad fields fall back. Strict (the CLI replaying a link) throws a ScenarioError
 * naming every bad field, the link version included.
 */
export function decodeScenario(fragment: string, mode: 'lenient' | 'strict' = 'lenient'): DecodedLink {
  const params = new URLSearchParams(fragment.replace(/^[#?]/, ''));
  const problems: FieldProblem[] = [];
  const notes: string[] = [];
  const lenient = mode === 'lenient';
  // A key given twice counts once, the last time (env too, so values read as the fields they fill).
  const env = params.getAll('env').at(-1) ?? null;
  const known = ENV_IDS.includes(env as EnvId) ? (env as EnvId) : null;
  const hasFieldV = known !== null && isScenarioField(known, 'v');
  problems.push(...repeatedKeys(params, hasFieldV, lenient));
  const app = params.getAll('app').at(-1) ?? null;
  params.delete('app');
  // Only the scenario version decides how fields are read; the app version is for people.
  if (app !== null && app !== APP_VERSION) notes.push(`This link was made with ADAGE Lab ${app.slice(0, 40)}; this is ${APP_VERSION}.`);
  let version = SCENARIO_VERSION;
  const vs = params.getAll('v');
  params.delete('v');
  let v = vs[0] ?? null;
  if (hasFieldV && vs.length > 0) {
    // The environment has a field v (entrance-diff's stay-out payoff): the last v. Links made
    // before it was written after the version carry only it; their version was 1.
    params.append('v', vs.at(-1)!);
    v = vs.length > 1 ? vs[0] : '1';
  }
  if (v !== null) {
    const parsed = decimalNumber(v) ?? NaN;
    // Strict refuses such a link, so only lenient says how it reads it anyway.
    if (!Number.isInteger(parsed) || parsed < 1) {
      problems.push({ field: 'v', message: `link version v must be a whole number from 1, got "${v}"${lenient ? `; read as version ${SCENARIO_VERSION}` : ''}` });
    } else if (parsed > SCENARIO_VERSION) {
      problems.push({ field: 'v', message: `this link is from a newer version of the lab (v=${parsed}); this lab reads v=${SCENARIO_VERSION}${lenient ? ', so fields it does not know are ignored' : ''}` });
    } else version = parsed;
  }
  // Each value is read as its field's type in the link's environment (unknown: as a number if it is one).
  const typeOf = (k: string) => (known && isScenarioField(known, k) ? scenarioFields(known)[k] : undefined);
  // fromEntries makes every key an own field, __proto__ too (an assignment would set the prototype).
  let fields: Record<string, unknown> = Object.fromEntries(Array.from(params, ([k, val]) => [k, readFieldValue(val, typeOf(k))]));
  for (let k = version - 1; k < SCENARIO_VERSION - 1; k++) {
    fields = MIGRATIONS[k](fields);
    notes.push(`Migrated from scenario version ${k + 1} to ${k + 2}: ${MIGRATION_NOTES[k]}`);
  }
  if (version === SCENARIO_VERSION && notes.length) notes.push(`Its scenario format (v=${version}) is this lab's, so every field reads as it did.`);
  let result: ParseResult;
  try {
    result = parseScenario(fields, mode);
  } catch (err) {
    if (err instanceof ScenarioError) throw new ScenarioError([...problems, ...err.problems]);
    throw err;
  }
  if (mode === 'strict' && problems.length) throw new ScenarioError(problems);
  return { scenario: result.scenario, problems: [...problems, ...result.problems], notes };
}

/**
 * Each key a link gives more than once, named with its values: which one counts (the last) is
 * not for a reader of the link to guess. The version v comes twice in a link of an environment
 * with a field v (entrance-diff's stay-out payoff): first the version, then the field.
 */
function repeatedKeys(params: URLSearchParams, hasFieldV: boolean, lenient: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length <= (key === 'v' && hasFieldV ? 2 : 1)) continue;
    const last = values.at(-1)!;
    const listed = values.slice(0, 5).map((x) => show(x)).join(', ') + (values.length > 5 ? ', ...' : '');
    problems.push({ field: key, message: `${key} is given ${values.length} times (${listed}); ${lenient ? `using the last, ${show(last)}` : 'give it once'}` });
  }
  return problems;
}
