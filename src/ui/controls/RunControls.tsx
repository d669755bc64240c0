import { useLab } from '../context';
import { Hideable } from '../Hideable';
import { LatestValues } from '../panels/LatestValues';
import { FinishedRunButtons } from '../presets/FinishedRunButtons';
import { PACES, type Pace } from '../../state/page-options';

/** The speed choice's words. */
const PACE_LABELS: Record<Pace, string> = { 2: '2 iterations a second', 1: '1 iteration a second', 0.5: '1 iteration every 2 seconds' };

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 60) return `${Math.ceil(seconds)} s left`;
  return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s left`;
}

/** The run bar (Start / Pause / Step / Reset, the finished run, speed, progress), then the latest figures. */
export function RunControls() {
  const { store, sim } = useLab();
  const status = store((s) => s.status);
  const pace = store((s) => s.page.pace);
  const setPace = (value: string) => sim.setPage({ ...store.getState().page, pace: value === 'full' ? null : (Number(value) as Pace) });
  const hasProblems = store((s) => Object.keys(s.fieldProblems).length > 0);
  const running = status.phase === 'running';
  const progress = status.iterations ? status.iteration / status.iterations : 0;
  const eta = status.rate > 0 ? (status.iterations - status.iteration) / status.rate : NaN;

  return (
    <>
      {/* Sticky: Start, Pause and the iteration stay in sight while the charts scroll under them. */}
      <div className="run-bar" data-testid="run-bar">
        <div className="buttons">
          {running ? (
            <button type="button" onClick={() => sim.pause()}>
              Pause
            </button>
          ) : (
            <button type="button" className="primary" disabled={hasProblems} onClick={() => sim.start()}>
              {status.phase === 'paused' ? 'Resume' : 'Start'}
            </button>
          )}
          <button type="button" disabled={running || status.phase === 'done'} onClick={() => sim.step()}>
            Step
          </button>
          <button type="button" onClick={() => sim.reset()}>
            Reset
          </button>
          <FinishedRunButtons />
          {/* Slowed down, a class can watch each iteration's charts move; kept in the link (?pace=). */}
          <label className="speed">
            Speed{' '}
            <select value={pace === null ? 'full' : String(pace)} onChange={(e) => setPace(e.target.value)}>
              <option value="full">full speed</option>
              {PACES.map((p) => (
                <option key={p} value={String(p)}>
                  {PACE_LABELS[p]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="progress" aria-label="Training progress">
          <progress max={1} value={progress} />
          <span data-testid="iteration" data-checkpoint={status.checkpoint}>
            Iteration {status.iteration} / {status.iterations}
          </span>
          {status.checkpoint > 0 && (
            <span className="unit" title="The last state kept for a restore: after a divergence, a worker fault or a reload, the run goes on from here.">
              checkpoint: {status.checkpoint}
            </span>
          )}
          <span className="phase" data-testid="phase">
            {status.phase}
          </span>
          {running && status.rate > 0 && (
            <span>
              {status.rate.toFixed(1)} it/s · {formatEta(eta)}
            </span>
          )}
        </div>
      </div>
      <div className="run-controls">
        <Hideable part="headline">
          <LatestValues />
        </Hideable>
        {status.message && (
          <div className="error" role="alert">
            {status.message}
          </div>
        )}
      </div>
    </>
  );
}
