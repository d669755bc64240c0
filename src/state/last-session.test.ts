import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import type { PoliciesDocument } from '../scenario/policies-file';
import { defaultScenario, type Scenario } from '../scenario/schema';
import { LastSessionStore, restoreLastSession } from './last-session';
import type { SimController } from './sim-controller';
import { createLabStore } from './store';

let dbCount = 0;
const fresh = () => new LastSessionStore(createStore(`last-session-test-${++dbCount}`, 'last'));

const scenarioA = { ...defaultScenario('entrance-tobin'), seed: 5 } as Scenario;
const scenarioB = { ...defaultScenario('entrance-tobin'), seed: 6 } as Scenario;

function checkpointOf(scenario: Scenario, iteration: number): PoliciesDocument {
  return { kind: 'adage-lab-policies', format: 1, app: '0.1.0', savedAt: '2026-11-22T00:00:00.000Z', scenario, iteration, history: [], snapshots: {}, state: {} };
}

/** The controller's two calls a restore makes, recorded; loadPolicies answers `problems`. */
function recordingSim(store: ReturnType<typeof createLabStore>, problems: { field: string; message: string }[] = []) {
  const calls: string[] = [];
  const sim = {
    async configure(s: Scenario) {
      calls.push(`configure seed ${s.seed}`);
      store.getState().setScenario(s);
    },
    async loadPolicies(doc: PoliciesDocument) {
      calls.push(`load ${doc.iteration}`);
      return problems;
    },
  } as unknown as SimController;
  return { sim, calls };
}

describe('the last session, kept for a reload', () => {
  it('keeps the latest write, and the last of quick writes wins', async () => {
    const sessions = fresh();
    expect(await sessions.load()).toBeNull();
    void sessions.save({ scenario: scenarioA, checkpoint: null });
    await sessions.save({ scenario: scenarioB, checkpoint: checkpointOf(scenarioB, 7) });
    expect(await sessions.load()).toMatchObject({ scenario: { seed: 6 }, checkpoint: { iteration: 7 } });
  });

  it('a reload of the same scenario gets its results back, paused at the checkpoint, and says so', async () => {
    const sessions = fresh();
    await sessions.save({ scenario: scenarioA, checkpoint: checkpointOf(scenarioA, 12) });
    const store = createLabStore(scenarioA);
    const { sim, calls } = recordingSim(store);
    await restoreLastSession(store, sim, sessions, true);
    expect(calls).toEqual(['load 12']);
    expect(store.getState().notice).toBe('Restored your last session from this browser: iteration 12, paused. Resume goes on from there; Reset starts over.');
  });

  it('a link to another scenario wins: nothing is restored', async () => {
    const sessions = fresh();
    await sessions.save({ scenario: scenarioA, checkpoint: checkpointOf(scenarioA, 12) });
    const store = createLabStore(scenarioB);
    const { sim, calls } = recordingSim(store);
    await restoreLastSession(store, sim, sessions, true);
    expect(calls).toEqual([]);
    expect(store.getState().notice).toBeNull();
  });

  it('the bare address gets the last settings, and their results', async () => {
    const sessions = fresh();
    await sessions.save({ scenario: scenarioB, checkpoint: checkpointOf(scenarioB, 3) });
    const store = createLabStore(defaultScenario());
    const { sim, calls } = recordingSim(store);
    await restoreLastSession(store, sim, sessions, false);
    expect(calls).toEqual(['configure seed 6', 'load 3']);
  });

  it('settings without results (a new scenario, not yet run) come back alone', async () => {
    const sessions = fresh();
    await sessions.save({ scenario: scenarioB, checkpoint: null });
    const store = createLabStore(defaultScenario());
    const { sim, calls } = recordingSim(store);
    await restoreLastSession(store, sim, sessions, false);
    expect(calls).toEqual(['configure seed 6']);
    expect(store.getState().notice).toBe('Restored your last settings from this browser.');
  });

  it('results the lab refuses are named, and the settings stay', async () => {
    const sessions = fresh();
    await sessions.save({ scenario: scenarioA, checkpoint: checkpointOf(scenarioA, 2) });
    const store = createLabStore(scenarioA);
    const { sim } = recordingSim(store, [{ field: 'state.followers', message: 'state.followers: missing.' }]);
    await restoreLastSession(store, sim, sessions, true);
    expect(store.getState().notice).toBe("Your last session's results could not be restored: state.followers: missing.");
    expect(store.getState().scenario).toEqual(scenarioA);
  });
});
