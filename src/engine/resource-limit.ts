/**
 * The guard against settings that would exhaust memory or write a checkpoint no string can hold.
 * Every environment states what a run of a scenario needs (its Workload, from its module): an
 * iteration's agent-steps and bytes per agent-step, what each run holds in tfjs variables (its
 * networks, counted from their layer sizes by rl/parameter-count.ts, with Adam's two moments per
 * parameter), and the history every checkpoint carries. A scenario whose estimate passes
 * MEMORY_LIMIT_BYTES, or whose last checkpoint would pass CHECKPOINT_LIMIT_CHARS, is refused by
 * the schema (defineEnv gives every module's schema the rule), naming its largest parts, the
 * estimate, the limit and the fields to lower, before anything is allocated (links, the CLI, the
 * form, the worker and loaded files all validate with it).
 *
 * Measured by bench/iteration-memory.ts: the peak resident memory over a fresh Node process's
 * baseline (tfjs-wasm, this 2-core machine) of building the experiment, two iterations and the
 * run's last checkpoint as the session takes it (saveState, the policies document with a history
 * row per iteration of the run, its JSON text).
 *
 * An iteration's work, per agent-step (the wasm heap is most of it):
 * - a PPO iteration keeps its rollout (observations, actions, log-probabilities, values,
 *   rewards, advantages, returns) and, in the update, each minibatch's activations for the
 *   actor and the critic at every hidden unit: 240 to 820 bytes plus 60 to 65 bytes per hidden
 *   unit per agent-step (tax economy, cobweb, market maker at hidden 16 to 256; 4,217, 4,826
 *   and 4,360 bytes per extra agent-step at hidden 64), so 800 + 65 hidden, 4,960 at hidden 64;
 * - the update sees each distinct row once (unique-rows.ts), so where followers share their
 *   view (the entrance game's traders of a market) only those rows carry activations;
 * - runs side by side (the tax economy's seeds, the market maker's baselines) play in turn, so
 *   each further run adds only its own rollout and what its iteration leaves: 48 (tax economy)
 *   to 118 (market maker) bytes per agent-step over one iteration, and with two and the
 *   checkpoint 21 baselines at markets = 256, horizon = 128 peaked 269 to 278 MiB, about 170
 *   per agent-step and further run beyond the rest: taken as 240;
 * - the differentiable entrance game's unrolled leader gradient keeps every follower's tape
 *   through the lookahead: 440 to 560 bytes per agent and lookahead step, taken as 560.
 *
 * What a run holds:
 * - each value in a tfjs variable (a parameter, each of Adam's two moments of it, flat-adam.ts;
 *   the differentiable game's strategies and sums): 4 bytes in the wasm heap, and while the
 *   checkpoint is taken its copy read back, its bytes and their binary string (4 each), its
 *   base64 in the document and again in the JSON text (16/3 each), every run's at once (the
 *   market maker saves its baselines together): 28 bytes (market makers at hidden 512, 1.6
 *   million values each: 27 bytes per value all told at 17 runs, 718 MiB; 16 between 9 and 17);
 * - the update, one run at a time: its gradients and Adam's temporaries, about twenty vectors as
 *   long as the parameters: 100 bytes per parameter (one market maker at hidden 512, 543,766
 *   parameters, grew the wasm heap to 58 MiB);
 * - 48 MB for the lab (tfjs-wasm's first heap, its compiled kernels, the engine's code) and 3 MB
 *   per run (its trainer, its environment, and the garbage an iteration leaves until V8 collects
 *   it): the defaults of one run peaked 3 to 16 MiB above what the rest counts, the market
 *   maker's six runs 49, each of 101 market makers at the defaults added 2.3 MiB (253 MiB in
 *   all), and each of 21 at hidden 8 on one market 4;
 * - the history, each number (the iteration and each figure, every iteration) in the session's
 *   columns (8 bytes) and the document's rows (about 20: a boxed double and its slot), then in
 *   the JSON text, a byte a character: 28 + 32 bytes (48 measured per number of the
 *   differentiable game's, 20 characters each, from 10,000 to 100,000 iterations).
 * A checkpoint's characters: base64 of each value's 4 bytes, 16/3 (exact: the table), and 32 per
 * number of the history (the most seen: 30 in the Cournot market's rows, 27 in the supply
 * chain's, 20 in the differentiable game's). Left out: the environments' carried state and
 * snapshots (their markets, chains, target windows), at most 23 characters per agent-step (the
 * supply chain: 2.2 million at 99,328 agent-steps), so about 5 million within the memory limit,
 * and a Bayesian leader's observations; CHECKPOINT_LIMIT_CHARS's margin under V8's covers them.
 * Not measured here: in the browser the worker posts each checkpoint to the page, which keeps a
 * copy and writes it to IndexedDB.
 *
 * Every environment at its defaults and at a large size the schema takes: the peak (the highest
 * of three runs), the estimate, and the checkpoint's length and its estimate:
 *
 * | scenario                                                             | peak (MiB) | estimate (MiB) | checkpoint (million characters) | estimate |
 * | -------------------------------------------------------------------- | ---------: | -------------: | ------------------------------: | -------: |
 * | entrance-tobin                                                       |         53 |             99 |                            0.24 |     0.24 |
 * | entrance-tobin hidden = 512, horizon = 64                            |        195 |            309 |                            8.66 |     8.66 |
 * | entrance-diff                                                        |         14 |             49 |                            0.04 |     0.04 |
 * | entrance-diff n = 1000, runs = 20, I = 100 N, unrolled over 10 steps |        145 |            226 |                           19.63 |    38.83 |
 * | cobweb                                                               |         37 |             75 |                            0.36 |     0.32 |
 * | cobweb hidden = 512                                                  |        232 |            307 |                            8.92 |     8.88 |
 * | cournot                                                              |         25 |             59 |                            0.39 |     0.36 |
 * | cournot hidden = 512                                                 |        127 |            199 |                            8.96 |     8.94 |
 * | supply-chain                                                         |         31 |             64 |                            0.57 |     0.44 |
 * | supply-chain hidden = 512                                            |        153 |            233 |                            9.11 |     8.97 |
 * | tax-economy                                                          |         43 |             78 |                            0.35 |     0.34 |
 * | tax-economy hidden = 256, seeds = 8                                  |        186 |            277 |                           18.15 |    18.05 |
 * | market-maker                                                         |         67 |             81 |                            1.14 |     1.11 |
 * | market-maker hidden = 512, 4 markets, horizon = 16, 12 omegas        |        570 |            704 |                          113.22 |   113.19 |
 * | pigouvian                                                            |         14 |             53 |                            0.26 |     0.26 |
 * | pigouvian hidden = 512                                               |         99 |            161 |                            8.82 |     8.82 |
 *
 * The issue's link (market maker, hidden 512, 100 omegas): 101 runs of 543,766 parameters, 659 MB
 * of variables and a checkpoint of 878,725,856 characters; about 5.14 GB by the estimate.
 * At 1 GB the lab stays well inside the wasm heap's 4 GiB (past which tfjs-wasm fails with
 * "memory access out of bounds", as runs = 200, n = 1000, unrollSteps = 50 did) and leaves
 * room for the browser, the page and a baseline run beside it.
 */
import type { z } from 'zod';
import { crossFieldIssue } from '../scenario/cross-field';

/** The most memory a scenario's run may need, by the estimate below. */
export const MEMORY_LIMIT_BYTES = 1e9;

/**
 * The longest checkpoint (the trained lab as JSON text) a scenario may write. V8 holds at most
 * 2^29 - 24 = 536,870,888 characters in one string (Chromium and Node: 'a'.repeat(2 ** 29)
 * throws "Invalid string length"); past it every checkpoint, taken every 3 s, fails, and so
 * does saving the lab to a file. Half of it leaves room for what the estimate leaves out (see
 * above: the environments' carried state and snapshots, a Bayesian leader's observations).
 */
export const CHECKPOINT_LIMIT_CHARS = 250e6;

/** Measured costs (see above), in bytes per agent-step. */
export const PPO_AGENT_STEP_BYTES = 800;
export const PPO_HIDDEN_UNIT_BYTES = 65;
export const SIDE_BY_SIDE_RUN_BYTES = 240;
export const UNROLLED_STEP_BYTES = 560;

/** Measured costs of what a run holds and its checkpoint writes (see above). */
export const BASE_BYTES = 48e6;
export const RUN_BYTES = 3e6;
export const HELD_VALUE_BYTES = 28;
export const UPDATED_PARAMETER_BYTES = 100;
/** A value held as float32 is written as base64 of its 4 bytes. */
export const CHECKPOINT_CHARS_PER_VALUE = 16 / 3;
export const HISTORY_CHARS_PER_NUMBER = 32;
export const HISTORY_NUMBER_BYTES = 28 + HISTORY_CHARS_PER_NUMBER;

/** One factor of the agent-steps, as the message writes it: `n`, `(economies + 2)`. */
export interface Factor {
  label: string;
  value: number;
}

/** What one iteration of a scenario works on, as its environment counts it (its config). */
export interface IterationWork {
  /** The agent-steps of one iteration (of one run), as a product. */
  factors: Factor[];
  /** Estimated bytes per agent-step. */
  bytesPerAgentStep: number;
  /** The other settings the cost depends on, as the message writes them: `hidden = 64`. */
  at: string[];
  /** The fields a person may lower to shorten it, in the order the message names them. */
  fields: [string, ...string[]];
}

/** What a run holds from its start to its end in tfjs variables, and every checkpoint saves. */
export interface Held {
  /** Runs side by side, each holding what follows (the tax economy's seeds; the conditional market maker and a baseline per omega). */
  runs: number;
  /** Each run's parameters that Adam trains (the followers' actor and critic, a PPO leader's): each is held with Adam's two moments. */
  parameters: number;
  /** Each run's other values held (the differentiable game's strategies and sums). */
  values: number;
  /** What the runs are (several), or the values (no parameters), as the message writes it: "seeds = 8". */
  what?: string;
  /** The settings their size depends on, as the message writes them: `hidden = 512`. */
  at: string[];
  /** The fields that set them, most effective first. */
  fields: [string, ...string[]];
}

/** The run's figures: every checkpoint carries the history of the run so far, a row per iteration. */
export interface History {
  iterations: number;
  /** Numbers in a row: the iteration and each of the environment's figures. */
  numbers: number;
  /** The fields that set the run's length. */
  fields: [string, ...string[]];
}

/** What a scenario's run needs, as its environment counts it (its module), for the memory and checkpoint limits. */
export interface Workload extends IterationWork {
  held: Held;
  history: History;
}

export const agentSteps = (w: IterationWork) => w.factors.reduce((p, f) => p * f.value, 1);

/** Values held in tfjs variables by all the runs together. */
export const heldValues = (h: Held) => h.runs * (3 * h.parameters + h.values);

/** One part of the estimate, as the message names it. */
interface Part {
  words: string;
  bytes: number;
  chars: number;
  fields: readonly string[];
}

const count = (x: number) => x.toLocaleString('en');

/** "networks of 21,508 parameters at hidden = 64", "9 runs (...) of 545,238 parameters each at hidden = 512". */
function heldWords(h: Held): string {
  const at = h.at.length ? ` at ${h.at.join(', ')}` : '';
  if (!h.parameters) return `${count(heldValues(h))} values (${h.what})${at}`;
  return h.runs > 1 ? `${count(h.runs)} runs (${h.what}) of ${count(h.parameters)} parameters each${at}` : `networks of ${count(h.parameters)} parameters${at}`;
}

function parts(w: Workload): Part[] {
  const at = w.at.length ? ` at ${w.at.join(', ')}` : '';
  const product = `${w.factors.map((f) => f.label).join(' × ')} = ${w.factors.map((f) => count(f.value)).join(' × ')} = ${count(agentSteps(w))}`;
  const { held, history } = w;
  const numbers = history.iterations * history.numbers;
  return [
    { words: `${product} agent-steps per iteration${at}`, bytes: agentSteps(w) * w.bytesPerAgentStep, chars: 0, fields: w.fields },
    {
      words: heldWords(held),
      // Every run's fixed cost and values, and the update's gradients and Adam's temporaries for one run at a time.
      bytes: held.runs * RUN_BYTES + heldValues(held) * HELD_VALUE_BYTES + held.parameters * UPDATED_PARAMETER_BYTES,
      chars: heldValues(held) * CHECKPOINT_CHARS_PER_VALUE,
      fields: held.fields,
    },
    { words: `a history of ${count(history.iterations)} iterations`, bytes: numbers * HISTORY_NUMBER_BYTES, chars: numbers * HISTORY_CHARS_PER_NUMBER, fields: history.fields },
  ];
}

/** An amount (bytes, characters) summed over the parts. */
const total = (all: readonly Part[], amount: (p: Part) => number) => all.reduce((n, p) => n + amount(p), 0);

/** The estimated peak memory of the run: the lab's own, its iteration's work, what it holds, and its last checkpoint. */
export const estimatedBytes = (w: Workload) => BASE_BYTES + total(parts(w), (p) => p.bytes);

/** The estimated length of its last checkpoint's JSON text. */
export const checkpointChars = (w: Workload) => total(parts(w), (p) => p.chars);

/**
 * A PPO iteration's bytes per agent-step at `hidden` units: `distinctShare` of the rows reach
 * the networks (1 unless followers share their view), `runs` play side by side.
 */
export function ppoBytesPerAgentStep(hidden: number, { distinctShare = 1, runs = 1 }: { distinctShare?: number; runs?: number } = {}): number {
  return PPO_AGENT_STEP_BYTES + PPO_HIDDEN_UNIT_BYTES * hidden * Math.min(1, distinctShare) + SIDE_BY_SIDE_RUN_BYTES * (runs - 1);
}

/** "38 GB", "1.23 GB": two decimals below 10 GB, so an estimate just past the limit does not read as the limit. */
const gigabytes = (bytes: number) => `${bytes >= 1e10 ? Math.round(bytes / 1e9) : (bytes / 1e9).toFixed(2)} GB`;
/** "880 million": whole millions rounded up, so an estimate just past the limit does not read as the limit. */
const millions = (chars: number) => `${count(Math.ceil(chars / 1e6))} million`;

/** "a, b or c" */
const either = (names: readonly string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]);

/**
 * The parts that make an amount, leaving out those under a twentieth of it (a network of 21,000
 * parameters beside 10^6 agent-steps): the message names what to lower.
 */
const named = (all: Part[], amount: (p: Part) => number) => all.filter((p) => amount(p) >= total(all, amount) / 20);

/**
 * Why the workload does not fit, naming its largest parts, the estimates and the limits, and the
 * fields to lower (those of the largest part first); null if it fits.
 */
export function workloadProblem(w: Workload): { message: string; fields: [string, ...string[]] } | null {
  const all = parts(w);
  const bytes = BASE_BYTES + total(all, (p) => p.bytes);
  const chars = total(all, (p) => p.chars);
  const tooLarge = bytes > MEMORY_LIMIT_BYTES;
  const tooLong = chars > CHECKPOINT_LIMIT_CHARS;
  if (!tooLarge && !tooLong) return null;
  const ps = [...new Set([...(tooLarge ? named(all, (p) => p.bytes) : []), ...(tooLong ? named(all, (p) => p.chars) : [])])].sort((a, b) => b.bytes - a.bytes);
  const subject = ps.length > 1 && tooLarge ? ps.map((p) => `${p.words} (${gigabytes(p.bytes)})`).join(' and ') : ps.map((p) => p.words).join(' and ');
  // Where the agent-steps are named: how many fit beside the rest.
  const rest = bytes - all[0].bytes;
  const atMost = tooLarge && ps.includes(all[0]) && rest < MEMORY_LIMIT_BYTES ? `, at most ${count(Math.floor((MEMORY_LIMIT_BYTES - rest) / w.bytesPerAgentStep))} agent-steps here` : '';
  const need = [tooLarge && `need about ${gigabytes(bytes)} of memory`, tooLong && `make a checkpoint of about ${millions(chars)} characters`].filter(Boolean).join(' and ');
  const allow = [tooLarge && `${MEMORY_LIMIT_BYTES / 1e9} GB${atMost}`, tooLong && `${millions(CHECKPOINT_LIMIT_CHARS)} characters (a JavaScript string holds at most ${count(2 ** 29 - 24)})`].filter(Boolean).join(' and ');
  const fields = [...new Set(ps.flatMap((p) => p.fields))] as [string, ...string[]];
  return { message: `${subject} would ${need}; the lab allows ${allow}: lower ${either(fields)}`, fields };
}

/** The schema rule (a zod superRefine) of an environment whose workload `workloadOf` states. */
export function checkWorkload<P>(workloadOf: (p: P) => Workload): (p: P, ctx: z.RefinementCtx) => void {
  return (p, ctx) => {
    const problem = workloadProblem(workloadOf(p));
    if (problem) crossFieldIssue(ctx, problem.fields, problem.message, { named: true });
  };
}
