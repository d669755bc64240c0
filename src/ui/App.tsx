import { lazy, Suspense, useEffect } from 'react';
import { ExportButtons } from './controls/ExportButtons';
import { RunControls } from './controls/RunControls';
import { ScenarioForm } from './controls/ScenarioForm';
import { Hideable } from './Hideable';
import { Fold, openWhenWide } from './controls/Fold';
import { BackendBadge } from './panels/BackendBadge';
import { ClassroomPanel } from './panels/ClassroomPanel';
import { LeaderSteps } from './panels/LeaderSteps';
import { BaselineCompare } from './panels/BaselineCompare';
import { LinkProblems } from './panels/LinkProblems';
import { PolicyPanel } from './panels/PolicyPanel';
import { RunHealth } from './panels/RunHealth';
import { ExplanationPanel } from './presets/ExplanationPanel';
import { PresetGallery } from './presets/PresetGallery';
import { useLab } from './context';

// The charts (recharts, and the probe's) load after the first paint: the page's controls come
// first, and the main thread's first chunk stays small (BENCHMARKS.md, first paint).
const HeadlineCharts = lazy(() => import('./charts/Charts').then((m) => ({ default: m.HeadlineCharts })));
const MoreCharts = lazy(() => import('./charts/Charts').then((m) => ({ default: m.MoreCharts })));
const ProbePanel = lazy(() => import('./panels/ProbePanel').then((m) => ({ default: m.ProbePanel })));
const EvaluatePanel = lazy(() => import('./panels/EvaluatePanel').then((m) => ({ default: m.EvaluatePanel })));
const loading = (what: string) => <p className="loading" role="status">Loading the {what}…</p>;

export function App() {
  const { store } = useLab();
  const env = store((s) => s.scenario.env);
  const font = store((s) => s.page.font);
  const classroom = store((s) => s.page.classroom);
  const formHidden = store((s) => s.page.hide.includes('form'));
  const formProblem = store((s) => Object.keys(s.fieldProblems).length > 0);
  // On the root element, so every rem-sized rule scales with it.
  useEffect(() => {
    document.documentElement.dataset.font = font;
  }, [font]);
  return (
    <div className={classroom ? 'app classroom' : 'app'}>
      <header>
        <h1>ADAGE Lab</h1>
        <Hideable part="tagline">
          <p className="tagline">A leader sets a tax; learning traders adapt; watch policy and behaviour co-adapt.</p>
        </Hideable>
        <Hideable part="backend">
          <BackendBadge />
        </Hideable>
      </header>
      <LinkProblems />
      <Hideable part="gallery">
        <PresetGallery />
      </Hideable>
      <main className={formHidden ? 'no-form' : undefined}>
        <Hideable part="form">
          <aside>
            <Fold className="settings" summary="Settings" initiallyOpen={openWhenWide} reveal={formProblem}>
              <ScenarioForm />
            </Fold>
          </aside>
        </Hideable>
        <section className="results" aria-label="Results">
          <RunControls />
          <RunHealth />
          {/* The lesson on one screen: its headline charts, and beside them (where there is room) the comparison and what they show. */}
          <div className="lesson">
            <Suspense fallback={loading('charts')}>
              <HeadlineCharts />
            </Suspense>
            <div className="lesson-side">
              <BaselineCompare />
              <Hideable part="explanation">
                <ExplanationPanel />
              </Hideable>
              <LeaderSteps />
            </div>
          </div>
          <Hideable part="export">
            <ExportButtons />
          </Hideable>
          <PolicyPanel />
          {/* Keyed by environment: its sliders start from that environment's fields. */}
          <Hideable part="probe">
            <Suspense fallback={loading('probe')}>
              <ProbePanel key={env} />
            </Suspense>
          </Hideable>
          <Hideable part="evaluate">
            <Suspense fallback={loading('evaluation')}>
              <EvaluatePanel />
            </Suspense>
          </Hideable>
          <Suspense fallback={loading('charts')}>
            <MoreCharts />
          </Suspense>
        </section>
      </main>
      <footer>
        <ClassroomPanel />
      </footer>
    </div>
  );
}
