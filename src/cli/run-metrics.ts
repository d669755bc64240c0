/**
 * What a run reports, defined once for run, sweep and table2: one row per iteration, the
 * "final" figures of a seed (mean over its last FINAL_WINDOW iterations, since a single
 * episode is noisy), and their mean and spread over seeds.
 */
import { mean, sampleStd } from '../engine/metrics';
import type { IterationMetrics } from '../engine/stackelberg';

/** Final figures average the last iterations: one episode's std(D) swings a lot. */
export const FINAL_WINDOW = 10;
export const FINAL_NOTE = `final figures: each run's mean over its last ${FINAL_WINDOW} iterations (all, if fewer ran); mean ± std over seeds`;

export const FINAL_KEYS = ['volatility', 'attendance', 'welfare', 'theta', 'mapc'] as const;
export type FinalKey = (typeof FINAL_KEYS)[number];
export type FinalMetrics = Record<FinalKey, number>;

export interface IterationRow {
  iteration: number;
  /** Mean over markets of the sample std of D_t within the episode. */
  volatility: number;
  attendance: number;
  welfare: number;
  /** The leader's theta (tau in the entrance game), mean over markets, and its spread. */
  theta: number;
  thetaStd: number;
  leaderReward: number;
  /** Mean absolute percentage change of D over every market's episode (engine/metrics.ts). */
  mapc: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  ms: number;
}

export const MAPC_NOTE = 'mean absolute percentage change of D: mean over markets and t of |D_t - D_(t-1)| / D_(t-1), steps with D_(t-1) = 0 skipped';

export function iterationRow(m: IterationMetrics): IterationRow {
  const { iteration, volatility, attendance, welfare, theta, thetaStd, leaderReward, policyLoss, valueLoss, entropy, approxKl, ms } = m;
  return { iteration, volatility, attendance, welfare, theta, thetaStd, leaderReward, mapc: m.pctChange, policyLoss, valueLoss, entropy, approxKl, ms };
}

/** Each final figure: the mean over the last FINAL_WINDOW iterations (all, if fewer ran). */
export function finalMetrics(rows: readonly IterationRow[]): FinalMetrics {
  const last = rows.slice(-FINAL_WINDOW);
  const out = {} as FinalMetrics;
  for (const key of FINAL_KEYS) out[key] = mean(last.map((r) => r[key]));
  return out;
}

export type Spread = { mean: number; std: number };
export type Summary = Record<FinalKey, Spread>;

/** Mean and sample std over seeds of each final figure (std 0 for a single seed). */
export function summarise(finals: readonly FinalMetrics[]): Summary {
  const out = {} as Summary;
  for (const key of FINAL_KEYS) {
    const xs = finals.map((f) => f[key]);
    out[key] = { mean: mean(xs), std: sampleStd(xs) };
  }
  return out;
}

/** "volatility 1.23 ± 0.05, attendance ..." for the terminal. */
export function describeSummary(s: Summary, thetaName: string): string {
  return FINAL_KEYS.map((k) => `${k === 'theta' ? thetaName : k} ${s[k].mean.toFixed(3)} ± ${s[k].std.toFixed(3)}`).join(', ');
}
