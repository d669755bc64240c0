import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { decodeScenario } from './scenario/codec';
import { connectSim } from './state/sim-controller';
import { createLabStore } from './state/store';
import { App } from './ui/App';
import { LabContext } from './ui/context';
import './ui/styles.css';

const { scenario, problems, notes } = decodeScenario(location.hash);
const store = createLabStore(scenario);
store.getState().setLinkProblems(problems);
store.getState().setLinkNotes(notes);
const sim = connectSim(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabContext.Provider value={{ store, sim }}>
      <App />
    </LabContext.Provider>
  </StrictMode>,
);
