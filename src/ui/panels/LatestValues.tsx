import { ENV_VIEWS } from '../charts/specs';
import { useLab } from '../context';

const at = (col: Float32Array | undefined) => (col && col.length ? col[col.length - 1] : NaN);

/** The newest point of each headline metric, for reading off without hovering a chart. */
export function LatestValues() {
  const { store } = useLab();
  const view = store((s) => s.view);
  const env = store((s) => s.scenario.env);
  if (!view || view.x.length === 0) return null;
  return (
    <dl className="latest" aria-label="Latest iteration" data-testid="latest">
      {ENV_VIEWS[env].headline.map(({ key, label, digits, ref }) => {
        const value = at(view.columns[key]);
        const beside = ref === undefined ? undefined : view.references[ref];
        return (
          <div key={key} data-testid={`latest-${key}`} data-value={value}>
            <dt>{label}</dt>
            <dd>
              {value.toFixed(digits)}
              {beside && (
                <span className="unit">
                  {' '}
                  ({beside.label} = {beside.value.toFixed(digits)})
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
