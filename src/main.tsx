import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { decodeScenario } from './scenario/codec';
import { withBaseline } from './state/baseline-controller';
import { baselineWanted } from './state/baseline-url';
import { connectSim } from './state/sim-controller';
import { createLabStore } from './state/store';
import { App } from './ui/App';
import { LabContext } from './ui/context';
import './ui/styles.css';

const { scenario, problems } = decodeScenario(location.hash);
const store = createLabStore(scenario, baselineWanted(location.search));
store.getState().setLinkProblems(problems);
const sim = withBaseline(connectSim(store), store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabContext.Provider value={{ store, sim }}>
      <App />
    </LabContext.Provider>
  </StrictMode>,
);
