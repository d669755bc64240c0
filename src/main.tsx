// First: zod must be jitless before any schema parses (see the module).
import './security/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { decodeScenario } from './scenario/codec';
import { readPageOptions, writePageOptions } from './state/page-options';
import { withBaseline } from './state/baseline-controller';
import { LastSessionStore, restoreLastSession, sameScenario } from './state/last-session';
import { connectSim, mirrorToUrl } from './state/sim-controller';
import { CATALOG, DEFAULT_PRESET, presetById, presetScenario, presetVariant, PRESETS } from './envs/catalog';
import { createLabStore } from './state/store';
import { App } from './ui/App';
import { LabContext } from './ui/context';
import './ui/styles.css';

const page = readPageOptions(location.search, PRESETS, CATALOG.flatMap((e) => e.view.charts.map((c) => c.testId)));
// Read before the lab writes its scenario into the fragment.
const openedWithLink = location.hash.length > 1 || page.options.preset !== null;
// The bare address opens the lab's first lesson: the Tobin tax beside its no-tax baseline, with what to watch.
if (location.search === '' && location.hash.length <= 1) {
  page.options = { ...page.options, preset: DEFAULT_PRESET, baseline: true };
  // In the address too, so that a link copied from it opens the same lesson.
  history.replaceState(null, '', `${location.pathname}${writePageOptions('', page.options)}`);
}
const preset = presetById(page.options.preset);
// A preset alone (?preset=...) opens its scenario; a scenario in the fragment is the user's and wins.
const { scenario, problems, notes } = location.hash.length > 1 || !preset ? decodeScenario(location.hash) : { scenario: presetScenario(preset, presetVariant(preset, page.options.variant)), problems: [], notes: [] };
const store = createLabStore(scenario, page.options);
store.getState().setLinkProblems([...problems, ...page.problems]);
store.getState().setLinkNotes(notes);
const sessions = new LastSessionStore(undefined, undefined, (reason) =>
  store.getState().setNotice(`This browser is not keeping your session: ${reason}. Training goes on, but a reload will not bring it back; save the policies to a file to keep them.`),
);
const sim = withBaseline(connectSim(store, sessions), store);
void restoreLastSession(store, sim, sessions, openedWithLink);

// A link pasted into this tab's address bar changes only the fragment: no reload, so load it here.
// (The lab's own mirroring uses replaceState, which fires no hashchange.)
window.addEventListener('hashchange', () => {
  const link = decodeScenario(location.hash);
  store.getState().setLinkProblems(link.problems);
  store.getState().setLinkNotes(link.notes);
  // A link of the scenario already open (its fields in another order, say) keeps the run and its
  // checkpoint, which configuring would have wiped (issue 22); an earlier notice is about what was before.
  if (sameScenario(link.scenario, store.getState().scenario)) {
    // The address shows the scenario's own link again (the pasted one may have had its fields in another order, or refused ones).
    mirrorToUrl(link.scenario);
    return store.getState().setNotice('This link is the scenario already open: the run goes on as it was.');
  }
  store.getState().setNotice(null);
  void sim.configure(link.scenario);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabContext.Provider value={{ store, sim, sessions }}>
      <App />
    </LabContext.Provider>
  </StrictMode>,
);
