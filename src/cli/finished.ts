/**
 * `adage-lab finished`: the finished runs that ship with the lab (public/finished/), so that a
 * class sees a preset's result at once ("Show the finished run") instead of after minutes of
 * training. Each preset's scenario (its opening variant, seeded as the results report's first
 * seed) and its baseline are trained to the end and written as policies files, the same
 * documents the lab saves, with an index of their final figures; finished.test.ts loads
 * every file and checks it against the index and against a fresh first iteration. With --presets
 * only those presets' files are made, and the index keeps the others' entries.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finalMetrics, type FinalMetrics } from '../engine/metrics';
import { policiesDocument, policiesText } from '../scenario/policies-file';
import { moduleOf, type Scenario } from '../scenario/schema';
import { APP_VERSION } from '../version';
import { FINISHED_INDEX, FINISHED_KIND, finishedFiles, type FinishedEntry, type FinishedIndex } from '../scenario/finished-files';
import { backendOf, runScenarios } from './pool';
import { Progress } from './progress';
import { planReport } from './report';
import type { IterationRow } from './run-metrics';
import type { TaskResult } from './task-worker';

export interface FinishedOptions {
  presets?: string;
  quick?: boolean;
  workers?: number;
  /** The folder the files go to (public/finished for the lab's own). */
  out: string;
}

/** The environment's metrics of each row (a policies file's history has no wall times). */
function history(scenario: Scenario, rows: readonly IterationRow[]): Record<string, number>[] {
  const keys = moduleOf(scenario).metrics.map((m) => m.key);
  return rows.map((row) => Object.fromEntries([['iteration', row.iteration], ...keys.map((k) => [k, row[k] ?? NaN])]));
}

/** The finite figures of `rows`' final window. */
export function finishedFigures(rows: readonly Record<string, number>[], keys: readonly string[]): FinalMetrics {
  return Object.fromEntries(Object.entries(finalMetrics(rows, keys)).filter(([, v]) => Number.isFinite(v)));
}

function write(out: string, name: string, scenario: Scenario, result: TaskResult): Record<string, number>[] {
  const rows = history(scenario, result.rows);
  writeFileSync(join(out, name), policiesText(policiesDocument(scenario, rows, result.snapshots ?? {}, result.state!)));
  return rows;
}

export async function finishedCommand(o: FinishedOptions): Promise<void> {
  const experiments = planReport({ seeds: 1, evaluate: 0, presets: o.presets, quick: o.quick, out: o.out });
  const scenarios = experiments.flatMap((x) => [x.scenario, x.baseline]);
  const progress = new Progress('finished', scenarios.reduce((n, s) => n + moduleOf(s).iterations(s), 0));
  const results = await runScenarios(scenarios, { workers: o.workers, snapshots: true, state: true, onProgress: (k) => progress.advance(k) }).finally(() => progress.stop());
  mkdirSync(o.out, { recursive: true });
  const indexFile = join(o.out, FINISHED_INDEX);
  const runs: Record<string, FinishedEntry> = existsSync(indexFile) ? (JSON.parse(readFileSync(indexFile, 'utf8')) as FinishedIndex).runs : {};
  experiments.forEach((x, i) => {
    const files = finishedFiles(x.preset.id);
    const rows = write(o.out, files.run, x.scenario, results[2 * i]);
    const baselineRows = write(o.out, files.baseline, x.baseline, results[2 * i + 1]);
    const backend = backendOf(results.slice(2 * i, 2 * i + 2));
    runs[x.preset.id] = { iteration: rows.length, backend, final: finishedFigures(rows, x.preset.finalKeys), baselineFinal: finishedFigures(baselineRows, x.preset.finalKeys) };
  });
  const index: FinishedIndex = { kind: FINISHED_KIND, app: APP_VERSION, runs };
  writeFileSync(indexFile, `${JSON.stringify(index, null, 2)}\n`);
  process.stderr.write(`finished: ${experiments.length} presets with their baselines in ${o.out}\n`);
}
