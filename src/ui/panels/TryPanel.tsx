import { useMemo, useState } from 'react';
import { scenarioFields } from '../../scenario/validate';
import { ChartList } from '../charts/Charts';
import { ENV_VIEWS } from '../charts/specs';
import { useLab } from '../context';
import { FORMS, type FieldSpec } from '../controls/fields';
import { NumberField } from '../controls/NumberField';
import { HeadlineValues } from './LatestValues';

/** The form's spec of each field, by key (whatever its section and condition). */
function fieldSpecs(env: keyof typeof FORMS, keys: string[]): FieldSpec[] {
  const all = FORMS[env].flatMap((section) => section.items).filter((item): item is FieldSpec => item.kind === 'number');
  return keys.map((k) => all.find((f) => f.key === k)!);
}

/**
 * "Try it by hand": set the policy with sliders and play one episode on the followers as
 * trained so far, frozen (no retraining), to see how they respond; the run pauses and its
 * history is untouched. For environments whose view has a trial spec.
 */
export function TryPanel() {
  const { store, sim } = useLab();
  const scenario = store((s) => s.scenario);
  const tried = store((s) => s.tried);
  const fieldProblems = store((s) => s.fieldProblems);
  const trial = ENV_VIEWS[scenario.env].trial;
  const specs = useMemo(() => (trial ? fieldSpecs(scenario.env, trial.fields) : []), [trial, scenario.env]);
  const initial = () => Object.fromEntries(specs.map((f) => [f.key, (scenario as Record<string, unknown>)[f.key] as number]));
  const [values, setValues] = useState<Record<string, number>>(initial);
  const charts = useMemo(
    () => (trial ? ENV_VIEWS[scenario.env].charts.filter((c) => trial.charts.includes(c.testId)).map((c) => ({ ...c, testId: `try-${c.testId}` })) : []),
    [trial, scenario.env],
  );
  if (!trial) return null;
  const fields = scenarioFields(scenario.env);
  const play = (next: Record<string, number>) => {
    setValues(next);
    void sim.tryLive(next);
  };

  return (
    <details className="try-panel" data-testid="try-panel">
      <summary>Try a policy by hand on the trained households</summary>
      <p className="caption">
        Set the taxes and play one episode with the households as trained so far, frozen: no retraining. Training pauses; what is tried here is
        not added to its charts. Compare with the free market played alongside.
      </p>
      <div className="try-fields">
        {specs.map((spec) => (
          <NumberField
            key={spec.key}
            spec={{ ...spec, key: `try-${spec.key}`, label: `${spec.label}, tried` }}
            schema={fields[spec.key]}
            value={values[spec.key] ?? NaN}
            disabled={false}
            problem={fieldProblems[`try-${spec.key}`]}
            onCommit={(v) => play({ ...values, [spec.key]: v })}
            onProblem={(m) => store.getState().setFieldProblem(`try-${spec.key}`, m)}
          />
        ))}
        <button type="button" onClick={() => play(values)}>
          Play an episode
        </button>
      </div>
      <HeadlineValues view={tried} headline={trial.headline} testId="tried" label="Tried episode" />
      {tried && <ChartList specs={charts} view={tried} scenario={scenario} />}
    </details>
  );
}
