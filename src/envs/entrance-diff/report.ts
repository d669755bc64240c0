/**
 * What an ADAGE-Diff iteration reports: the metric list, the theory lines, and the figures
 * computed in JS from one iteration's read-back arrays (a pass over runs x N values is cheaper
 * there than a dozen small tfjs ops).
 */
import type { MetricSpec, ReferenceLine } from '../../engine/experiment';
import { mean, sampleStd } from '../../engine/metrics';

export const ENTRANCE_DIFF_METRICS: MetricSpec[] = [
  { key: 'attendance', label: 'mean attendance probability a', final: true },
  { key: 'attendanceG1', label: 'mean attendance probability a, G1 (first half, in from the start)' },
  { key: 'attendanceG2', label: 'mean attendance probability a, G2 (second half, in from iota_G2)' },
  { key: 'gap', label: 'attendance gap a(G1) − a(G2), probability', final: true },
  { key: 'tau', label: 'over-use tax rate tau (mean over runs)', final: true },
  { key: 'tauStd', label: 'tau, std over runs' },
  { key: 'taxG1', label: 'tax paid per G1 agent this iteration (payoff units)' },
  { key: 'taxG2', label: 'tax paid per G2 agent this iteration (payoff units)' },
  { key: 'gini', label: 'Gini of cumulative returns (0 = equal)', final: true },
  { key: 'giniStd', label: 'Gini of cumulative returns, std over runs' },
  { key: 'welfare', label: 'welfare: mean payoff after tax per agent this iteration (payoff units)', final: true },
];

/** Theory lines for the attendance-probability chart. */
export function entranceDiffReferences(p: { n: number; c: number }): ReferenceLine[] {
  const C = p.c * p.n;
  return [
    { id: 'mixedEquilibrium', label: 'mixed equilibrium p* = (C−1)/(N−1)', value: (C - 1) / (p.n - 1) },
    { id: 'capacity', label: 'capacity C/N', value: C / p.n },
  ];
}

/** Bins of the strategy histograms: [k/20, (k+1)/20), a = 1 in the last. */
export const HIST_BINS = 20;

/** One iteration's per-agent values, [runs x N] row-major unless said. */
export interface PlayedValues {
  /** a_i as played. */
  a: Float32Array;
  /** tau a_i max(a_i - m, 0), the tax paid. */
  taxPaid: Float32Array;
  /** U_i^T, the payoff after tax. */
  taxedUtility: Float32Array;
  /** tau of each run as played, [runs]. */
  tau: Float32Array;
  /** G of each run's cumulative returns after this iteration, [runs]. */
  gini: Float64Array;
}

/**
 * The iteration's metrics and histograms. G1 is agents 0..g1Size-1 of every run, G2 the rest;
 * every run has the same group sizes, so a mean over all G1 entries is the mean over runs of
 * each run's G1 mean.
 */
export function summarise(v: PlayedValues, n: number, g1Size: number): { metrics: Record<string, number>; snapshots: Record<string, Float32Array> } {
  const runs = v.tau.length;
  const histG1 = new Float32Array(HIST_BINS);
  const histG2 = new Float32Array(HIST_BINS);
  let [aG1, aG2, taxG1, taxG2, welfare] = [0, 0, 0, 0, 0];
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < n; i++) {
      const k = r * n + i;
      const bin = Math.min(Math.floor(v.a[k] * HIST_BINS), HIST_BINS - 1);
      welfare += v.taxedUtility[k];
      if (i < g1Size) {
        aG1 += v.a[k];
        taxG1 += v.taxPaid[k];
        histG1[bin]++;
      } else {
        aG2 += v.a[k];
        taxG2 += v.taxPaid[k];
        histG2[bin]++;
      }
    }
  }
  const g1Count = runs * g1Size;
  const g2Count = runs * (n - g1Size);
  for (let b = 0; b < HIST_BINS; b++) {
    histG1[b] /= runs * n;
    histG2[b] /= runs * n;
  }
  const attendanceG1 = aG1 / g1Count;
  const attendanceG2 = aG2 / g2Count;
  return {
    metrics: {
      attendance: (aG1 + aG2) / (runs * n),
      attendanceG1,
      attendanceG2,
      gap: attendanceG1 - attendanceG2,
      tau: mean(v.tau),
      tauStd: sampleStd(v.tau),
      taxG1: taxG1 / g1Count,
      taxG2: taxG2 / g2Count,
      gini: mean(v.gini),
      giniStd: sampleStd(v.gini),
      welfare: welfare / (runs * n),
    },
    snapshots: { histG1, histG2 },
  };
}
