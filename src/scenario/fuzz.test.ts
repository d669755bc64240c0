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
import { parseScenario, ScenarioError, type FieldProblem } from './validate';

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
  const env = lenient.problems.findIndex((p) => p.field === 'env');
  const refused = env < 0 ? lenient.problems : lenient.problems.slice(0, env + 1);
  expect(problems.map((p) => p.field)).toEqual(refused.map((p) => p.field));
  expect(faults(problems, lenient.scenario, given)).toEqual([]);
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
