/**
 * Hostile scenario input for the property-based fuzz tests (fast-check; tests only): fully
 * random links and JSON values, and mutations of nearly valid ones (every environment's
 * defaults, or fields each valid alone, which cross-field rules may refuse) with fields dropped,
 * duplicated, swapped, renamed, moved from another environment or given extreme values (bounds
 * and one past them, NaN, 1e999, __proto__, long and broken text, wrong JSON types), links
 * truncated and salted with percent-encoding junk. Also what the checks of a result need:
 * which problems are well formed.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { encodeSeries } from '../envs/calibration/series-data';
import { encodeScenario } from './codec';
import { defaultScenario, ENV_IDS, type EnvId, type Scenario } from './schema';
import { fieldDefault, numberBounds, scenarioFields, type FieldProblem } from './validate';

/** FUZZ_SEED=... reruns another sample; a failure prints the seed and path that reproduce it. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_120);

/** fast-check's settings for a property of `numRuns` inputs: seeded, and a run past the time limit (a hang) fails. */
export const fuzzParameters = (numRuns: number): fc.Parameters<unknown> => ({ seed: FUZZ_SEED, numRuns, interruptAfterTimeLimit: 120_000, markInterruptAsFailure: true });

const ALL_FIELDS = [...new Set(ENV_IDS.flatMap((env) => Object.keys(scenarioFields(env))))];
const LINK_KEYS = ['v', 'app', 'env'];
/** Keys Object.prototype has, keys that look like fields, and odd ones. */
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf', 'polluted', '', ' ', 'N', 'n ', ' n', 'Seed', 'seed[]', 'a.b', '😀', 'é', '\u0000', 'x'.repeat(300)];

const PRICES = encodeSeries(Array.from({ length: 40 }, (_, t) => 5 + (t % 7) / 3));
/** Text values that fields of some environment accept or nearly accept. */
const FIELD_TEXTS = [PRICES, encodeSeries([5, 6, 7]), encodeSeries(Array.from({ length: 40 }, () => 99)), PRICES.slice(0, -3), '0,0.5,1', '0.5', '1,1,1,1,1', '0,0,0,0,0', '-1,1,1,1,1', '1,2', '2', ',', '1,,2'];
/** Text values no field should take as they are. */
const NASTY_TEXTS = [
  '', ' ', '  5  ', 'NaN', 'nan', 'Infinity', '-Infinity', '1e999', '-1e999', '1e-999', '-1', '-0', '0', '1', '0.5', '1.5', '1e308', '5e-324',
  '2147483647', '2147483648', '9007199254740993', '0x10', '0b11', '1_000', '1,000', '.5', '5.', '+5', 'true', 'false', 'TRUE', 'null', 'undefined',
  '[]', '{}', '[1]', '{"a":1}', '%', '%2', '%zz', '%00', '%E0%A4%A', '%C3%28', '%F0%9F%98%80', '\u0000', '\ud800', '\udfff', 'e\u0301', '😀', '١٢', '５',
  '__proto__', 'constructor', 'toString', 'a'.repeat(300), 'x'.repeat(25_000), '9'.repeat(400),
];

const unwrapped = (field: z.ZodType) => (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field);

/** The field's own kind of values at and just past its limits (numbers), its options (enums), and so on. */
function edgeValues(field: z.ZodType): unknown[] {
  const f = unwrapped(field);
  if (f instanceof z.ZodNumber) {
    const { whole, lower, upper } = numberBounds(field);
    const lo = lower?.value ?? 0;
    const hi = upper?.value ?? 1;
    return [lo, hi, lo - 1, hi + 1, hi + 1e-9, lo - 1e-9, (lo + hi) / 2, whole ? Math.floor(lo) + 0.5 : (2 * lo + hi) / 3, hi * 1000, -hi, fieldDefault(field)];
  }
  if (f instanceof z.ZodEnum) return [...(f.options as string[]), `${String(f.options[0])} `, String(f.options[0]).toUpperCase()];
  if (f instanceof z.ZodLiteral) return [...ENV_IDS];
  if (f instanceof z.ZodBoolean) return [true, false];
  return [fieldDefault(field), ...FIELD_TEXTS];
}

/** Any value the field alone accepts (cross-field rules aside): numbers anywhere in range, often at a bound. */
function validValueArb(key: string, field: z.ZodType): fc.Arbitrary<unknown> {
  const f = unwrapped(field);
  if (f instanceof z.ZodNumber) {
    const { whole, lower, upper } = numberBounds(field);
    const lo = lower?.value ?? -1e6;
    const hi = upper?.value ?? 1e6;
    const inRange = whole
      ? fc.integer({ min: Math.ceil(lo + (lower?.inclusive === false ? 0.5 : 0)), max: Math.floor(hi - (upper?.inclusive === false ? 0.5 : 0)) })
      : fc.double({ min: lo, max: hi, minExcluded: lower?.inclusive === false, maxExcluded: upper?.inclusive === false, noNaN: true });
    const atBounds = [lower?.inclusive ? lo : null, upper?.inclusive ? hi : null].filter((x) => x !== null);
    return atBounds.length ? fc.oneof(inRange, fc.constantFrom(...atBounds)) : inRange;
  }
  if (f instanceof z.ZodEnum) return fc.constantFrom(...(f.options as string[]));
  if (f instanceof z.ZodBoolean) return fc.boolean();
  if (key === 'targetData') return fc.constantFrom('', PRICES);
  if (key === 'omegas') return fc.constantFrom('0,0.25,0.5,0.75,1', '0,1', '0.5', '0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1');
  if (key === 'prior') return fc.constantFrom('', '1,1,1,1,1', '1,0,0,0,0', '1,2');
  return fc.constant(fieldDefault(field));
}

/** A scenario of `env` whose every field is valid on its own, drawn independently, so cross-field rules (ranges, limits) often fail. */
const validFieldsArb = (env: EnvId): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(Object.fromEntries(Object.entries(scenarioFields(env)).map(([key, field]) => [key, key === 'env' ? fc.constant(env) : validValueArb(key, field)])));

/** A scenario to mutate: an environment's defaults, or valid fields drawn at random. */
const baseScenarioArb: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...ENV_IDS).chain((env) => fc.oneof(fc.constant({ ...defaultScenario(env) } as Record<string, unknown>), { weight: 2, arbitrary: validFieldsArb(env) }));

/** Every field's edge values, of every environment: a field also gets the values of its namesakes and neighbours. */
const EDGE_VALUES = [...new Set(ENV_IDS.flatMap((env) => Object.values(scenarioFields(env)).flatMap(edgeValues)))];

const keyArb = fc.oneof(fc.constantFrom(...ALL_FIELDS, ...LINK_KEYS), fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 8 }));
const linkValueArb = fc.oneof(
  fc.constantFrom(...EDGE_VALUES.map(String)),
  fc.constantFrom(...NASTY_TEXTS),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.double().map(String),
  fc.integer().map(String),
);

type Entry = [string, string];
type LinkMutation =
  | { op: 'drop' | 'duplicate'; at: number }
  | { op: 'swap'; at: number; other: number }
  | { op: 'value'; at: number; value: string }
  | { op: 'key'; at: number; key: string }
  | { op: 'add'; key: string; value: string }
  | { op: 'env'; env: EnvId };
type TextMutation = { op: 'truncate'; at: number } | { op: 'junk'; at: number; text: string } | { op: 'encode' };

const at = fc.nat();
const linkMutationArb: fc.Arbitrary<LinkMutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('drop' as const, 'duplicate' as const), at }),
  fc.record({ op: fc.constant('swap' as const), at, other: at }),
  { weight: 4, arbitrary: fc.record({ op: fc.constant('value' as const), at, value: linkValueArb }) },
  fc.record({ op: fc.constant('key' as const), at, key: keyArb }),
  { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), key: keyArb, value: linkValueArb }) },
  fc.record({ op: fc.constant('env' as const), env: fc.constantFrom(...ENV_IDS) }),
);
const JUNK = ['%', '%2', '%%', '%C3', '%E0%A4', '&', '&&', '=', '==', '#', '?', '+', '%26', '%3D', '\u0000', '\ud800', ' '];
const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at }),
  { weight: 2, arbitrary: fc.record({ op: fc.constant('junk' as const), at, text: fc.oneof(fc.constantFrom(...JUNK), fc.string({ unit: 'binary', maxLength: 6 })) }) },
  fc.record({ op: fc.constant('encode' as const) }),
);

function mutateEntries(entries: Entry[], m: LinkMutation): Entry[] {
  const out = entries.slice();
  const i = out.length ? ('at' in m ? m.at % out.length : 0) : -1;
  switch (m.op) {
    case 'drop':
      if (i >= 0) out.splice(i, 1);
      break;
    case 'duplicate':
      if (i >= 0) out.splice(i, 0, out[i]);
      break;
    case 'swap':
      if (i >= 0) {
        const j = m.other % out.length;
        [out[i], out[j]] = [[out[i][0], out[j][1]], [out[j][0], out[i][1]]];
      }
      break;
    case 'value':
      if (i >= 0) out[i] = [out[i][0], m.value];
      break;
    case 'key':
      if (i >= 0) out[i] = [m.key, out[i][1]];
      break;
    case 'add':
      out.push([m.key, m.value]);
      break;
    case 'env':
      return out.map(([k, v]) => (k === 'env' ? [k, m.env] : [k, v]));
  }
  return out;
}

function mutateText(text: string, m: TextMutation): string {
  const i = text.length ? ('at' in m ? m.at % (text.length + 1) : 0) : 0;
  switch (m.op) {
    case 'truncate':
      return text.slice(0, i);
    case 'junk':
      return text.slice(0, i) + m.text + text.slice(i);
    case 'encode':
      // A lone surrogate cannot be percent-encoded: leave the text as it is.
      try {
        return encodeURIComponent(text);
      } catch {
        return text;
      }
  }
}

/** A link's body (no # or ?) as the lab writes it, of scenario fields that may break cross-field rules. */
const linkOf = (fields: Record<string, unknown>) => encodeScenario(fields as Scenario);

/** A link body (what follows # in the lab's address): mutated from a valid one or random. */
export const linkBodyArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(baseScenarioArb, fc.array(linkMutationArb, { maxLength: 6 }), fc.array(textMutationArb, { maxLength: 2 }), fc.boolean())
      .map(([base, mutations, textMutations, raw]) => {
        const entries = mutations.reduce(mutateEntries, [...new URLSearchParams(linkOf(base))] as Entry[]);
        // As URLSearchParams writes them (values percent-encoded), or joined raw.
        const body = raw ? entries.map(([k, v]) => `${k}=${v}`).join('&') : new URLSearchParams(entries).toString();
        return textMutations.reduce(mutateText, body);
      }),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 2, arbitrary: fc.array(fc.tuple(keyArb, linkValueArb), { maxLength: 12 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join('&')) },
);

/** What decodeScenario is given: a link body, maybe after # or ?. */
export const fragmentArb = fc.tuple(fc.constantFrom('', '#', '?', '#?', '##'), linkBodyArb).map(([prefix, body]) => prefix + body);

/** What the CLI's --scenario is given for a link: the lab's whole address, its fragment, or a bare v=... body. */
export const cliLinkArb = fc
  .tuple(fc.constantFrom('http://127.0.0.1:5173/#', 'https://lab.example/adage/?backend=wasm#', 'HTTP://x/?#', 'file:///tmp/x#', '#', 'v=1&', 'http://x/'), linkBodyArb)
  .map(([prefix, body]) => prefix + body);

/** JSON's values no field should take, JSON.parse's own __proto__ key among them. */
const NASTY_JSON: unknown[] = [
  null, [], {}, [1], [null], { a: 1 }, { value: 5 }, '', '5', '0.5', ' 10 ', 'true', true, false, 0, -0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 2 ** 31,
  'x'.repeat(100_000), '\u0000', '\ud800', '😀', '__proto__', ...ENV_IDS, JSON.parse('{"__proto__": {"polluted": true}}'), JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
];
/** Values a worker's structured clone can carry but JSON cannot. */
const CLONE_ONLY: (() => unknown)[] = [
  () => NaN,
  () => Infinity,
  () => -Infinity,
  () => undefined,
  () => 10n,
  () => new Date(0),
  () => new Map([['n', 5]]),
  () => new Float32Array(3),
  () => {
    const cycle: Record<string, unknown> = { n: 5 };
    cycle.self = cycle;
    return cycle;
  },
  () => {
    let deep: unknown = 5;
    for (let k = 0; k < 20_000; k++) deep = [deep];
    return deep;
  },
];

const jsonValueArb = (cloneOnly: boolean): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...EDGE_VALUES) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_JSON) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.double() },
    { weight: cloneOnly ? 2 : 0, arbitrary: fc.constantFrom(...CLONE_ONLY).map((make) => make()) },
  );

type JsonMutation = { op: 'drop'; at: number } | { op: 'set'; key: string; value: unknown } | { op: 'setAt'; at: number; value: unknown };

/** Sets an own property, so '__proto__' is a key like JSON.parse makes it and not the prototype. */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutateObject(o: Record<string, unknown>, m: JsonMutation): Record<string, unknown> {
  const keys = Object.keys(o);
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(o)) as Record<string, unknown>;
  if (m.op === 'set') setOwn(out, m.key, m.value);
  else if (keys.length && m.op === 'drop') delete out[keys[m.at % keys.length]];
  else if (keys.length && m.op === 'setAt') setOwn(out, keys[m.at % keys.length], m.value);
  return out;
}

/**
 * A scenario as a JSON value (an uploaded file, the CLI's --scenario file) or, with cloneOnly,
 * as the worker receives it (NaN, BigInt, cycles...): mutated defaults, or a random value.
 */
export const scenarioValueArb = (cloneOnly = false): fc.Arbitrary<unknown> => {
  const value = jsonValueArb(cloneOnly);
  const mutation: fc.Arbitrary<JsonMutation> = fc.oneof(
    fc.record({ op: fc.constant('drop' as const), at }),
    { weight: 3, arbitrary: fc.record({ op: fc.constant('setAt' as const), at, value }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), key: keyArb, value }) },
  );
  const wrap = fc.constantFrom<(o: Record<string, unknown>) => unknown>(
    ...Array<(o: Record<string, unknown>) => unknown>(6).fill((o) => o),
    (o) => [o],
    (o) => ({ scenario: o }),
    (o) => jsonText(o),
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(baseScenarioArb, fc.array(mutation, { maxLength: 6 }), wrap)
        .map(([base, mutations, wrapIt]) => wrapIt(mutations.reduce(mutateObject, base))),
    },
    { weight: 1, arbitrary: fc.dictionary(keyArb, value, { maxKeys: 10 }) },
    { weight: 1, arbitrary: cloneOnly ? fc.anything() : fc.jsonValue() },
  );
};

/** JSON.stringify where it can; a BigInt, a cycle or deep nesting cannot be written, which gives a broken file. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return Array.isArray(value) ? '[' : '{';
  }
}

/** A scenario file's text: JSON of a scenario value, sometimes truncated or salted. */
export const scenarioJsonTextArb: fc.Arbitrary<string> = fc
  .tuple(scenarioValueArb(false), fc.array(fc.oneof(textMutationArb, fc.constant({ op: 'junk' as const, at: 0, text: '\ufeff' })), { maxLength: 1 }))
  .map(([value, textMutations]) => textMutations.reduce(mutateText, jsonText(value)));

/** The keys of an input taken as an object of fields (a list or a primitive is refused whole). */
export function inputKeys(input: unknown): Set<string> {
  return new Set(typeof input === 'object' && input !== null && !Array.isArray(input) ? Object.keys(input) : []);
}

/** The keys the input gave that are no field of `env` and that no problem names: none should be. */
export function unreportedKeys(given: ReadonlySet<string>, env: EnvId, problems: FieldProblem[]): string[] {
  const fields = Object.keys(scenarioFields(env));
  return [...given].filter((key) => !fields.includes(key) && key !== 'env' && !problems.some((p) => p.field === key));
}

/**
 * Why a problem is not one a person can act on, or null if it is: it names a field of the
 * scenario's environment, the link's version v, env, the whole scenario, or an unknown key the
 * input gave (as such), and its message names that field as a word.
 */
export function problemFault(p: FieldProblem, env: EnvId, given: ReadonlySet<string>): string | null {
  if (typeof p.field !== 'string' || typeof p.message !== 'string' || p.message.trim() === '') return 'no field or no message';
  if (p.message === `unknown field ${p.field} (ignored)` || p.message === `unknown field ${p.field}: ${env} has no such field`) return given.has(p.field) ? null : `unknown field ${p.field} that the input did not give`;
  // A key given more than once is named whatever it is (codec.ts repeatedKeys).
  if (p.message.startsWith(`${p.field} is given `)) return given.has(p.field) ? null : `repeated key ${p.field} that the input did not give`;
  const named = Object.hasOwn(scenarioFields(env), p.field) || ['v', 'env', '(scenario)'].includes(p.field);
  if (!named) return `field ${JSON.stringify(p.field)} is not a field of ${env}`;
  const word = p.field === 'env' ? 'environment' : p.field;
  if (p.field !== '(scenario)' && !new RegExp(`(^|\\W)${word.replace(/[()]/g, '\\$&')}(\\W|$)`).test(p.message)) return `message does not name ${p.field}`;
  return null;
}
