/**
 * Sweep grids: `--vary c=0.2:0.8:0.2` (inclusive range) or `--vary n=10,100` (a list), their
 * cartesian product, and the deterministic `--shard i/k` slice of the task list.
 */
import { decimalNumber } from '../scenario/decimal';
import type { Scenario } from '../scenario/schema';
import { isScenarioField, ScenarioError, scenarioFields } from '../scenario/validate';
import { UsageError, withFields } from './scenario-input';

export type FieldValue = number | string;
export type GridPoint = Record<string, FieldValue>;

export interface Vary {
  field: string;
  values: FieldValue[];
}

/** Fields a grid may not vary: env picks the schema, and seeds come from --seeds. */
const FIXED_FIELDS = ['env', 'seed'];

function decimals(text: string): number {
  const m = /\.(\d+)/.exec(text) ?? null;
  const exp = /e(-?\d+)$/i.exec(text);
  return (m ? m[1].length : 0) - (exp ? Number(exp[1]) : 0);
}

/**
 * a:b:step, inclusive of b. Values are a + i step rounded to the inputs' decimals, so
 * 0.2:0.8:0.2 gives 0.2, 0.4, 0.6, 0.8 and not 0.6000000000000001.
 */
function range(spec: string, text: string): number[] {
  const parts = text.split(':');
  const [a, b, step] = parts.map((p) => decimalNumber(p.trim()) ?? NaN);
  if (parts.length !== 3 || ![a, b, step].every(Number.isFinite)) throw new UsageError(`--vary ${spec}: a range is start:end:step with three numbers`);
  if (step <= 0 || b < a) throw new UsageError(`--vary ${spec}: a range needs start <= end and a positive step`);
  const digits = Math.max(0, ...parts.map(decimals));
  const count = Math.floor((b - a) / step + 1e-9) + 1;
  if (count > 10_000) throw new UsageError(`--vary ${spec}: ${count} values is too many`);
  return Array.from({ length: count }, (_, i) => Number((a + i * step).toFixed(digits)));
}

/** A list's item: a decimal number, or text for the schema to judge (a leader's name). */
function listValue(text: string): FieldValue {
  return decimalNumber(text.trim()) ?? text.trim();
}

export function parseVary(spec: string, scenario: Scenario): Vary {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) throw new UsageError(`--vary ${spec}: expected field=start:end:step or field=v1,v2,...`);
  const field = spec.slice(0, eq).trim();
  const text = spec.slice(eq + 1);
  if (!isScenarioField(scenario.env, field)) throw new UsageError(`--vary ${spec}: unknown scenario field ${field}; fields: ${Object.keys(scenarioFields(scenario.env)).join(', ')}`);
  if (FIXED_FIELDS.includes(field)) throw new UsageError(`--vary ${spec}: ${field} cannot be varied${field === 'seed' ? ' (use --seeds)' : ''}`);
  const values = text.includes(':') ? range(spec, text) : text.split(',').map(listValue);
  return { field, values };
}

export function describePoint(point: GridPoint): string {
  return Object.entries(point).map(([k, v]) => `${k}=${v}`).join(', ') || '(base scenario)';
}

/**
 * The most runs (grid points x seeds) one sweep takes, shards together. Each run trains for
 * seconds at least, so more is a typo, not a plan: two fine ranges (n=2:1000:1 with
 * c=0.001:0.999:0.001, about 10^6 points) once built their scenarios for minutes and passed 1 GB
 * before anything was said.
 */
export const MAX_SWEEP_RUNS = 100_000;

/** Refuses a grid (none for `run`) over MAX_SWEEP_RUNS with its seeds, counted before any point is built; the message names each --vary and the product. */
export function checkGridSize(vary: readonly Vary[], seeds: number): void {
  const points = vary.reduce((n, v) => n * v.values.length, 1);
  const runs = points * seeds;
  if (runs <= MAX_SWEEP_RUNS) return;
  const factors = [...vary.map((v) => `--vary ${v.field} (${v.values.length.toLocaleString('en-US')} values)`), `--seeds ${seeds.toLocaleString('en-US')}`].join(' x ');
  throw new UsageError(`${factors} = ${runs.toLocaleString('en-US')} runs, more than the ${MAX_SWEEP_RUNS.toLocaleString('en-US')} one command takes: use coarser steps or fewer values`);
}

/** The cartesian product, the first --vary outermost. */
export function gridPoints(vary: readonly Vary[]): GridPoint[] {
  let points: GridPoint[] = [{}];
  for (const { field, values } of vary) points = points.flatMap((p) => values.map((v) => ({ ...p, [field]: v })));
  return points;
}

/** Each grid point's scenario, validated; a bad value names the field and the grid point. */
export function gridScenarios(base: Scenario, points: readonly GridPoint[]): Scenario[] {
  return points.map((point) => {
    try {
      return withFields(base, point);
    } catch (err) {
      if (err instanceof ScenarioError) {
        throw new ScenarioError(err.problems.map((p) => ({ ...p, message: `grid point ${describePoint(point)}: ${p.message}` })));
      }
      throw err;
    }
  });
}

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) throw new UsageError(`--shard ${text}: expected i/k with 1 <= i <= k, e.g. 2/4`);
  return { index, count };
}

/** A shard and where its index came from, for the messages. */
export interface ResolvedShard {
  shard: Shard;
  /** "--shard 2/4", "SLURM_ARRAY_TASK_ID=1 of 0-3", "JOB_COMPLETION_INDEX=1 with --shards 4". */
  source: string;
  /** Taken from a job array's environment rather than given. */
  fromJob: boolean;
}

/** A whole number from an environment variable, or a UsageError naming it. */
function envInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const x = Number(text);
  if (!Number.isInteger(x) || x < 0) throw new UsageError(`${name}=${text}: expected a whole number from 0`);
  return x;
}

/**
 * The shard of this process: `--shard i/k`; else, in a Slurm job array or a Kubernetes Indexed
 * Job, the array task's place (SLURM_ARRAY_TASK_ID, counted from SLURM_ARRAY_TASK_MIN in steps of
 * SLURM_ARRAY_TASK_STEP) or JOB_COMPLETION_INDEX (from 0), as shard index + 1, of k shards:
 * `--shards k`, or SLURM_ARRAY_TASK_COUNT (a Job's completions are not in its pods'
 * environment, so an Indexed Job gives --shards). null: no shard, the whole task list.
 */
export function resolveShard(text: string | undefined, shards: number | undefined, env: NodeJS.ProcessEnv): ResolvedShard | null {
  if (text !== undefined) {
    if (shards !== undefined) throw new UsageError('give --shard i/k or --shards k (the index from the job array), not both');
    return { shard: parseShard(text), source: `--shard ${text}`, fromJob: false };
  }
  const slurm = envInteger(env, 'SLURM_ARRAY_TASK_ID');
  const indexed = envInteger(env, 'JOB_COMPLETION_INDEX');
  if (slurm !== undefined) {
    const min = envInteger(env, 'SLURM_ARRAY_TASK_MIN') ?? 0;
    const step = envInteger(env, 'SLURM_ARRAY_TASK_STEP') || 1;
    const tasks = envInteger(env, 'SLURM_ARRAY_TASK_COUNT');
    if (shards !== undefined && tasks !== undefined && shards !== tasks) {
      throw new UsageError(`--shards ${shards}, but this Slurm array has SLURM_ARRAY_TASK_COUNT=${tasks} tasks: one shard per task`);
    }
    const count = shards ?? tasks;
    if (count === undefined) throw new UsageError(`SLURM_ARRAY_TASK_ID=${slurm} is set but not SLURM_ARRAY_TASK_COUNT: give --shards k`);
    const offset = (slurm - min) / step;
    if (!Number.isInteger(offset) || offset < 0 || offset >= count) {
      throw new UsageError(`SLURM_ARRAY_TASK_ID=${slurm} is not one of ${count} tasks from ${min} in steps of ${step}: run the sweep as an array --array=${min}-${min + (count - 1) * step}${step > 1 ? `:${step}` : ''}, or give --shard i/k`);
    }
    return { shard: { index: offset + 1, count }, source: `SLURM_ARRAY_TASK_ID=${slurm} of ${count} tasks from ${min}`, fromJob: true };
  }
  if (indexed !== undefined) {
    if (shards === undefined) throw new UsageError(`JOB_COMPLETION_INDEX=${indexed} is set: give --shards k, the Job's completions`);
    if (indexed >= shards) throw new UsageError(`JOB_COMPLETION_INDEX=${indexed} is not below --shards ${shards}: indexes run from 0 to completions - 1`);
    return { shard: { index: indexed + 1, count: shards }, source: `JOB_COMPLETION_INDEX=${indexed} with --shards ${shards}`, fromJob: true };
  }
  if (shards !== undefined) throw new UsageError(`--shards ${shards} takes this process's index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX, and neither is set: give --shard i/k`);
  return null;
}

/**
 * Task j belongs to shard (j mod k) + 1: round robin, so heavy grid points (large n) spread
 * over the shards instead of landing in one.
 */
export function inShard(task: number, shard: Shard | null): boolean {
  return !shard || task % shard.count === shard.index - 1;
}
