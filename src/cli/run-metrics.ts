/**
 * What a run reports, defined once for run, sweep and table2: one row per iteration (the
 * environment's figures, keyed as its registry entry lists them), the "final" figures of a
 * seed (mean over its last FINAL_WINDOW iterations, since a single iteration is noisy), and
 * their mean and spread over seeds.
 */
import type { IterationReport } from '../engine/experiment';
import { FINAL_WINDOW, finalMetrics, mean, sampleStd, type FinalMetrics } from '../engine/metrics';
import type { Scenario } from '../scenario/schema';
import { moduleOf } from '../scenario/schema';

export const FINAL_NOTE = `final figures: each run's mean over its last ${FINAL_WINDOW} iterations (all, if fewer ran); mean ± std over seeds`;

/** The note when the final figures come from evaluation episodes (--evaluate). */
export const evaluationNote = (episodes: number) =>
  `final figures: each run's mean over ${episodes} evaluation episodes after training (exploration off, policies frozen; the training's last ${FINAL_WINDOW} iterations where nothing explores); mean ± std over seeds`;

/** A seed's final figures: the mean over its evaluation episodes if it has them, else over its last iterations. */
export function runFinals(result: { rows: readonly IterationRow[]; evaluation?: readonly IterationRow[] }, keys: readonly string[]): FinalMetrics {
  return result.evaluation ? finalMetrics(result.evaluation, keys, result.evaluation.length) : finalMetrics(result.rows, keys);
}

/** iteration, then every figure of the environment, then the iteration's wall time. */
export type IterationRow = Record<string, number>;

export function iterationRow(r: IterationReport): IterationRow {
  return { iteration: r.iteration, ...r.metrics, ms: r.ms };
}

/** The figures summarised at the end of a run of this scenario's environment. */
export function finalKeys(s: Scenario): string[] {
  return moduleOf(s).metrics.filter((m) => m.final).map((m) => m.key);
}


export type Spread = { mean: number; std: number };
export type Summary = Record<string, Spread>;

/** Mean and sample std over seeds of each final figure (std 0 for a single seed). */
export function summarise(finals: readonly FinalMetrics[], keys: readonly string[]): Summary {
  return Object.fromEntries(
    keys.map((key) => {
      const xs = finals.map((f) => f[key]);
      return [key, { mean: mean(xs), std: sampleStd(xs) }];
    }),
  );
}

/** "volatility 1.23 ± 0.05, attendance ..." for the terminal. */
export function describeSummary(s: Summary): string {
  return Object.entries(s)
    .map(([k, v]) => `${k} ${v.mean.toFixed(3)} ± ${v.std.toFixed(3)}`)
    .join(', ');
}
