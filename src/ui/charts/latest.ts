import type { MetricsView } from '../../worker/api';

/** The newest value of a metric in a view (NaN before the first iteration or for an unknown key). */
export function latestOf(view: MetricsView, key: string): number {
  const col = view.columns[key];
  return col && col.length ? col[col.length - 1] : NaN;
}
