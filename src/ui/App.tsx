import { Charts } from './charts/Charts';
import { RunControls } from './controls/RunControls';
import { ScenarioForm } from './controls/ScenarioForm';
import { BackendBadge } from './panels/BackendBadge';
import { LinkProblems } from './panels/LinkProblems';

export function App() {
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
          <Charts />
        </section>
      </main>
    </div>
  );
}
