/**
 * A trained lab as a file (or an IndexedDB record): the scenario, the metric history so the
 * charts redraw, and the experiment's trained state. Versioned by `format`, validated with zod
 * at the boundary; every refusal names what is wrong, and the scenario is judged by the same
 * rules and messages as a link.
 */
import { z } from 'zod';
import { APP_VERSION } from '../version';
import { encodeArrays, encodedArraySchema, type EncodedArray } from '../engine/persist/arrays';
import { jsonPath } from '../engine/persist/state';
import type { TrainedState } from '../engine/experiment';
import { workloadOf, type Scenario } from './schema';
import { agentSteps } from '../engine/resource-limit';
import { parseScenario, ScenarioError, type FieldProblem } from './validate';

export const POLICIES_KIND = 'adage-lab-policies';
/** Bumped when a change would make an older lab misread a file; older formats then get migrations. */
export const POLICIES_FORMAT = 1;

/**
 * A policies file larger than this is refused before it is read. It must pass every file the lab
 * writes, and the schema's largest runs go far beyond any fixed figure (one hidden-512 network
 * with its Adam moments is 8.7 MB of JSON; eight tax-economy seeds 69 MB; 100,000 iterations of
 * cobweb history 100 MB; a market maker with 100 baselines 880 MB, which the scenario's
 * checkpoint limit now refuses, engine/resource-limit.ts). What bounds a file the lab
 * writes is that its text is one JavaScript string (policiesText), and V8 (Chromium, Node) holds
 * at most 2^29 - 24 = 536,870,888 characters in one: longer, and the save itself fails. That
 * text is ASCII but for the scenario's two free-text lists (at most 400 characters, 3 UTF-8
 * bytes each), so no file the lab writes exceeds 536,871,688 bytes, and none this large could
 * be read back into a string anyway. Saved in the browser (IndexedDB) a lab has no such bound.
 */
export const MAX_POLICIES_BYTES = 540_000_000;

/**
 * The most values one snapshot of a file may hold for its scenario: no iteration makes more than
 * its agent-steps or this floor (histogram bins, Lorenz points, one figure per omega: 8 to 103
 * values at the smallest scenarios; the conformance suite checks every environment). A file's
 * snapshots are drawn as soon as it loads, so a tampered one of 150,000 values stalled the page
 * for 15 s, and again on every reload while it was the saved session (issue 22).
 */
export const SNAPSHOT_FLOOR = 1024;

export const snapshotLimit = (s: Scenario) => Math.max(SNAPSHOT_FLOOR, agentSteps(workloadOf(s)));

/** At most this many problems are listed; a file broken everywhere says how many more there are. */
const MAX_PROBLEMS = 5;

export interface PoliciesDocument {
  kind: typeof POLICIES_KIND;
  format: typeof POLICIES_FORMAT;
  /** The lab's version (package.json) that wrote it. */
  app: string;
  savedAt: string;
  scenario: Scenario;
  /** Iterations trained. */
  iteration: number;
  /** One row per iteration, each metric of the environment by key (as the JSON export's rows). */
  history: Record<string, number>[];
  /** The latest iteration's snapshots (an episode's path, a histogram), so those charts redraw too. */
  snapshots: Record<string, EncodedArray>;
  state: TrainedState;
}

/**
 * A trained lab as a document: what the worker saves and checkpoints, and what the CLI writes for
 * the finished runs that ship with the lab. `history`: one row per iteration trained.
 */
export function policiesDocument(scenario: Scenario, history: Record<string, number>[], snapshots: Record<string, Float32Array>, state: TrainedState): PoliciesDocument {
  return {
    kind: POLICIES_KIND,
    format: POLICIES_FORMAT,
    app: APP_VERSION,
    savedAt: new Date().toISOString(),
    scenario,
    iteration: history.length,
    history,
    snapshots: encodeArrays(snapshots),
    state,
  };
}

/**
 * A metric of an iteration: a finite number, or NaN where it was not measured (written
 * {"$number": "NaN"}). An infinity (1e999 in the JSON, or {"$number": "Infinity"}) is no figure a
 * chart can draw.
 */
const metric = z
  .custom<number>((v) => typeof v === 'number', { message: 'expected a number' })
  .refine((v) => Number.isFinite(v) || Number.isNaN(v), { error: (issue) => `${String(issue.input)} is not a metric: a metric is a finite number, or NaN where it was not measured` });

const documentSchema = z.object({
  kind: z.literal(POLICIES_KIND),
  format: z.literal(POLICIES_FORMAT),
  app: z.string(),
  savedAt: z.string(),
  scenario: z.record(z.string(), z.unknown()),
  iteration: z.number().int().min(1),
  history: z.array(z.record(z.string(), metric)),
  snapshots: z.record(z.string(), encodedArraySchema),
  state: z.record(z.string(), z.unknown()),
});

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const show = (x: unknown) => (JSON.stringify(x) ?? String(x)).slice(0, 40);

/** The first MAX_PROBLEMS problems, and one saying how many more were found. */
function firstProblems(problems: FieldProblem[]): FieldProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), { field: '(file)', message: `... and ${problems.length - MAX_PROBLEMS} more problems.` }];
}

/**
 * The document's envelope and scenario checked, in the order that gives the most useful first
 * message: is it a policies file, can this lab read its format, is each field well formed, does
 * the lab accept its scenario, does its history match its iteration. The trained state's fit is
 * judged when it is loaded into an experiment (Experiment.loadState).
 */
export function checkPoliciesDocument(input: unknown): { doc: PoliciesDocument } | { problems: FieldProblem[] } {
  const problem = (field: string, message: string) => ({ problems: [{ field, message }] });
  if (!isRecord(input) || input.kind !== POLICIES_KIND) {
    const kind = isRecord(input) ? `its "kind" is ${show(input.kind)}` : `it holds ${Array.isArray(input) ? 'a list' : show(input)}`;
    return problem('kind', `Not an ADAGE Lab policies file: ${kind}, expected "${POLICIES_KIND}".`);
  }
  const { format } = input;
  if (typeof format === 'number' && Number.isInteger(format) && format > POLICIES_FORMAT) {
    return problem('format', `This file is format ${format}, from a newer version of the lab (${show(input.app)}); this lab (${APP_VERSION}) reads format ${POLICIES_FORMAT}.`);
  }
  const parsed = documentSchema.safeParse(input);
  if (!parsed.success) {
    return { problems: firstProblems(parsed.error.issues.map((i) => ({ field: jsonPath(i.path) || '(file)', message: `${jsonPath(i.path) || 'the file'}: ${i.message}` }))) };
  }
  const doc = parsed.data;
  let scenario: Scenario;
  try {
    scenario = parseScenario(doc.scenario, 'strict').scenario;
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return { problems: firstProblems(err.problems.map((p) => ({ field: `scenario.${p.field}`, message: `The file's scenario: ${p.message}` }))) };
  }
  if (doc.history.length !== doc.iteration) {
    return problem('history', `history has ${doc.history.length} rows, but the file says ${doc.iteration} iterations were trained.`);
  }
  const limit = snapshotLimit(scenario);
  for (const [key, array] of Object.entries(doc.snapshots)) {
    const size = array.shape.reduce((p, x) => p * x, 1);
    if (size > limit) return problem(`snapshots.${key}`, `snapshots.${key} holds ${size.toLocaleString('en')} values, more than an iteration of this scenario makes (at most ${limit.toLocaleString('en')}).`);
  }
  return { doc: { ...doc, scenario, state: doc.state as TrainedState } };
}

/** How a non-finite number is written in the file (JSON has none): {"$number": "NaN"}. */
const SPECIAL_NUMBERS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** The document as JSON text; NaN and infinities are written as {"$number": "NaN"} (JSON has none). */
export function policiesText(doc: PoliciesDocument): string {
  return JSON.stringify(doc, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v));
}

/**
 * "at position 25" in a JSON.parse message as the line and column a person looks for (newer V8,
 * as in Chromium, adds "(line 1 column 26)" itself: one form either way).
 */
function withLineAndColumn(message: string, text: string): string {
  return message.replace(/at position (\d+)(?: \(line \d+ column \d+\))?/, (_whole, p: string) => {
    const at = Number(p);
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
    return `at line ${line}, column ${at - (text.lastIndexOf('\n', at - 1) + 1) + 1}`;
  });
}

/**
 * Why a value could not be followed, where the error is V8's stack overflow (a RangeError):
 * lists and objects nested deeper than the stack while reading the text back with a reviver, or
 * while handing the value to the worker (postMessage copies it recursively). JSON.parse alone
 * reads any depth. Null for any other error.
 */
export function tooDeep(err: unknown): string | null {
  return err instanceof RangeError ? 'The file nests lists and objects inside one another too deeply to be followed (a policies file is a few levels deep), so it is not a policies file.' : null;
}

/**
 * A file's text as a value for checkPoliciesDocument; throws with the reason (and where) if it is
 * not JSON, or nested too deeply to read. Only the three numbers policiesText writes are read
 * back from {"$number": ...}; any other such object stays as it is, and the check names it where
 * a number was expected.
 */
export function readPoliciesText(text: string): unknown {
  try {
    // The reviver is called for every value: 2 s for a list of 5.5 million numbers in Node here,
    // against 0.1 s without. A text with no key ending in `number"` (as "$number" or an escaped
    // "\u0024number" would) holds nothing for it to read back.
    if (!text.includes('number"')) return JSON.parse(text);
    return JSON.parse(text, (_key, v) =>
      isRecord(v) && Object.keys(v).length === 1 && typeof v.$number === 'string' && Object.hasOwn(SPECIAL_NUMBERS, v.$number) ? SPECIAL_NUMBERS[v.$number] : v,
    );
  } catch (err) {
    throw new Error(tooDeep(err) ?? `Not JSON, so not a policies file (${withLineAndColumn((err as Error).message, text)}).`, { cause: err });
  }
}

/**
 * What the page says when a document is refused: where it came from and its problems. When its
 * trained state is refused, that state's scenario (environment, network size) is named, and where
 * the state does not fit it ("... in this scenario", StateReader's words for a mismatch), the
 * likely cause: a state saved from another environment or network size.
 */
export function policiesRefusal(from: string, input: unknown, problems: readonly FieldProblem[]): string {
  const said = problems.map((p) => (/[.?!]$/.test(p.message) ? p.message : `${p.message}.`)).join(' ');
  const scenario = isRecord(input) && isRecord(input.scenario) ? input.scenario : undefined;
  if (!problems.some((p) => p.field.startsWith('state')) || !scenario) return `${from} was not loaded. ${said}`;
  const size = typeof scenario.hidden === 'number' ? `, ${scenario.hidden} hidden units` : '';
  const mismatch = problems.some((p) => p.message.includes(' in this scenario'));
  const what = mismatch ? 'does not fit its own scenario' : 'was refused for its own scenario';
  const cause = mismatch ? ' Was it saved from another environment or network size?' : '';
  return `${from} was not loaded: its trained state ${what} (${String(scenario.env)}${size}). ${said}${cause}`;
}
