import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import type { PoliciesDocument } from '../scenario/policies-file';
import { defaultScenario, type Scenario } from '../scenario/schema';
import { LastSessionStore, MAX_SESSIONS, restoreLastSession } from './last-session';
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

describe('a session per tab (issue 22: two tabs shared one record, and the last to write took the other\'s work)', () => {
  const shared = () => createStore(`last-session-test-${++dbCount}`, 'last');
  /** Sessions are ordered by the millisecond they were saved in. */
  const later = () => new Promise((resolve) => setTimeout(resolve, 3));

  it("gives each tab its own run back after a reload, lists the other's, and a new tab gets the most recent", async () => {
    const db = shared();
    const tobin = { ...defaultScenario('entrance-tobin'), seed: 1 } as Scenario;
    const fairness = defaultScenario('entrance-diff');
    await new LastSessionStore(db, 'tab-a').save({ scenario: tobin, checkpoint: checkpointOf(tobin, 9) });
    await later();
    await new LastSessionStore(db, 'tab-b').save({ scenario: fairness, checkpoint: checkpointOf(fairness, 100) });
    // Reload A, then B: each its own.
    expect(await new LastSessionStore(db, 'tab-a').load()).toMatchObject({ scenario: { env: 'entrance-tobin' }, checkpoint: { iteration: 9 } });
    expect(await new LastSessionStore(db, 'tab-b').load()).toMatchObject({ scenario: { env: 'entrance-diff' }, checkpoint: { iteration: 100 } });
    expect(await new LastSessionStore(db, 'tab-a').others()).toMatchObject([{ key: 'tab-b', env: 'entrance-diff', iteration: 100 }]);
    // A new tab at the bare address: the most recent session, and both listed.
    const fresh = new LastSessionStore(db, 'tab-new');
    expect(await fresh.load()).toMatchObject({ checkpoint: { iteration: 100 } });
    expect((await fresh.others()).map((o) => o.key)).toEqual(['tab-b', 'tab-a']);
  });

  it("goes on with another tab's session under a new id, so that neither the other tab's record nor its own is written over", async () => {
    const db = shared();
    const a = new LastSessionStore(db, 'tab-a');
    await a.save({ scenario: scenarioA, checkpoint: checkpointOf(scenarioA, 4) });
    await later();
    await new LastSessionStore(db, 'tab-b').save({ scenario: scenarioB, checkpoint: checkpointOf(scenarioB, 7) });
    expect(await a.take('tab-b')).toMatchObject({ checkpoint: { iteration: 7 } });
    await a.save({ scenario: scenarioB, checkpoint: checkpointOf(scenarioB, 8) });
    expect(await new LastSessionStore(db, 'tab-a').load()).toMatchObject({ checkpoint: { iteration: 4 } });
    expect(await new LastSessionStore(db, 'tab-b').load()).toMatchObject({ checkpoint: { iteration: 7 } });
    expect((await a.others()).map((o) => o.iteration).sort()).toEqual([4, 7]);
  });

  it(`keeps the ${MAX_SESSIONS} most recent sessions`, async () => {
    const db = shared();
    for (let i = 0; i < MAX_SESSIONS + 3; i++) {
      await new LastSessionStore(db, `tab-${i}`).save({ scenario: scenarioA, checkpoint: null });
      await later();
    }
    const others = await new LastSessionStore(db, 'tab-x').others();
    expect(others).toHaveLength(MAX_SESSIONS);
    expect(others[0].key).toBe(`tab-${MAX_SESSIONS + 2}`);
  });
});

describe('a stored session the lab cannot read (issue 22: it blanked the page on every open)', () => {
  it.each([
    [{ scenario: { env: 'entrance-tobin-v2' }, checkpoint: null }, 'scenario.env: unknown environment "entrance-tobin-v2"'],
    [{ scenario: { env: 'entrance-tobin', n: -5, hidden: 'big' }, checkpoint: null }, 'scenario.n: n (traders per market) must be a whole number from 2 to 1000, got -5'],
    [{ checkpoint: null }, 'scenario: Invalid input: expected record, received undefined'],
    ['a string', 'the record: Invalid input: expected object, received string'],
  ])('%o is named by path, set aside, and the page keeps its own scenario', async (record, named) => {
    const db = createStore(`last-session-test-${++dbCount}`, 'last');
    const { set } = await import('idb-keyval');
    await set('tab-a', record, db);
    const sessions = new LastSessionStore(db, 'tab-a');
    const store = createLabStore(scenarioA);
    const { sim, calls } = recordingSim(store);
    await restoreLastSession(store, sim, sessions, false);
    expect(calls).toEqual([]);
    expect(store.getState().notice).toContain('Your last session in this browser could not be restored, and was set aside: ');
    expect(store.getState().notice).toContain(named);
    expect(store.getState().scenario).toEqual(scenarioA);
    // The next reload meets nothing.
    expect(await sessions.load()).toBeNull();
  });
});

describe('storage the browser refuses (issue 22: training ran without a word and a reload restored nothing)', () => {
  it('says why, once, and training is not held up', async () => {
    const full = (async () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }) as unknown as ReturnType<typeof createStore>;
    const reasons: string[] = [];
    const sessions = new LastSessionStore(full, 'tab-a', (r) => reasons.push(r));
    await sessions.save({ scenario: scenarioA, checkpoint: null });
    await sessions.save({ scenario: scenarioA, checkpoint: checkpointOf(scenarioA, 2) });
    expect(reasons).toEqual(["this browser's storage for the lab is full (its quota is used up)"]);
    expect(await sessions.load()).toBeNull();
  });
});

