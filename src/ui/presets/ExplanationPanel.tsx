import { useEffect, useState } from 'react';
import { finalMetrics, FINAL_WINDOW } from '../../engine/metrics';
import type { Scenario } from '../../scenario/schema';
import { useLab } from '../context';
import { differingFields, isPresetLive, moduleOf, presetById, presetScenario, presetVariant, viewOf } from '../../envs/catalog';
import { verdictOf, type Verdict } from '../../envs/view/verdict';
import type { Preset } from '../../envs/view/types';
import { ScrollX } from '../ScrollX';
import { ReportedResult } from './ReportedResult';
import { VerdictTable } from './VerdictTable';
import { Tex } from './Tex';

/** The fields whose values differ from the preset's scenario (the user changed them since). */
function changedFields(p: Preset, variant: number | null, s: Scenario): string[] {
  return differingFields(presetScenario(p, presetVariant(p, variant)), s);
}

/** The 1-minute version's fields, by their labels in the form, beside the full scenario's: "Iterations 120 (full: 200)". */
function liveChanges(p: Preset): string[] {
  const full = presetScenario(p, presetVariant(p, null)) as Record<string, unknown>;
  const labels = new Map(viewOf(p.scenario.env).form.flatMap((section) => section.items.map((item) => [item.key, item.label] as const)));
  return Object.entries(p.live.patch).map(([k, v]) => `${labels.get(k) ?? k} ${v} (full: ${String(full[k])})`);
}

/**
 * The open preset's explanation: the question, the equations, what to watch for, its variants,
 * the paper's result, ours once the run has ended (marked as still learning before, with the
 * figures so far when paused), and the results report's over seeds.
 */
export function ExplanationPanel() {
  const { store, sim } = useLab();
  const page = store((s) => s.page);
  const scenario = store((s) => s.scenario);
  const phase = store((s) => s.status.phase);
  const iteration = store((s) => s.status.iteration);
  const iterations = store((s) => s.status.iterations);
  const baselinePhase = store((s) => (s.page.baseline ? s.baselineStatus?.phase : undefined));
  const preset = presetById(page.preset);
  const [ours, setOurs] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);

  // The figures and the claim's verdict when the run ends, and so far whenever it (or its baseline) stops before.
  useEffect(() => {
    setOurs(null);
    setVerdict(null);
    if (!preset || (phase !== 'done' && phase !== 'paused')) return;
    let current = true;
    void Promise.all([sim.exportRun(), sim.exportBaseline()]).then(([run, baseline]) => {
      if (!current || !run || !run.rows.length) return;
      setOurs(preset.ours(finalMetrics(run.rows, preset.finalKeys), run.scenario));
      setVerdict(verdictOf(preset.claim, run.rows, baseline?.rows ?? null));
    });
    return () => {
      current = false;
    };
  }, [preset, phase, baselinePhase, sim]);

  if (!preset || preset.scenario.env !== scenario.env) return null;
  const labelOf = (key: string) => moduleOf(scenario).metrics.find((m) => m.key === key)?.label ?? key;
  const variant = presetVariant(preset, page.variant);
  // A preset already sized for a minute has no separate version.
  const live = Object.keys(preset.live.patch).length > 0 && isPresetLive(preset, scenario);
  // The 1-minute version differs from the preset on purpose; it is named, not flagged as a change.
  const changed = live ? [] : changedFields(preset, page.variant, scenario);
  const chooseVariant = async (index: number) => {
    await sim.configure(presetScenario(preset, preset.variants![index]));
    sim.setPage({ ...store.getState().page, variant: index });
  };

  return (
    <section className="explanation" aria-labelledby="explanation-title" data-testid="explanation">
      <h2 id="explanation-title">
        {preset.title} <span className="source">{preset.source}</span>
      </h2>
      <p className="question">{preset.question}</p>
      <div className="equations">
        {preset.equations.map((e) => (
          <figure key={e.tex}>
            <ScrollX label={e.note}>
              <Tex tex={e.tex} label={e.note} />
            </ScrollX>
            <figcaption>{e.note}</figcaption>
          </figure>
        ))}
      </div>
      {preset.variants && (
        <div className="variants" role="group" aria-label="Variants">
          {preset.variants.map((v, i) => (
            <button key={v.label} type="button" aria-pressed={v === variant} onClick={() => chooseVariant(i)}>
              {v.label}
            </button>
          ))}
        </div>
      )}
      <h3>What to watch for</h3>
      <ul>
        {preset.watch.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <dl className="results" data-testid="explanation-results">
        <div>
          <dt>The paper</dt>
          <dd data-testid="paper-result">{variant?.paper ?? preset.paper}</dd>
        </div>
        <div>
          <dt>This run</dt>
          <dd data-testid="our-result">
            {phase === 'done' || iteration === 0 ? (
              ours ? `${ours} (mean of the last ${FINAL_WINDOW} iterations)` : 'Appears here when the run ends; press Start.'
            ) : (
              // Early figures can contradict the lesson: they are marked, and the claim's iteration named.
              <>
                <span className="still-learning" data-testid="still-learning">
                  Still learning: iteration {iteration} of {iterations}. Compare after iteration {iterations}, where the preset’s result is read.
                </span>
                {ours && ` So far: ${ours} (mean of the last ${FINAL_WINDOW} iterations so far).`}
              </>
            )}
          </dd>
        </div>
        {phase === 'done' && ours && (
          <div>
            <dt>The claim, on this run</dt>
            <dd data-testid="claim">
              {verdict ? <VerdictTable claim={preset.claim} verdict={verdict} labelOf={labelOf} /> : `Tick “Compare with baseline” for the verdict on “${preset.claim.text}”.`}
            </dd>
          </div>
        )}
        <div className="wide">
          <dt>Reported ({live ? 'docs/results-live.md' : 'docs/results.md'})</dt>
          <dd data-testid="reported-result">
            <ReportedResult preset={preset.id} openingVariant={variant === presetVariant(preset, null)} live={live} />
          </dd>
        </div>
      </dl>
      {live && (
        <p className="hint" data-testid="live-version">
          This is the preset’s 1-minute version: {liveChanges(preset).join(', ')}. “Show the finished run” opens the full one.
        </p>
      )}
      {changed.length > 0 && <p className="hint">You changed {changed.join(', ')} from the preset, so the paper's setting differs from this run.</p>}
    </section>
  );
}
