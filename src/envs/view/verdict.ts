/**
 * A preset's claim judged on one run (types.ts PresetClaim): over the last FINAL_WINDOW iterations
 * the run and what it is compared with have both reached, the figure's mean and the compared one's,
 * each with its 95% t-interval over those iterations, and the paired difference with its own. The
 * claim holds where the difference lies on the claimed side beyond its interval, does not hold
 * where it lies on the other side beyond it, and is not clear where the interval reaches 0.
 */
import { FINAL_WINDOW, meanInterval, type MeanInterval } from '../../engine/metrics';
import type { PresetClaim } from './types';

export type VerdictWord = 'holds' | 'does not hold' | 'not clear';

export interface Verdict {
  run: MeanInterval;
  compared: MeanInterval;
  difference: MeanInterval;
  verdict: VerdictWord;
  /** The iterations judged (first and last, counted from 1). */
  from: number;
  to: number;
}

type Rows = readonly Record<string, number>[];

/** null where the run (or, for a baseline claim, the baseline) has no iteration yet. */
export function verdictOf(claim: PresetClaim, run: Rows, baseline: Rows | null): Verdict | null {
  const against = claim.than === 'baseline' ? baseline : run;
  if (!against) return null;
  const to = Math.min(run.length, against.length);
  if (to === 0) return null;
  const from = Math.max(1, to - FINAL_WINDOW + 1);
  const window = (rows: Rows) => rows.slice(from - 1, to);
  const ours = window(run).map((r) => r[claim.key]);
  const theirRows = window(against);
  const theirs = window(run).map((r, i) => claimCompared(claim, r, theirRows[i]));
  const difference = meanInterval(ours.map((x, i) => x - theirs[i]));
  return { run: meanInterval(ours), compared: meanInterval(theirs), difference, verdict: verdictWord(claim, difference), from, to };
}

/**
 * The claim's verdict from its difference (ours minus what it is compared with) and that
 * difference's interval: over a run's iterations, or over seeds in the results report.
 */
export function verdictWord(claim: PresetClaim, difference: MeanInterval): VerdictWord {
  const side = claim.better === 'lower' ? -difference.mean : difference.mean;
  // With one value (no interval) nothing is clear.
  const beyond = Number.isFinite(difference.half) && Math.abs(difference.mean) > difference.half;
  return !beyond ? 'not clear' : side > 0 ? 'holds' : 'does not hold';
}

/** What the claim compares a run's figures with: its baseline's, another of its own, or a number. */
export function claimCompared(claim: PresetClaim, run: Readonly<Record<string, number>>, baseline: Readonly<Record<string, number>> | null): number {
  if (claim.than === 'baseline') return baseline ? baseline[claim.key] : NaN;
  return 'key' in claim.than ? run[claim.than.key] : claim.than.value;
}
