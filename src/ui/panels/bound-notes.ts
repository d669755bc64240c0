/**
 * Where a learning leader's theta sits at an edge of its box. The leader squashes its choice
 * into the box (engine/leaders/ppo.ts), so near an edge the value is set by the bound, not chosen
 * freely: a reader should know that the result would move if the bound did.
 */
import { moduleOf } from '../../envs/catalog';
import { fig } from '../../envs/view/figure-text';
import type { Scenario } from '../../scenario/schema';
import type { MetricsView } from '../../worker/api';
import { latestOf } from '../charts/latest';

/** How close to an edge, as a share of the box's width, counts as at it (a sigmoid never reaches it). */
export const AT_EDGE = 0.02;

/** One sentence per dimension of theta at an edge of its box, for a leader that learns; none otherwise. */
export function boundNotes(s: Scenario, view: MetricsView | null, symbols: readonly string[]): string[] {
  const m = moduleOf(s);
  if (!view || !m.leaderSchedule(s)) return [];
  const { lo, hi } = m.theta.range(s);
  const keys = m.theta.metrics;
  // Figures that summarise a theta of another shape (each producer's lambda_i) are not its dimensions.
  if (keys.length !== lo.length) return [];
  return keys.flatMap((key, k) => {
    const value = latestOf(view, key);
    const width = hi[k] - lo[k];
    if (!Number.isFinite(value) || !(width > 0)) return [];
    const name = symbols[k] ?? m.theta.fields[k];
    const edge = value >= hi[k] - AT_EDGE * width ? `the top of its range (${fig(hi[k], 3)})` : value <= lo[k] + AT_EDGE * width ? `the bottom of its range (${fig(lo[k], 3)})` : null;
    return edge ? [`${name} = ${fig(value, 3)} sits at ${edge}: there the bound, not the leader, sets it, and the leader would move it further if the range allowed; widen the range in the form to see where it stops.`] : [];
  });
}
