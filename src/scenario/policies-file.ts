/**
 * A trained lab as a file (or an IndexedDB record): the scenario, the metric history so the
 * charts redraw, and the experiment's trained state. Versioned by `format`, validated with zod
 * at the boundary; every refusal names what is wrong, and the scenario is judged by the same
 * rules and messages as a link.
 */
import { z } from 'zod';
import { APP_VERSION } from '../version';
import { encodedArraySchema, type EncodedArray } from '../engine/persist/arrays';
import type { TrainedState } from '../engine/experiment';
import type { Scenario } from './schema';
import { parseScenario, ScenarioError, type FieldProblem } from './validate';

export const POLICIES_KIND = 'adage-lab-policies';
/** Bumped when a change would make an older lab misread a file; older formats then get migrations. */
export const POLICIES_FORMAT = 1;

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

/** NaN and infinities pass the zod boundary (a metric is NaN where it was not measured). */
const anyNumber = z.custom<number>((v) => typeof v === 'number', { message: 'expected a number' });

const documentSchema = z.object({
  kind: z.literal(POLICIES_KIND),
  format: z.literal(POLICIES_FORMAT),
  app: z.string(),
  savedAt: z.string(),
  scenario: z.record(z.string(), z.unknown()),
  iteration: z.number().int().min(1),
  history: z.array(z.record(z.string(), anyNumber)),
  snapshots: z.record(z.string(), encodedArraySchema),
  state: z.record(z.string(), z.unknown()),
});

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const show = (x: unknown) => (JSON.stringify(x) ?? String(x)).slice(0, 40);

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
    return { problems: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(file)', message: `${i.path.join('.')}: ${i.message}` })) };
  }
  const doc = parsed.data;
  let scenario: Scenario;
  try {
    scenario = parseScenario(doc.scenario, 'strict').scenario;
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return { problems: err.problems.map((p) => ({ field: `scenario.${p.field}`, message: `The file's scenario: ${p.message}` })) };
  }
  if (doc.history.length !== doc.iteration) {
    return problem('history', `history has ${doc.history.length} rows, but the file says ${doc.iteration} iterations were trained.`);
  }
  return { doc: { ...doc, scenario, state: doc.state as TrainedState } };
}

/** The document as JSON text; NaN and infinities are written as {"$number": "NaN"} (JSON has none). */
export function policiesText(doc: PoliciesDocument): string {
  return JSON.stringify(doc, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v));
}

/** A file's text as a value for checkPoliciesDocument; throws with the reason if it is not JSON. */
export function readPoliciesText(text: string): unknown {
  try {
    return JSON.parse(text, (_key, v) => (isRecord(v) && Object.keys(v).length === 1 && typeof v.$number === 'string' ? Number(v.$number) : v));
  } catch (err) {
    throw new Error(`Not JSON, so not a policies file (${(err as Error).message}).`);
  }
}
