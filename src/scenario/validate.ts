/**
 * Validation of untrusted scenario input (URL, uploaded JSON, CLI, worker calls). Every problem
 * names the field, what it holds and what is allowed. Lenient mode (links) keeps every good
 * field and falls back to the default for each bad one; strict mode (CLI, files) refuses.
 */
import { z } from 'zod';
import { issueFields, namesItsFields } from './cross-field';
import { decimalNumber } from './decimal';
import { ENV_IDS, scenarioSchema, type EnvId, type Scenario } from './schema';

export interface FieldProblem {
  field: string;
  message: string;
}

export type ParseResult = { scenario: Scenario; problems: FieldProblem[] };

type AnyShape = Record<string, z.ZodType>;

/** The flat field schemas of one environment's scenario. */
export function scenarioFields(env: EnvId): AnyShape {
  const member = scenarioSchema.options.find((o) => o.shape.env.value === env);
  return member!.shape as unknown as AnyShape;
}

/**
 * Whether `key` is a field of the environment's scenario: its own fields only, so keys such as
 * __proto__, constructor or toString, which `key in fields` finds on Object.prototype, are unknown.
 */
export function isScenarioField(env: EnvId, key: string): boolean {
  return Object.hasOwn(scenarioFields(env), key);
}

/**
 * A link's text as the field's type: text stays text, true / false become booleans, and
 * anything else written as a decimal number (decimal.ts) becomes one; the schema judges what
 * is left, so "0x10" for a number is named as the text it is.
 */
export function readFieldValue(text: string, field: z.ZodType | undefined): unknown {
  const f = field && inner(field);
  if (f instanceof z.ZodString) return text;
  if (f instanceof z.ZodBoolean) return text === 'true' ? true : text === 'false' ? false : text;
  return decimalNumber(text) ?? text;
}

function inner(field: z.ZodType): z.ZodType {
  return field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
}

/** Default value of a field (undefined for required fields such as env). */
export function fieldDefault(field: z.ZodType): unknown {
  return field instanceof z.ZodDefault ? field.def.defaultValue : undefined;
}

export interface Bound {
  value: number;
  inclusive: boolean;
}

/** A number field's bounds as its schema states them (undefined where it has none or is no number). */
export function numberBounds(field: z.ZodType): { whole: boolean; lower?: Bound; upper?: Bound } {
  const f = inner(field);
  if (!(f instanceof z.ZodNumber)) return { whole: false };
  const checks = (f.def.checks ?? []).map((c) => c._zod.def as { check: string; value: number; inclusive: boolean });
  const bound = (kind: string) => {
    const c = checks.find((x) => x.check === kind);
    return c && { value: c.value, inclusive: c.inclusive };
  };
  return { whole: Boolean(f.isInt), lower: bound('greater_than'), upper: bound('less_than') };
}

/** The most characters a text field holds, as its schema states it (null: no limit, or no text field). */
export function textLimit(field: z.ZodType): number | null {
  const f = inner(field);
  return f instanceof z.ZodString ? f.maxLength : null;
}

/**
 * "a number from 0 to 1", "a whole number from 2 to 1000", "one of ppo, bayesopt, fixed, none",
 * "true or false", "text of at most 200 characters".
 */
export function describeAllowed(field: z.ZodType): string {
  const f = inner(field);
  if (f instanceof z.ZodNumber) {
    const { whole, lower, upper } = numberBounds(field);
    const lo = lower ? `${lower.inclusive ? 'from' : 'above'} ${lower.value}` : '';
    const hi = upper ? `${upper.inclusive ? 'to' : 'below'} ${upper.value}` : '';
    return [whole ? 'a whole number' : 'a number', lo, hi].filter(Boolean).join(' ');
  }
  if (f instanceof z.ZodEnum) return `one of ${(f.options as string[]).join(', ')}`;
  if (f instanceof z.ZodLiteral) return `"${String(f.value)}"`;
  if (f instanceof z.ZodBoolean) return 'true or false';
  if (f instanceof z.ZodString) {
    const max = textLimit(field);
    return max === null ? 'text' : `text of at most ${max} characters`;
  }
  return 'a valid value';
}

/**
 * A value as a message quotes it, at most 40 characters, whatever the input held: NaN and
 * Infinity as such (JSON would say null), a BigInt with its n, and an object JSON cannot write
 * (a cycle, nesting deeper than the stack) by its kind. Text cut short says how long it is, as
 * a limit on its length is what it may have passed.
 */
export function show(value: unknown): string {
  const s = typeof value === 'string' ? `"${value}"` : typeof value === 'bigint' ? `${value}n` : typeof value === 'object' && value !== null ? objectText(value) : String(value);
  if (s.length <= 40) return s;
  return `${s.slice(0, 37)}...${typeof value === 'string' ? ` (${value.length} characters)` : ''}`;
}

function objectText(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? 'an array' : 'an object';
  }
}

/**
 * A custom rule's message, made to name its field and the value like the others: "one weight
 * per omega" becomes 'prior (weights ...): one weight per omega, got "1,2"'. A cross-field rule
 * whose message names its fields with their values, "tauMin (0.2) must not exceed tauMax (0.1)",
 * stays as it is, whichever of them is dropped.
 */
function customMessage(key: string, field: z.ZodType, issue: z.core.$ZodIssue, value: unknown, atDefault: (key: string) => boolean, fields: AnyShape): string {
  if (namesItsFields(issue)) return `${issue.message}${defaultsNote(issue, atDefault, fields)}`;
  const named = `${key} (${field.description}): ${issue.message}`;
  return issue.message.includes('got ') ? named : `${named}, got ${show(value)}`;
}

/**
 * Validates a flat object of scenario fields. Unknown fields and bad values become problems;
 * in lenient mode each bad field takes its default, so the result is always a valid Scenario.
 */
/**
 * A rule that cites its fields' values cites them all, given or not; those that hold their
 * defaults are said to be defaults ("; markets = 8 and hidden = 64 are the defaults"), so a
 * value the input never gave does not read as if it had.
 */
function defaultsNote(issue: z.core.$ZodIssue, atDefault: (key: string) => boolean, fields: AnyShape): string {
  const defaults = [...new Set(issueFields(issue))].filter((k) => Object.hasOwn(fields, k) && atDefault(k));
  if (defaults.length === 0) return '';
  const cited = defaults.map((k) => `${k} = ${show(fieldDefault(fields[k]))}`);
  const list = cited.length > 1 ? `${cited.slice(0, -1).join(', ')} and ${cited.at(-1)}` : cited[0];
  return `; ${list} ${cited.length > 1 ? 'are the defaults' : 'is the default'}`;
}

export function parseScenario(input: unknown, mode: 'lenient' | 'strict'): ParseResult {
  const problems: FieldProblem[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.push({ field: '(scenario)', message: `expected an object of scenario fields, got ${show(input)}` });
    return finish({ env: ENV_IDS[0] }, problems, mode);
  }
  // -0 is 0 (a link writes it so, and a scenario should be what its link restores).
  const raw: Record<string, unknown> = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, Object.is(v, -0) ? 0 : v]));
  if (raw.env === undefined) raw.env = ENV_IDS[0];
  if (!ENV_IDS.includes(raw.env as EnvId)) {
    const unknown = `unknown environment ${show(raw.env)}; allowed: ${ENV_IDS.join(', ')}`;
    // Strict refuses here: the other fields cannot be judged against an environment nobody chose.
    if (mode === 'strict') throw new ScenarioError([{ field: 'env', message: unknown }]);
    problems.push({ field: 'env', message: `${unknown}; using ${ENV_IDS[0]}` });
    raw.env = ENV_IDS[0];
  }
  for (const key of Object.keys(raw)) {
    if (!isScenarioField(raw.env as EnvId, key)) {
      problems.push({ field: key, message: mode === 'lenient' ? `unknown field ${key} (ignored)` : `unknown field ${key}: ${String(raw.env)} has no such field` });
      delete raw[key];
    }
  }
  return finish(raw, problems, mode);
}

function finish(raw: Record<string, unknown>, problems: FieldProblem[], mode: 'lenient' | 'strict'): ParseResult {
  const env = raw.env as EnvId;
  const fields = scenarioFields(env);
  // Each round drops at least one field the input gave (env stays; alone it is the defaults,
  // which are valid), so this ends within the number of fields.
  for (;;) {
    const r = scenarioSchema.safeParse(raw);
    if (r.success) {
      if (mode === 'strict' && problems.length) throw new ScenarioError(problems);
      return { scenario: r.data, problems };
    }
    const given = (key: string) => key !== 'env' && Object.hasOwn(raw, key);
    const atDefault = (key: string) => !given(key) || raw[key] === fieldDefault(fields[key]);
    let dropped = 0;
    for (const issue of r.error.issues) {
      // A cross-field rule's first field may have taken its default: drop another it names.
      const key = issueFields(issue).find(given);
      if (key === undefined) continue;
      const field = fields[key];
      // A message that does not start with the field says which field falls back.
      const fallback = mode === 'lenient' ? `; using the default ${namesItsFields(issue) ? `${key} = ` : ''}${show(fieldDefault(field))}` : '';
      const message = issue.code === 'custom' ? `${customMessage(key, field, issue, raw[key], atDefault, fields)}${fallback}` : `${key} (${field.description}) must be ${describeAllowed(field)}, got ${show(raw[key])}${fallback}`;
      problems.push({ field: key, message });
      delete raw[key];
      dropped++;
    }
    if (dropped === 0) {
      // No field the input gave is to blame (a rule that names none): the environment's defaults.
      problems.push({ field: '(scenario)', message: `${r.error.issues.map((i) => i.message).join('; ')}${mode === 'lenient' ? `; using the defaults of ${env}` : ''}` });
      for (const key of Object.keys(raw)) if (key !== 'env') delete raw[key];
    }
  }
}

export class ScenarioError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'ScenarioError';
  }
}
