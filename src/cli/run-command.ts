/** `adage-lab run`: one scenario, one or more seeds, every iteration's metrics and a summary. */
import { backendOf, runScenarios } from './pool';
import { Progress } from './progress';
import { checkGridSize } from './grid';
import { checkWritable, float32Number, isCsv, writeResult } from './output';
import { FINAL_WINDOW } from '../engine/metrics';
import { describeSummary, evaluationNote, FINAL_NOTE, finalKeys, runFinals, summarise } from './run-metrics';
import { cliScenario, seedScenarios, UsageError } from './scenario-input';
import { moduleOf } from '../scenario/schema';

export interface RunOptions {
  scenario: string;
  iterations?: number;
  seeds: number;
  workers?: number;
  out?: string;
  snapshots?: string;
  evaluate?: number;
}

export const SNAPSHOTS_KIND = 'adage-lab/snapshots';

/** Arrays as JSON lists of each float32's shortest decimal. */
const snapshotLists = (snapshots: Record<string, Float32Array>) => Object.fromEntries(Object.entries(snapshots).map(([key, a]) => [key, Array.from(a, float32Number)]));

export async function runCommand(o: RunOptions): Promise<void> {
  if (o.snapshots !== undefined && isCsv(o.snapshots)) throw new UsageError('--snapshots writes JSON (arrays of different lengths make no table): give a .json name');
  checkWritable('--out', o.out);
  checkWritable('--snapshots', o.snapshots);
  checkGridSize([], o.seeds);
  const scenario = cliScenario(o.scenario, o.iterations);
  const scenarios = seedScenarios(scenario, o.seeds);
  const progress = new Progress('run', scenarios.length * moduleOf(scenario).iterations(scenario));
  const results = await runScenarios(scenarios, { workers: o.workers, onProgress: (k) => progress.advance(k), snapshots: o.snapshots !== undefined, evaluate: o.evaluate }).finally(() => progress.stop());

  const keys = finalKeys(scenario);
  const finals = results.map((r) => runFinals(r, keys));
  const summary = summarise(finals, keys);
  const iterations = results.flatMap((r, k) => r.rows.map((row) => ({ seed: scenarios[k].seed, ...row })));
  const result = {
    kind: 'adage-lab/run',
    scenario,
    seeds: o.seeds,
    finalWindow: FINAL_WINDOW,
    evaluationEpisodes: o.evaluate ?? 0,
    backend: backendOf(results),
    iterations,
    ...(o.evaluate && { evaluation: results.flatMap((r, k) => (r.evaluation ?? []).map((row, e) => ({ seed: scenarios[k].seed, episode: e + 1, ...row }))) }),
    finals: finals.map((f, k) => ({ seed: scenarios[k].seed, ...f })),
    summary,
  };
  writeResult(o.out, result, iterations);
  if (o.snapshots !== undefined) {
    writeResult(
      o.snapshots,
      {
        kind: SNAPSHOTS_KIND,
        scenario,
        note: "each seed's snapshots after its last iteration, keyed as the environment reports them (the arrays its charts draw)",
        runs: results.map((r, k) => ({ seed: scenarios[k].seed, iteration: r.rows.at(-1)?.iteration ?? 0, snapshots: snapshotLists(r.snapshots ?? {}) })),
      },
      [],
    );
  }
  process.stderr.write(`${o.evaluate ? evaluationNote(o.evaluate) : FINAL_NOTE}, ${o.seeds} seed(s):\n  ${describeSummary(summary)}\n${o.snapshots !== undefined ? `snapshots of the last iteration written to ${o.snapshots}\n` : ''}`);
}
