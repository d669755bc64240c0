/**
 * Property-based fuzzing of the CLI's scenario boundary, cliScenario (--scenario and
 * --iterations) as the commands call it: random and mutated lab links, and JSON files (written
 * to a temporary folder, some truncated or salted, some missing or a folder). The outcome is a
 * valid scenario, a ScenarioError whose problems name real fields, or a UsageError that names
 * the source or the option; nothing else is thrown. Counts and the seed are printed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeScenario } from '../scenario/codec';
import { cliLinkArb, FUZZ_SEED, fuzzParameters, inputKeys, problemFault, scenarioJsonTextArb } from '../scenario/fuzz-inputs';
import { scenarioSchema, type EnvId } from '../scenario/schema';
import { parseScenario, ScenarioError } from '../scenario/validate';
import { cliScenario, parseJsonText, UsageError } from './scenario-input';

const LINKS = 2_000;
const FILES = 2_000;

const dir = mkdtempSync(join(tmpdir(), 'adage-fuzz-'));
const file = join(dir, 'scenario.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** --iterations as commander gives it: absent, or any finite number (its parser refuses the rest). */
const iterationsArb = fc.option(fc.oneof(fc.integer({ min: -5, max: 200_000 }), fc.double({ noNaN: true, noDefaultInfinity: true })), { nil: undefined });

const prototypeBefore = Object.getOwnPropertyDescriptors(Object.prototype);

/** What the input is read as, for judging problems: the environment it ends up with and the keys it gave. */
interface Read {
  env: EnvId;
  given: Set<string>;
}

function linkRead(link: string): Read {
  const hash = link.includes('#') ? link.slice(link.indexOf('#')) : link;
  return { env: decodeScenario(hash).scenario.env, given: new Set(new URLSearchParams(hash.replace(/^[#?]/, '')).keys()) };
}

function fileRead(text: string): Read | null {
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch {
    return null;
  }
  return { env: parseScenario(value, 'lenient').scenario.env, given: inputKeys(value) };
}

/**
 * cliScenario(source, iterations): a valid scenario with those iterations, or a ScenarioError
 * naming real fields, or a UsageError naming the source or --iterations.
 */
function expectClearOutcome(source: string, iterations: number | undefined, read: Read | null): void {
  let error: unknown;
  try {
    const s = cliScenario(source, iterations);
    expect(scenarioSchema.safeParse(s).success).toBe(true);
    if (iterations !== undefined) expect((s as { iterations?: number }).iterations).toBe(iterations);
    return;
  } catch (err) {
    error = err;
  }
  if (error instanceof UsageError) {
    expect(error.message.includes(source) || error.message.startsWith('--iterations:'), error.message).toBe(true);
    return;
  }
  expect(error).toBeInstanceOf(ScenarioError);
  const { problems } = error as ScenarioError;
  expect(problems.length).toBeGreaterThan(0);
  expect(read).not.toBeNull();
  expect(problems.map((p) => problemFault(p, read!.env, read!.given)).filter((f) => f !== null)).toEqual([]);
}

describe(`fuzzing the CLI's --scenario (fast-check, seed ${FUZZ_SEED})`, () => {
  it(`${LINKS} random and mutated lab links through cliScenario`, () => {
    let runs = 0;
    fc.assert(
      fc.property(cliLinkArb, iterationsArb, (link, iterations) => {
        runs++;
        expectClearOutcome(link, iterations, linkRead(link));
      }),
      fuzzParameters(LINKS),
    );
    console.log(`fuzzed ${runs.toLocaleString('en')} lab links through the CLI's cliScenario, seed ${FUZZ_SEED}`);
    expect(runs).toBe(LINKS);
  });

  it(`${FILES} random, mutated, broken, missing and unreadable JSON files through cliScenario`, () => {
    let runs = 0;
    const source = fc.oneof(
      { weight: 20, arbitrary: scenarioJsonTextArb.map((text) => ({ text })) },
      fc.constant({ path: join(dir, 'missing.json') }),
      fc.constant({ path: dir }),
    );
    fc.assert(
      fc.property(source, iterationsArb, (s, iterations) => {
        runs++;
        if (!('text' in s)) return expectClearOutcome(s.path, iterations, null);
        writeFileSync(file, s.text);
        // What the file reads back as: UTF-8 has no lone surrogates (they are written as U+FFFD).
        expectClearOutcome(file, iterations, fileRead(Buffer.from(s.text).toString()));
      }),
      fuzzParameters(FILES),
    );
    console.log(`fuzzed ${runs.toLocaleString('en')} JSON scenario files through the CLI's cliScenario, seed ${FUZZ_SEED}`);
    expect(runs).toBe(FILES);
  });

  it('left Object.prototype as it was', () => {
    expect(Object.getOwnPropertyDescriptors(Object.prototype)).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
