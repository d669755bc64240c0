import type { Figure, Measurement } from '../../engine/backend-names';
import { useLab } from '../context';

/** Iterations per second, two significant digits below 10 ("0.31", "4.1"), whole above ("12"). */
const itPerS = (v: number) => `${v >= 10 ? Math.round(v) : v.toPrecision(2)} it/s`;

function figureText(f: Figure): string {
  if (f.kind === 'rate') return itPerS(f.itPerS);
  if (f.kind === 'under') return `under ${itPerS(f.itPerS)}`;
  return `first iteration over ${Math.round(f.ms / 1000)} s`;
}

const measurementText = (m: Measurement) => `${m.name} ${figureText(m.figure)}${m.earlier ? ' (measured earlier)' : ''}`;

/** Which tfjs backend the worker trains on, what its calibration measured, and why others were skipped. */
export function BackendBadge() {
  const { store } = useLab();
  const backend = store((s) => s.backend);
  const error = store((s) => s.backendError);
  const measuring = store((s) => s.measuring);
  if (error) {
    return (
      <div className="backend backend-bad" role="alert" data-testid="backend">
        No compute backend: {error}
      </div>
    );
  }
  // Before the first choice, or while a new worker (after a restart) chooses again. The page
  // stays usable meanwhile: the measuring runs in workers.
  if (measuring) {
    return (
      <div className="backend" data-testid="backend" aria-live="polite">
        Measuring backends at this size: {measuring}… (once per device and size; training starts on the fastest)
      </div>
    );
  }
  if (!backend) return <div className="backend" data-testid="backend" aria-live="polite">Choosing a compute backend…</div>;
  return (
    <div className="backend" data-testid="backend" data-backend={backend.name} aria-live="polite">
      Training on <strong>{backend.name}</strong> in a Web Worker
      {backend.measured && <span data-testid="measured">, the fastest measured at this size: {backend.measured.map(measurementText).join(', ')}</span>}
      {backend.skipped.length > 0 && (
        <details>
          <summary>why not {backend.skipped.map((s) => s.name).join(', ')}</summary>
          <ul>
            {backend.skipped.map((s) => (
              <li key={s.name} data-testid={`skipped-${s.name}`}>
                {s.name}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
