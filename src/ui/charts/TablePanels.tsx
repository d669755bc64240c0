/** The calibration tables: moments matched or not, and distribution errors beside the paper's. */
import { memo } from 'react';
import type { MetricsView } from '../../worker/api';
import { ChartFrame, formatNumber } from './ChartFrame';
import { TABLE_WINDOW } from '../../envs/view/parts';
import type { ErrorsTable, MomentsTable } from '../../envs/view/types';

/** The mean of a metric over the last TABLE_WINDOW points of the view (NaN if absent). */
function recent(view: MetricsView | null, key: string): number {
  const col = view?.columns[key];
  if (!col || col.length === 0) return NaN;
  const from = Math.max(0, col.length - TABLE_WINDOW);
  let s = 0;
  for (let i = from; i < col.length; i++) s += col[i];
  return s / (col.length - from);
}

const points = (view: MetricsView | null) => view?.x.length ?? 0;

export const MomentsPanel = memo(function MomentsPanel({ spec, view }: { spec: MomentsTable; view: MetricsView | null }) {
  const targetStd = recent(view, spec.targetStd);
  return (
    <ChartFrame testId={spec.testId} title={spec.title} caption={spec.caption} points={points(view)} fit>
      <table className="figures">
        <thead>
          <tr>
            <th scope="col">moment</th>
            <th scope="col">target</th>
            <th scope="col">simulated</th>
            <th scope="col">matched?</th>
            <th scope="col">tolerance</th>
          </tr>
        </thead>
        <tbody>
          {spec.moments.map((m) => {
            const [t, s] = [recent(view, m.target), recent(view, m.sim)];
            const matched = Math.abs(s - t) <= m.tolerance(targetStd);
            return (
              <tr key={m.label} data-testid={`moment-${m.sim}`} data-matched={matched}>
                <th scope="row">{m.label}</th>
                <td>{formatNumber(t)}</td>
                <td>{formatNumber(s)}</td>
                <td className={matched ? 'matched' : 'unmatched'}>{matched ? '✓ yes' : '✗ no'}</td>
                <td className="caption">{m.toleranceText}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ChartFrame>
  );
});

export const ErrorsPanel = memo(function ErrorsPanel({ spec, view }: { spec: ErrorsTable; view: MetricsView | null }) {
  // A paper's columns only where the environment reproduces a paper's table.
  const paper = spec.rows.some((r) => r.paper);
  return (
    <ChartFrame testId={spec.testId} title={spec.title} caption={spec.caption} points={points(view)} fit>
      <table className="figures">
        <thead>
          <tr>
            <th scope="col">simulator</th>
            <th scope="col">MAE</th>
            <th scope="col">RMSE</th>
            {paper && <th scope="col">paper MAE</th>}
            {paper && <th scope="col">paper RMSE</th>}
          </tr>
        </thead>
        <tbody>
          {spec.rows.map((r) => (
            <tr key={r.label} data-testid={`errors-${r.mae}`}>
              <th scope="row">{r.label}</th>
              <td>{formatNumber(recent(view, r.mae))}</td>
              <td>{formatNumber(recent(view, r.rmse))}</td>
              {paper && <td>{r.paper?.mae}</td>}
              {paper && <td>{r.paper?.rmse}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFrame>
  );
});
