import { useLab } from '../context';
import { presetScenario, presetVariant, PRESETS } from '../../envs/catalog';
import type { Preset } from '../../envs/view/types';

/** One card per paper result: a click loads its scenario and opens its explanation. */
export function PresetGallery() {
  const { store, sim } = useLab();
  const page = store((s) => s.page);
  const open = async (p: Preset) => {
    await sim.configure(presetScenario(p, presetVariant(p, null)));
    sim.setPage({ ...store.getState().page, preset: p.id, variant: null });
  };
  return (
    <nav className="gallery" aria-label="Presets from the papers">
      <h2>Start from a paper result</h2>
      <ul>
        {PRESETS.map((p) => (
          <li key={p.id}>
            <button type="button" className="preset-card" aria-pressed={page.preset === p.id} data-testid={`preset-${p.id}`} onClick={() => open(p)}>
              <strong>{p.title}</strong>
              <span className="source">{p.source}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
