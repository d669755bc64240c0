import { useLab } from '../context';

const at = (col: Float32Array | undefined) => (col && col.length ? col[col.length - 1] : NaN);

/** The newest point of each headline metric, for reading off without hovering a chart. */
export function LatestValues() {
  const { store } = useLab();
  const view = store((s) => s.view);
  if (!view || view.x.length === 0) return null;
  const { columns } = view;
  const capacity = view.references[0];
  const items: [string, string, number, number][] = [
    ['attendance', 'attendance D', at(columns.attendance), 2],
    ['volatility', 'std(D)', at(columns.volatility), 2],
    ['theta', 'τ', at(columns.theta), 3],
    ['welfare', 'welfare', at(columns.welfare), 2],
  ];
  return (
    <dl className="latest" aria-label="Latest iteration" data-testid="latest">
      {items.map(([key, label, value, digits]) => (
        <div key={key} data-testid={`latest-${key}`} data-value={value}>
          <dt>{label}</dt>
          <dd>
            {value.toFixed(digits)}
            {key === 'attendance' && capacity && <span className="unit"> (C = {capacity.value.toFixed(1)})</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
