import { useMemo } from 'react';
import { baselineOf } from '../../scenario/baseline';
import { useLab } from '../context';
import { differenceLine } from './difference';

/**
 * "Compare with baseline": the tick that runs the scenario's baseline beside it (the charts
 * then draw both), what the baseline is, its progress, and the difference in one line.
 */
export function BaselineCompare() {
  const { store, sim } = useLab();
  const on = store((s) => s.page.baseline);
  const setOn = (baseline: boolean) => sim.setPage({ ...store.getState().page, baseline });
  const scenario = store((s) => s.scenario);
  const view = store((s) => s.view);
  const baselineView = store((s) => s.baselineView);
  const status = store((s) => s.baselineStatus);
  const line = useMemo(() => differenceLine(scenario, view, baselineView), [scenario, view, baselineView]);

  return (
    <div className="baseline-compare">
      <label className="toggle">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Compare with baseline
      </label>
      {on && (
        <>
          <p className="caption" data-testid="baseline-description">
            {baselineOf(scenario).description}{' '}
            <span data-testid="baseline-iteration">
              Baseline: iteration {status?.iteration ?? 0} / {status?.iterations ?? 0}, {status?.phase ?? 'starting'}.
            </span>
          </p>
          <p role="status" data-testid="baseline-difference">
            {line || 'The difference appears here once both runs have an iteration.'}
          </p>
          {status?.message && (
            <div className="error" role="alert">
              {status.message}
            </div>
          )}
        </>
      )}
    </div>
  );
}
