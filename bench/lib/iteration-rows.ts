/**
 * A row of figure 9 from what a host measured: time per iteration and agent-steps per second
 * over the timed iterations (rate.ts), and kernels, GPU dispatches and readbacks per iteration.
 * A row that could not be measured in full says why. Pure, so it is tested.
 */
import type { Counts } from './counters';
import type { IterationHost, RowMode, Size } from './iteration-options';
import type { Outcome } from './iterations';
import type { Row } from './output';
import { enough, rateRow, WARMUP } from './rate';

export interface RowKey {
  host: IterationHost;
  backend: string;
  size: Size;
  hidden: number;
  rows: RowMode;
}

/** Counts over `iterations` iterations, per iteration. */
export function perIteration(c: Counts, iterations: number): Counts {
  return { kernels: c.kernels / iterations, dispatches: c.dispatches === null ? null : c.dispatches / iterations, readbacks: c.readbacks / iterations };
}

const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;

/** Why the row has less than the rule asks for, or null when it is complete. */
function shortfall({ progress: p, problem }: Outcome, budgetS: number): string | null {
  if (problem) return problem;
  if (!p || p.warmupS === null) return `budget: the warm-up iteration did not end within ${budgetS} s`;
  if (p.iterations === 0) return `budget: no timed iteration within ${budgetS} s after the warm-up (${p.warmupS.toFixed(0)} s); counts are the warm-up's`;
  if (!p.done) return `budget: stopped within ${budgetS} s after ${plural(p.iterations, 'timed iteration')}`;
  return enough(p.iterations, p.seconds) ? null : `budget: ${plural(p.iterations, 'timed iteration')} fit in ${budgetS} s`;
}

export function iterationRow(key: RowKey, outcome: Outcome, budgetS: number): Row {
  const p = outcome.progress;
  // Counts over timed iterations where there are some (counts is null before the first).
  const counts = p?.counts ? perIteration(p.counts, p.iterations) : p?.warmup ? perIteration(p.warmup, WARMUP) : null;
  const rate = rateRow(key.host, key.backend, key.size, p?.counts ? p : null);
  return {
    host: key.host,
    backend: key.backend,
    adapter: p?.adapter ? `${p.adapter.vendor} ${p.adapter.architecture}`.trim() : null,
    n: key.size.n,
    markets: key.size.markets,
    horizon: key.size.horizon,
    hidden: key.hidden,
    rows: key.rows,
    msPerIteration: rate.msPerIteration,
    agentStepsPerS: rate.agentStepsPerS,
    kernelsPerIteration: counts?.kernels ?? null,
    dispatchesPerIteration: counts?.dispatches ?? null,
    readbacksPerIteration: counts?.readbacks ?? null,
    timedIterations: rate.timedIterations,
    warmupS: p?.warmupS ?? null,
    countsFrom: p?.counts ? 'timed' : counts ? 'warm-up' : null,
    reason: shortfall(outcome, budgetS),
  };
}
