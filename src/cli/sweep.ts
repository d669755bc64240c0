/**
 * A sweep: grid points x seeds as one task list, optionally one shard of it, run over the
 * pool; the result keeps every run's final figures so shards can be merged into exactly the
 * result of one unsharded run.
 */
import type { Scenario } from '../scenario/schema';
import { gridPoints, gridScenarios, inShard, type GridPoint, type Shard, type Vary } from './grid';
import { backendOf, runScenarios, type PoolOptions } from './pool';
import { FINAL_WINDOW, type FinalMetrics } from '../engine/metrics';
import { finalKeys, runFinals, summarise } from './run-metrics';
import { seedScenarios } from './scenario-input';

export const SWEEP_KIND = 'adage-lab/sweep';

export interface SweepRun {
  /** Index in the unsharded task list: grid point g, seed k -> g * seeds + k. */
  task: number;
  point: GridPoint;
  seed: number;
  final: FinalMetrics;
}

/** One row per grid point: the varied fields, how many runs, mean and std of each final figure. */
export type SweepRow = Record<string, number | string>;

export interface SweepResult {
  kind: typeof SWEEP_KIND;
  /** The base scenario; seeds are seed, seed + 1, ... */
  scenario: Scenario;
  vary: Vary[];
  seeds: number;
  finalWindow: number;
  shard: Shard | null;
  backend: string;
  runs: SweepRun[];
  rows: SweepRow[];
}

export interface SweepSpec {
  scenario: Scenario;
  vary: Vary[];
  seeds: number;
  shard: Shard | null;
}

interface Task {
  task: number;
  point: GridPoint;
  scenario: Scenario;
}

/** Every task of the grid, validated up front so a bad grid point fails before any training. */
function tasks({ scenario, vary, seeds }: SweepSpec): Task[] {
  const points = gridPoints(vary);
  return gridScenarios(scenario, points).flatMap((s, g) =>
    seedScenarios(s, seeds).map((seeded, k) => ({ task: g * seeds + k, point: points[g], scenario: seeded })),
  );
}

/** The tasks this sweep (or shard) will run, for sizing the progress bar before it starts. */
export function shardTasks(spec: SweepSpec): Task[] {
  return tasks(spec).filter((t) => inShard(t.task, spec.shard));
}

export async function runSweep(spec: SweepSpec, pool: PoolOptions): Promise<SweepResult> {
  const mine = shardTasks(spec);
  const results = await runScenarios(mine.map((t) => t.scenario), pool);
  const keys = finalKeys(spec.scenario);
  const runs = mine.map((t, i) => ({ task: t.task, point: t.point, seed: t.scenario.seed, final: runFinals(results[i], keys) }));
  return sweepResult(spec, backendOf(results), runs);
}

export function sweepResult(spec: SweepSpec, backend: string, runs: SweepRun[]): SweepResult {
  const sorted = [...runs].sort((a, b) => a.task - b.task);
  return {
    kind: SWEEP_KIND,
    scenario: spec.scenario,
    vary: spec.vary,
    seeds: spec.seeds,
    finalWindow: FINAL_WINDOW,
    shard: spec.shard,
    backend,
    runs: sorted,
    rows: sweepRows(spec, sorted),
  };
}

function sweepRows({ scenario, vary, seeds }: SweepSpec, runs: readonly SweepRun[]): SweepRow[] {
  const keys = finalKeys(scenario);
  const byPoint = new Map<number, SweepRun[]>();
  for (const r of runs) {
    const g = Math.floor(r.task / seeds);
    byPoint.set(g, [...(byPoint.get(g) ?? []), r]);
  }
  return gridPoints(vary).flatMap((point, g) => {
    const group = byPoint.get(g);
    if (!group) return [];
    const summary = summarise(group.map((r) => r.final), keys);
    const row: SweepRow = { ...point, runs: group.length };
    for (const key of keys) {
      row[`${key}Mean`] = summary[key].mean;
      row[`${key}Std`] = summary[key].std;
    }
    return [row];
  });
}
