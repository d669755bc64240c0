/** Joins the outputs of `sweep --shard i/k` into the result of one unsharded sweep. */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { backendOf } from './pool';
import { UsageError } from './scenario-input';
import { sweepResult, SWEEP_KIND, type SweepResult } from './sweep';

export function readSweep(name: string): SweepResult {
  let result: SweepResult;
  try {
    result = JSON.parse(readFileSync(name, 'utf8')) as SweepResult;
  } catch (err) {
    throw new UsageError(`cannot read ${name} as JSON: ${(err as Error).message}`);
  }
  if (result?.kind !== SWEEP_KIND) throw new UsageError(`${name} is not a sweep output in JSON (kind "${SWEEP_KIND}")`);
  return result;
}

export function mergeSweeps(parts: readonly { name: string; result: SweepResult }[]): SweepResult {
  if (parts.length === 0) throw new UsageError('merge needs at least one sweep output');
  const first = parts[0].result;
  const spec = { scenario: first.scenario, vary: first.vary, seeds: first.seeds, shard: null };
  for (const { name, result } of parts.slice(1)) {
    const same = isDeepStrictEqual(
      [result.scenario, result.vary, result.seeds, result.finalWindow],
      [first.scenario, first.vary, first.seeds, first.finalWindow],
    );
    if (!same) throw new UsageError(`${name} is from a different sweep than ${parts[0].name} (scenario, --vary, --seeds or final window differ)`);
  }
  const total = first.seeds * first.vary.reduce((n, v) => n * v.values.length, 1);
  const seen = new Map<number, string>();
  for (const { name, result } of parts) {
    for (const run of result.runs) {
      const other = seen.get(run.task);
      if (other !== undefined) throw new UsageError(`task ${run.task} is in both ${other} and ${name}: a shard was given twice?`);
      seen.set(run.task, name);
    }
  }
  const missing = Array.from({ length: total }, (_, t) => t).filter((t) => !seen.has(t));
  if (missing.length) {
    const counts = [...new Set(parts.map((p) => p.result.shard?.count))].filter(Boolean);
    throw new UsageError(`${missing.length} of ${total} tasks are missing (e.g. task ${missing[0]})${counts.length ? `; expected all ${counts.join('/')} shards` : ''}`);
  }
  return sweepResult(spec, backendOf(parts.map((p) => p.result)), parts.flatMap((p) => p.result.runs));
}
