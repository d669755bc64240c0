import { useLab } from '../context';

/** Which tfjs backend the worker trains on, and why faster ones were skipped. */
export function BackendBadge() {
  const { store } = useLab();
  const backend = store((s) => s.backend);
  const error = store((s) => s.backendError);
  if (error) {
    return (
      <div className="backend backend-bad" role="alert" data-testid="backend">
        No compute backend: {error}
      </div>
    );
  }
  if (!backend) return <div className="backend" data-testid="backend">Choosing a compute backend…</div>;
  return (
    <div className="backend" data-testid="backend" data-backend={backend.name}>
      Training on <strong>{backend.name}</strong> in a Web Worker
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
