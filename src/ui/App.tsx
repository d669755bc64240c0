import { useEffect } from 'react';
import { Charts } from './charts/Charts';
import { RunControls } from './controls/RunControls';
import { ScenarioForm } from './controls/ScenarioForm';
import { Hideable } from './Hideable';
import { BackendBadge } from './panels/BackendBadge';
import { ClassroomPanel } from './panels/ClassroomPanel';
import { LeaderSteps } from './panels/LeaderSteps';
import { BaselineCompare } from './panels/BaselineCompare';
import { LinkProblems } from './panels/LinkProblems';
import { PolicyPanel } from './panels/PolicyPanel';
import { ProbePanel } from './panels/ProbePanel';
import { RunHealth } from './panels/RunHealth';
import { ExplanationPanel } from './presets/ExplanationPanel';
import { PresetGallery } from './presets/PresetGallery';
import { useLab } from './context';

export function App() {
  const { store } = useLab();
  const env = store((s) => s.scenario.env);
  const font = store((s) => s.page.font);
  const classroom = store((s) => s.page.classroom);
  const formHidden = store((s) => s.page.hide.includes('form'));
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
            <ScenarioForm />
          </aside>
        </Hideable>
        <section className="results" aria-label="Results">
          <Hideable part="explanation">
            <ExplanationPanel />
          </Hideable>
          <RunControls />
          <RunHealth />
          <BaselineCompare />
          <LeaderSteps />
          <PolicyPanel />
          {/* Keyed by environment: its sliders start from that environment's fields. */}
          <Hideable part="probe">
            <ProbePanel key={env} />
          </Hideable>
          <Charts />
        </section>
      </main>
      <footer>
        <ClassroomPanel />
      </footer>
    </div>
  );
}
