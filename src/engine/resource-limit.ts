/**
 * The guard against settings that would exhaust memory: every environment states what one
 * iteration holds per agent-step (its Workload), and a scenario whose estimate passes
 * MEMORY_LIMIT_BYTES is refused by the schema, naming the fields, their product and the limit,
 * before anything is allocated (links, the CLI, the form, the worker and loaded files all
 * validate with it).
 *
 * Bytes per agent-step, measured by bench/iteration-memory.ts (peak resident memory of one
 * iteration over the process's baseline, tfjs-wasm in Node; the wasm heap is most of it):
 * - a PPO iteration keeps its rollout (observations, actions, log-probabilities, values,
 *   rewards, advantages, returns) and, in the update, each minibatch's activations for the
 *   actor and the critic at every hidden unit: 240 to 820 bytes plus 60 to 65 bytes per hidden
 *   unit per agent-step (tax economy, cobweb, market maker at hidden 16 to 256), so
 *   800 + 65 hidden, 4,960 at hidden 64;
 * - the update sees each distinct row once (unique-rows.ts), so where followers share their
 *   view (the entrance game's traders of a market) only those rows carry activations;
 * - runs side by side (the tax economy's seeds, the market maker's baselines) play in turn, so
 *   each further run adds only its own rollout: 48 (tax economy) to 118 (market maker) bytes
 *   per agent-step, taken as 120;
 * - the differentiable entrance game's unrolled leader gradient keeps every follower's tape
 *   through the lookahead: 440 to 560 bytes per agent and lookahead step, taken as 560.
 * At 1 GB the lab stays well inside the wasm heap's 4 GiB (past which tfjs-wasm fails with
 * "memory access out of bounds", as runs = 200, n = 1000, unrollSteps = 50 did) and leaves
 * room for the browser, the page and a baseline run beside it.
 */
import type { z } from 'zod';
import { crossFieldIssue } from '../scenario/cross-field';

/** The most memory a scenario's iteration may need, by the estimate below. */
export const MEMORY_LIMIT_BYTES = 1e9;

/** Measured costs (see above), in bytes per agent-step. */
export const PPO_AGENT_STEP_BYTES = 800;
export const PPO_HIDDEN_UNIT_BYTES = 65;
export const SIDE_BY_SIDE_RUN_BYTES = 120;
export const UNROLLED_STEP_BYTES = 560;

/** One factor of the agent-steps, as the message writes it: `n`, `(economies + 2)`. */
export interface Factor {
  label: string;
  value: number;
}

/** What one iteration of a scenario holds, as its environment counts it. */
export interface Workload {
  /** The agent-steps of one iteration (of one run), as a product. */
  factors: Factor[];
  /** Estimated bytes per agent-step. */
  bytesPerAgentStep: number;
  /** The other settings the cost depends on, as the message writes them: `hidden = 64`. */
  at: string[];
  /** The fields a person may lower, in the order the message names them; the first is where a form shows the problem. */
  fields: [string, ...string[]];
}

export const agentSteps = (w: Workload) => w.factors.reduce((p, f) => p * f.value, 1);

export const estimatedBytes = (w: Workload) => agentSteps(w) * w.bytesPerAgentStep;

/** The most agent-steps an iteration may have at this workload's cost per agent-step. */
export const maxAgentSteps = (w: Workload) => Math.floor(MEMORY_LIMIT_BYTES / w.bytesPerAgentStep);

/**
 * A PPO iteration's bytes per agent-step at `hidden` units: `distinctShare` of the rows reach
 * the networks (1 unless followers share their view), `runs` play side by side.
 */
export function ppoBytesPerAgentStep(hidden: number, { distinctShare = 1, runs = 1 }: { distinctShare?: number; runs?: number } = {}): number {
  return PPO_AGENT_STEP_BYTES + PPO_HIDDEN_UNIT_BYTES * hidden * Math.min(1, distinctShare) + SIDE_BY_SIDE_RUN_BYTES * (runs - 1);
}

const count = (x: number) => x.toLocaleString('en');
/** "38 GB", "1.23 GB": two decimals below 10 GB, so an estimate just past the limit does not read as the limit. */
const gigabytes = (bytes: number) => `${bytes >= 1e10 ? Math.round(bytes / 1e9) : (bytes / 1e9).toFixed(2)} GB`;

/** "a, b or c" */
const either = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]);

/** Why the workload does not fit, or null if it does. */
export function workloadProblem(w: Workload): string | null {
  const bytes = estimatedBytes(w);
  if (bytes <= MEMORY_LIMIT_BYTES) return null;
  const at = w.at.length ? ` at ${w.at.join(', ')}` : '';
  const product = `${w.factors.map((f) => f.label).join(' × ')} = ${w.factors.map((f) => count(f.value)).join(' × ')} = ${count(agentSteps(w))}`;
  return (
    `${product} agent-steps per iteration would need about ${gigabytes(bytes)} of memory${at}; ` +
    `the lab allows ${MEMORY_LIMIT_BYTES / 1e9} GB, at most ${count(maxAgentSteps(w))} agent-steps here: lower ${either(w.fields)}`
  );
}

/** The schema rule (a zod superRefine) of an environment whose workload `workloadOf` states. */
export function checkWorkload<P>(workloadOf: (p: P) => Workload): (p: P, ctx: z.RefinementCtx) => void {
  return (p, ctx) => {
    const w = workloadOf(p);
    const problem = workloadProblem(w);
    if (problem) crossFieldIssue(ctx, w.fields, problem, { named: true });
  };
}
