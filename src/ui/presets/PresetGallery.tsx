import { useLab } from '../context';
import { presetScenario, presetVariant, PRESETS } from '../../envs/catalog';
import type { Preset } from '../../envs/view/types';

/**
 * One card per paper result, with how long its 1-minute version takes live: a click loads its scenario, ticks its baseline where the lesson is a
 * comparison, and brings the run bar and the headline charts to the top of the screen.
 */
export function PresetGallery() {
  const { store, sim } = useLab();
  const page = store((s) => s.page);
  const open = async (p: Preset) => {
    await sim.configure(presetScenario(p, presetVariant(p, null)));
    sim.setPage({ ...store.getState().page, preset: p.id, variant: null, baseline: p.compare === true });
    document.querySelector('[data-testid="run-bar"]')?.scrollIntoView({ block: 'start' });
  };
  return (
    <nav className="gallery" aria-label="Presets from the papers">
      <h2>Start from a paper result</h2>
      <ul>
        {PRESETS.map((p) => (
          <li key={p.id}>
            {/* Titles only, so the gallery leaves the screen to the lesson; the source is in the explanation (and the tooltip). */}
            <button type="button" className="preset-card" aria-pressed={page.preset === p.id} data-testid={`preset-${p.id}`} title={p.source} onClick={() => open(p)}>
              {p.title}
              <span className="card-live">live in about {p.live.seconds} s</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
