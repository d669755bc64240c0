/** `adage-lab run`: one scenario, one or more seeds, every iteration's metrics and a summary. */
import { backendOf, runScenarios } from './pool';
import { Progress } from './progress';
import { writeResult } from './output';
import { FINAL_WINDOW, finalMetrics } from '../engine/metrics';
import { describeSummary, FINAL_NOTE, finalKeys, summarise } from './run-metrics';
import { cliScenario, seedScenarios } from './scenario-input';
import { moduleOf } from '../scenario/schema';

export interface RunOptions {
  scenario: string;
  iterations?: number;
  seeds: number;
  workers?: number;
  out?: string;
}

export async function runCommand(o: RunOptions): Promise<void> {
  const scenario = cliScenario(o.scenario, o.iterations);
  const scenarios = seedScenarios(scenario, o.seeds);
  const progress = new Progress('run', scenarios.length * moduleOf(scenario).iterations(scenario));
  const results = await runScenarios(scenarios, { workers: o.workers, onProgress: (k) => progress.advance(k) }).finally(() => progress.stop());

  const keys = finalKeys(scenario);
  const finals = results.map((r) => finalMetrics(r.rows, keys));
  const summary = summarise(finals, keys);
  const iterations = results.flatMap((r, k) => r.rows.map((row) => ({ seed: scenarios[k].seed, ...row })));
  const result = {
    kind: 'adage-lab/run',
    scenario,
    seeds: o.seeds,
    finalWindow: FINAL_WINDOW,
    backend: backendOf(results),
    iterations,
    finals: finals.map((f, k) => ({ seed: scenarios[k].seed, ...f })),
    summary,
  };
  writeResult(o.out, result, iterations);
  process.stderr.write(`${FINAL_NOTE}, ${o.seeds} seed(s):\n  ${describeSummary(summary)}\n`);
}
