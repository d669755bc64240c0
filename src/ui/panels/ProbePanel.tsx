import { useEffect, useMemo, useRef, useState } from 'react';
import type { IterationReport, ProbeReport } from '../../engine/experiment';
import { mean } from '../../engine/metrics';
import { moduleOf, viewOf } from '../../envs/catalog';
import type { FieldSpec, TrialSpec } from '../../envs/view/types';
import type { Scenario } from '../../scenario/schema';
import { scenarioFields } from '../../scenario/validate';
import type { MetricsView } from '../../worker/api';
import { ChartList } from '../charts/Charts';
import { ProbeBars } from '../charts/ProbeBars';
import { useLab } from '../context';
import { NumberField } from '../controls/NumberField';
import { HeadlineValues } from './LatestValues';
import { probeSentence } from './probe-difference';

/** A slider dragged across many values plays the probe once it rests this long. */
const DEBOUNCE_MS = 150;

/** The form's spec of each of theta's fields (whatever its section and condition), in theta's order. */
function thetaFieldSpecs(s: Scenario): FieldSpec[] {
  const all = viewOf(s).form.flatMap((section) => section.items).filter((item): item is FieldSpec => item.kind === 'number');
  return moduleOf(s).theta.fields.map((k) => all.find((f) => f.key === k)!);
}

/** One side's episode as a one-point view, for the headline figures and charts. */
function episodeView(r: IterationReport): MetricsView {
  const columns = Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, Float32Array.of(v)]));
  return { x: Float32Array.of(r.iteration), columns, snapshots: r.snapshots, references: [] };
}

/** "τ = 0.050", or the mean where theta has more dimensions than fields (each producer's λ_i). */
function thetaText(trial: TrialSpec, theta: number[]): string {
  if (theta.length === trial.symbols.length) return theta.map((v, k) => `${trial.symbols[k]} = ${v.toFixed(3)}`).join(', ');
  return `mean λ_i = ${mean(theta).toFixed(3)}`;
}

/** The trained value of each field, where theta has one dimension per field. */
const trainedValues = (fields: FieldSpec[], probe: ProbeReport | null): Record<string, number> | null =>
  probe && probe.trainedTheta.length === fields.length ? Object.fromEntries(fields.map((f, i) => [f.key, Number(probe.trainedTheta[i].toFixed(6))])) : null;

/**
 * The Lucas critique, visible: move theta after training and see the trained followers (frozen:
 * no retraining) respond at once, beside a fixed rule that acts as if theta had not moved while
 * the environment applies the new one. Training pauses; nothing here enters its charts.
 */
export function ProbePanel() {
  const { store, sim } = useLab();
  const scenario = store((s) => s.scenario);
  const probe = store((s) => s.probe);
  const fieldProblems = store((s) => s.fieldProblems);
  const trial = viewOf(scenario).trial;
  const specs = useMemo(() => (trial ? thetaFieldSpecs(scenario) : []), [trial, scenario]);
  const [values, setValues] = useState<Record<string, number>>(() => Object.fromEntries(specs.map((f) => [f.key, (scenario as Record<string, unknown>)[f.key] as number])));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  if (!trial) return null;
  const fields = scenarioFields(scenario.env);
  const play = (next: Record<string, number>) => {
    setValues(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void sim.probe(next), DEBOUNCE_MS);
  };
  const trainedAt = trainedValues(specs, probe);
  const fixedRuleName = probe ? `fixed rule (acts as if ${thetaText(trial, probe.trainedTheta)})` : 'fixed rule';

  return (
    <details className="try-panel" data-testid="probe-panel">
      <summary>Lucas critique probe: move θ, the trained followers respond without retraining</summary>
      <p className="caption" data-testid="probe-caption">
        The Lucas critique: a behaviour rule measured under the old policy mispredicts behaviour under a new one, because people respond to the
        policy itself.
      </p>
      <p className="caption">
        Adaptive followers: as trained so far, frozen (no retraining), they see the new θ. Fixed rule: the same followers acting as if θ had not
        moved, while paying and living with the new one. Both play the same episodes, each from the same start on the same random draws; the
        figures are their means. Training pauses and nothing here enters its charts.
      </p>
      <div className="try-fields">
        {specs.map((spec) => (
          <NumberField
            key={spec.key}
            spec={{ ...spec, key: `probe-${spec.key}`, label: `${spec.label}, probed` }}
            schema={fields[spec.key]}
            value={values[spec.key] ?? NaN}
            disabled={false}
            problem={fieldProblems[`probe-${spec.key}`]}
            onCommit={(v) => play({ ...values, [spec.key]: v })}
            onProblem={(m) => store.getState().setFieldProblem(`probe-${spec.key}`, m)}
          />
        ))}
        <button type="button" onClick={() => play(values)}>
          Play the probe
        </button>
        {trainedAt && (
          <button type="button" onClick={() => play(trainedAt)}>
            Back to the trained θ
          </button>
        )}
      </div>
      {probe && <ProbeResult probe={probe} trial={trial} scenario={scenario} fixedRuleName={fixedRuleName} />}
    </details>
  );
}

function ProbeResult({ probe, trial, scenario, fixedRuleName }: { probe: ProbeReport; trial: TrialSpec; scenario: Scenario; fixedRuleName: string }) {
  const adaptive = useMemo(() => episodeView(probe.adaptive.report), [probe]);
  const fixedRule = useMemo(() => episodeView(probe.fixedRule.report), [probe]);
  const bars = useMemo(
    () => probe.adaptive.actions.values.map((v, k) => ({ action: trial.action(k, scenario), adaptive: v, fixedRule: probe.fixedRule.actions.values[k] })),
    [probe, trial, scenario],
  );
  const env = scenario.env;
  const charts = useMemo(() => viewOf(env).charts.filter((c) => trial.charts?.includes(c.testId)).map((c) => ({ ...c, testId: `probe-${c.testId}` })), [trial, env]);
  const yLabel = probe.adaptive.actions.kind === 'probabilities' ? 'mean probability' : 'mean action (0 to 1)';
  const side = (testId: string, title: string, view: MetricsView, actions: number[]) => (
    <section className="probe-side" data-testid={testId} data-actions={actions.join(',')} aria-label={title}>
      <h4>{title}</h4>
      <HeadlineValues view={view} headline={trial.headline} testId={`${testId}-figures`} label={`${title}: outcomes`} />
    </section>
  );
  return (
    <div className="probe-result" data-testid="probe-result" data-theta={probe.theta.map((v) => +v.toFixed(6)).join(',')}>
      <div className="probe-sides">
        {side('probe-adaptive', `Adaptive followers (see ${thetaText(trial, probe.theta)})`, adaptive, probe.adaptive.actions.values)}
        {side('probe-fixed', fixedRuleName.charAt(0).toUpperCase() + fixedRuleName.slice(1), fixedRule, probe.fixedRule.actions.values)}
      </div>
      <ul className="probe-differences" data-testid="probe-differences">
        {trial.headline.map((spec) => (
          <li key={spec.key}>
            {probeSentence(
              spec,
              probe.episodes.adaptive.map((m) => m[spec.key]),
              probe.episodes.fixedRule.map((m) => m[spec.key]),
            )}
          </li>
        ))}
      </ul>
      <p className="caption" data-testid="probe-why">
        Why these figures need not match the charts at the same θ: each probe episode starts the market afresh and no one learns during it,
        while each point of a chart is a training episode, played while the followers and the leader update.
        {probe.episodes.adaptive.length > 1 && ` Single episodes also differ by their draws, hence ${probe.episodes.adaptive.length} pairs of episodes and an interval.`}
      </p>
      <ProbeBars data={bars} yLabel={yLabel} fixedRuleName={fixedRuleName} />
      {charts.length > 0 && <ChartList specs={charts} view={adaptive} scenario={scenario} />}
    </div>
  );
}
