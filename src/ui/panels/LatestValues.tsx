import { useMemo } from 'react';
import type { MetricsView } from '../../worker/api';
import { boundNotes } from './bound-notes';
import { latestOf } from '../charts/latest';
import { viewOf } from '../../envs/catalog';
import type { HeadlineSpec } from '../../envs/view/types';
import { useLab } from '../context';
import { shown } from '../../envs/view/figure-text';


/** The newest point of each headline figure, for reading off without hovering a chart. */
export function HeadlineValues({ view, headline, testId, label }: { view: MetricsView | null; headline: HeadlineSpec[]; testId: string; label: string }) {
  if (!view || view.x.length === 0) return null;
  return (
    <dl className="latest" aria-label={label} data-testid={testId}>
      {headline.map(({ key, label: name, digits, ref, vs }) => {
        const value = latestOf(view, key);
        // Beside the value: a theory line, or the same figure elsewhere (the free market).
        const beside = ref !== undefined ? view.references.find((r) => r.id === ref) : vs && { label: vs.label, value: latestOf(view, vs.key) };
        return (
          <div key={key} data-testid={`${testId}-${key}`} data-value={value}>
            <dt>{name}</dt>
            <dd>
              {shown(value, digits)}
              {beside && (
                <span className="unit">
                  {' '}
                  ({beside.label} = {shown(beside.value, digits)})
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The latest training iteration's headline figures, and a note where the leader's theta sits at a bound. */
export function LatestValues() {
  const { store } = useLab();
  const view = store((s) => s.view);
  const scenario = store((s) => s.scenario);
  const { headline, trial } = viewOf(scenario.env);
  const notes = useMemo(() => boundNotes(scenario, view, trial?.symbols ?? []), [scenario, view, trial]);
  return (
    <>
      <HeadlineValues view={view} headline={headline} testId="latest" label="Latest iteration" />
      {notes.map((n) => (
        <p key={n} className="hint" data-testid="bound-note">
          {n}
        </p>
      ))}
    </>
  );
}
