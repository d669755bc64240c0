import { Charts } from './charts/Charts';
import { RunControls } from './controls/RunControls';
import { ScenarioForm } from './controls/ScenarioForm';
import { BackendBadge } from './panels/BackendBadge';
import { BaselineCompare } from './panels/BaselineCompare';
import { LinkProblems } from './panels/LinkProblems';
import { TryPanel } from './panels/TryPanel';
import { useLab } from './context';

export function App() {
  const { store } = useLab();
  const env = store((s) => s.scenario.env);
  return (
    <div className="app">
      <header>
        <h1>ADAGE Lab</h1>
        <p className="tagline">A leader sets a tax; learning traders adapt; watch policy and behaviour co-adapt.</p>
        <BackendBadge />
      </header>
      <LinkProblems />
      <main>
        <aside>
          <ScenarioForm />
        </aside>
        <section className="results" aria-label="Results">
          <RunControls />
          <BaselineCompare />
          {/* Keyed by environment: its sliders start from that environment's fields. */}
          <TryPanel key={env} />
          <Charts />
        </section>
      </main>
    </div>
  );
}
