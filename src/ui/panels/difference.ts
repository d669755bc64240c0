/**
 * The one-line summary of a run against its baseline: each environment's headline figures,
 * averaged over the last tenth of the iterations both runs have done (one iteration is noisy),
 * with the relative change. Pure, so tested without a browser.
 */
import { baselineOf, leaderName } from '../../scenario/baseline';
import { viewOf } from '../../envs/catalog';
import type { HeadlineSpec } from '../../envs/view/types';
import type { Scenario } from '../../scenario/schema';
import { percentChange, shown } from '../../envs/view/figure-text';

/** What the line reads of a run: a metric per iteration (a MetricsView, or a test's arrays). */
export interface IterationSeries {
  x: ArrayLike<number>;
  columns: Record<string, ArrayLike<number>>;
}

/** The share of the common iterations the figures are averaged over. */
const WINDOW_SHARE = 0.1;

const lastX = (s: IterationSeries) => (s.x.length ? s.x[s.x.length - 1] : 0);

/** The mean of a metric over the points with x in (from, to], skipping values not measured (NaN). */
export function windowMean(s: IterationSeries, key: string, from: number, to: number): number {
  const col = s.columns[key];
  if (!col) return NaN;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < s.x.length; i++) {
    if (s.x[i] > from && s.x[i] <= to && Number.isFinite(col[i])) {
      sum += col[i];
      count++;
    }
  }
  return count ? sum / count : NaN;
}


/**
 * E.g. "Learned tax: std(D) 0.41 vs 0.93 without (−56%); welfare 0.12 vs 0.10 (+20%);
 * iterations 91–100." Empty until both runs have an iteration.
 */
export function differenceLine(s: Scenario, run: IterationSeries | null, baseline: IterationSeries | null): string {
  if (!run || !baseline) return '';
  const upTo = Math.min(lastX(run), lastX(baseline));
  if (upTo < 1) return '';
  const width = Math.max(1, Math.ceil(upTo * WINDOW_SHARE));
  const from = upTo - width;
  const { headline, compared } = viewOf(s);
  const { against } = baselineOf(s);
  const parts = compared.map((key, i) => {
    const { label, digits } = headline.find((h) => h.key === key) as HeadlineSpec;
    const a = windowMean(run, key, from, upTo);
    const b = windowMean(baseline, key, from, upTo);
    return `${label} ${shown(a, digits)} vs ${shown(b, digits)}${i === 0 ? ` ${against}` : ''}${percentChange(a, b)}`;
  });
  const span = width === 1 ? `iteration ${upTo}` : `iterations ${from + 1}–${upTo}`;
  return `${leaderName(s)}: ${parts.join('; ')}; ${span}.`;
}
