/** `adage-lab sweep` and `adage-lab merge`. */
import { checkGridSize, describePoint, parseVary, resolveShard, type ResolvedShard, type Vary } from './grid';
import { mergeSweeps, readSweep } from './merge';
import { checkWritable, isCsv, writeResult } from './output';
import { Progress } from './progress';
import { describeSummary, evaluationNote, finalKeys, FINAL_NOTE } from './run-metrics';
import { cliScenario, UsageError } from './scenario-input';
import { runSweep, shardTasks, type SweepResult, type SweepSpec } from './sweep';
import { moduleOf } from '../scenario/schema';

export interface SweepOptions {
  scenario: string;
  vary: string[];
  seeds: number;
  iterations?: number;
  workers?: number;
  shard?: string;
  shards?: number;
  out?: string;
  evaluate?: number;
}

/**
 * This process's shard (--shard i/k, or a job array's index with --shards k; see resolveShard),
 * which must write JSON: merge needs every run's figures.
 */
export function shardOption(o: { shard?: string; shards?: number; out?: string }, env: NodeJS.ProcessEnv = process.env): ResolvedShard | null {
  const resolved = resolveShard(o.shard, o.shards, env);
  if (resolved && (!o.out || isCsv(o.out))) {
    const whole = resolved.fromJob ? ' (or --shard 1/1 to run the whole sweep in this job)' : '';
    throw new UsageError(`a shard (${resolved.source}) needs --out with a .json name: merge joins the parts${whole}`);
  }
  return resolved;
}

/** Runs a sweep spec with a progress bar; shared with table2. */
export async function sweepWithProgress(label: string, spec: SweepSpec, workers: number | undefined, evaluate?: number): Promise<SweepResult> {
  const total = shardTasks(spec).reduce((n, t) => n + moduleOf(t.scenario).iterations(t.scenario), 0);
  const progress = new Progress(label, total);
  return runSweep(spec, { workers, evaluate, onProgress: (k) => progress.advance(k) }).finally(() => progress.stop());
}

export async function sweepCommand(o: SweepOptions): Promise<void> {
  const resolved = shardOption(o);
  checkWritable('--out', o.out);
  const shard = resolved?.shard ?? null;
  const scenario = cliScenario(o.scenario, o.iterations);
  const vary: Vary[] = o.vary.map((spec) => parseVary(spec, scenario));
  const fields = vary.map((v) => v.field);
  const twice = fields.find((f, i) => fields.indexOf(f) !== i);
  if (twice) throw new UsageError(`--vary ${twice} is given twice`);
  checkGridSize(vary, o.seeds);
  const result = await sweepWithProgress(shard ? `sweep ${shard.index}/${shard.count}` : 'sweep', { scenario, vary, seeds: o.seeds, shard }, o.workers, o.evaluate);
  writeResult(o.out, result, result.rows);
  process.stderr.write(`${result.rows.length} grid point(s) x ${o.seeds} seed(s)${resolved ? `, shard ${resolved.shard.index}/${resolved.shard.count} (${resolved.source}): ${result.runs.length} runs` : ''}; ${o.evaluate ? evaluationNote(o.evaluate) : FINAL_NOTE}\n`);
  const keys = finalKeys(scenario);
  for (const row of result.rows) {
    const point = Object.fromEntries(fields.map((f) => [f, row[f]]));
    const summary = Object.fromEntries(keys.map((k) => [k, { mean: Number(row[`${k}Mean`]), std: Number(row[`${k}Std`]) }]));
    process.stderr.write(`  ${describePoint(point)}: ${describeSummary(summary)}\n`);
  }
}

export function mergeCommand(files: string[], o: { out?: string }): void {
  checkWritable('--out', o.out);
  const merged = mergeSweeps(files.map((name) => ({ name, result: readSweep(name) })));
  writeResult(o.out, merged, merged.rows);
  process.stderr.write(`merged ${files.length} file(s): ${merged.runs.length} runs, ${merged.rows.length} grid point(s)\n`);
}
