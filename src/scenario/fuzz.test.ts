/**
 * Property-based fuzzing of the scenario boundary (links and JSON values): random and mutated
 * input through decodeScenario and parseScenario, lenient and strict. Lenient never throws and
 * gives a valid scenario; strict gives the same scenario or a ScenarioError, exactly when lenient
 * had problems; every problem names a real field; nothing reaches Object.prototype.
 * Counts and the seed are printed; FUZZ_SEED=... runs another sample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from './codec';
import { fragmentArb, FUZZ_SEED, fuzzParameters, inputKeys, problemFault, scenarioValueArb, unreportedKeys } from './fuzz-inputs';
import { scenarioSchema, type Scenario } from './schema';
import { decimalNumber } from './decimal';
import { describeAllowed, numberBounds, parseScenario, readFieldValue, scenarioFields, ScenarioError, type FieldProblem } from './validate';

const LINKS = 6_000;
const VALUES = 6_000;

const prototypeBefore = Object.getOwnPropertyDescriptors(Object.prototype);

/** The problems' faults (empty when every problem is well formed). */
const faults = (problems: FieldProblem[], s: Scenario, given: ReadonlySet<string>) => problems.map((p) => problemFault(p, s.env, given)).filter((f) => f !== null);

/** Strict mode's outcome beside lenient's: the same scenario if lenient had no problems, else a ScenarioError on the same fields (up to an unknown env). */
function expectStrictAgrees(strict: () => { scenario: Scenario }, lenient: { scenario: Scenario; problems: FieldProblem[] }, given: ReadonlySet<string>): void {
  let error: unknown = null;
  let scenario: Scenario | null = null;
  try {
    scenario = strict().scenario;
  } catch (err) {
    error = err;
  }
  if (lenient.problems.length === 0) {
    expect(error).toBeNull();
    expect(scenario).toEqual(lenient.scenario);
    return;
  }
  expect(error).toBeInstanceOf(ScenarioError);
  const { problems } = error as ScenarioError;
  // An unknown environment is refused with what came before it (a link's bad version), not with
  // the fields lenient mode then judges against its stand-in environment.
  const env = lenient.problems.findIndex((p) => p.field === 'env' && p.message.startsWith('unknown environment'));
  const refused = env < 0 ? lenient.problems : lenient.problems.slice(0, env + 1);
  expect(problems.map((p) => p.field)).toEqual(refused.map((p) => p.field));
  expect(faults(problems, lenient.scenario, given)).toEqual([]);
}

/**
 * What a link's reading owes each key (issue 22), as broken: a key given more than once is named
 * as such; a number field given text that is not a decimal number ("0x10", "+20", "1e-400") is
 * refused by name; and a field given once that no problem names holds what the link wrote, so a
 * refused field never changed another.
 */
function linkRuleBreaks(fragment: string, lenient: { scenario: Scenario; problems: FieldProblem[] }): string[] {
  const params = new URLSearchParams(fragment.replace(/^[#?]/, ''));
  const { env } = lenient.scenario;
  const fields = scenarioFields(env);
  const named = (key: string) => lenient.problems.some((p) => p.field === key);
  const breaks: string[] = [];
  // Falling back to the environment's defaults resets every good field with the bad.
  for (const p of lenient.problems) if (p.field === '(scenario)') breaks.push(`reset to the defaults: ${p.message.slice(0, 120)}`);
  for (const key of new Set(params.keys())) {
    const texts = params.getAll(key);
    const once = key === 'v' && Object.hasOwn(fields, 'v') ? 2 : 1;
    if (texts.length > once) {
      if (!lenient.problems.some((p) => p.field === key && p.message.startsWith(`${key} is given ${texts.length} times`))) breaks.push(`${key} given ${texts.length} times, not named`);
      continue;
    }
    if (['v', 'app', 'env'].includes(key) || !Object.hasOwn(fields, key)) continue;
    const [text] = texts;
    const isNumber = numberBounds(fields[key]).whole || describeAllowed(fields[key]).startsWith('a number');
    if (isNumber && decimalNumber(text) === null && !named(key)) breaks.push(`${key}=${JSON.stringify(text).slice(0, 40)} read as a number`);
    if (!named(key) && (lenient.scenario as Record<string, unknown>)[key] !== readFieldValue(text, fields[key])) breaks.push(`${key} changed without a word`);
    // A field whose value its own schema refuses is as if the link had not given it: without
    // it, the link reads the same, and only its own problem is gone.
    if (!fields[key].safeParse(readFieldValue(text, fields[key])).success) {
      const own = lenient.problems.filter((p) => p.field === key);
      const without = new URLSearchParams(params);
      without.delete(key);
      const other = decodeScenario(without.toString(), 'lenient');
      const rest = lenient.problems.filter((p) => !own.includes(p));
      if (JSON.stringify(other.scenario) !== JSON.stringify(lenient.scenario) || JSON.stringify(other.problems) !== JSON.stringify(rest)) breaks.push(`refusing ${key} changed what else was read`);
    }
  }
  return breaks;
}

/** A valid scenario, which a link carries exactly. */
function expectValidAndLinkable(s: Scenario): void {
  expect(scenarioSchema.safeParse(s).success).toBe(true);
  expect(decodeScenario(encodeScenario(s))).toEqual({ scenario: s, problems: [], notes: [] });
}

describe(`fuzzing the scenario input (fast-check, seed ${FUZZ_SEED})`, () => {
  it(`${LINKS} random and mutated links through decodeScenario, lenient and strict`, () => {
    let runs = 0;
    fc.assert(
      fc.property(fragmentArb, (fragment) => {
        runs++;
        const given = new Set(new URLSearchParams(fragment.replace(/^[#?]/, '')).keys());
        const lenient = decodeScenario(fragment, 'lenient');
        expectValidAndLinkable(lenient.scenario);
        expect(faults(lenient.problems, lenient.scenario, given)).toEqual([]);
        // The link's own keys aside, every key that is no field is named.
        expect(unreportedKeys(new Set([...given].filter((k) => k !== 'app' && k !== 'v')), lenient.scenario.env, lenient.problems)).toEqual([]);
        expect(linkRuleBreaks(fragment, lenient)).toEqual([]);
        expectStrictAgrees(() => decodeScenario(fragment, 'strict'), lenient, given);
      }),
      fuzzParameters(LINKS),
    );
    console.log(`fuzzed ${runs.toLocaleString('en')} links through decodeScenario (lenient and strict), seed ${FUZZ_SEED}`);
    expect(runs).toBe(LINKS);
  });

  it(`${VALUES} random and mutated JSON and structured-clone values through parseScenario, lenient and strict`, () => {
    let runs = 0;
    fc.assert(
      fc.property(scenarioValueArb(true), (value) => {
        runs++;
        const given = inputKeys(value);
        const lenient = parseScenario(value, 'lenient');
        expectValidAndLinkable(lenient.scenario);
        expect(faults(lenient.problems, lenient.scenario, given)).toEqual([]);
        expect(unreportedKeys(given, lenient.scenario.env, lenient.problems)).toEqual([]);
        expectStrictAgrees(() => parseScenario(value, 'strict'), lenient, given);
        // What lenient mode makes of anything is a scenario strict mode takes as it is.
        expect(parseScenario(lenient.scenario, 'strict').scenario).toEqual(lenient.scenario);
      }),
      fuzzParameters(VALUES),
    );
    console.log(`fuzzed ${runs.toLocaleString('en')} JSON and structured-clone values through parseScenario (lenient and strict), seed ${FUZZ_SEED}`);
    expect(runs).toBe(VALUES);
  });

  it('left Object.prototype as it was (no __proto__ or constructor key polluted it)', () => {
    expect(Object.getOwnPropertyDescriptors(Object.prototype)).toEqual(prototypeBefore);
    const fresh = {} as Record<string, unknown>;
    expect(fresh.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(fresh)).toBe(Object.prototype);
  });
});
