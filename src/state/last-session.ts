/**
 * The last session in this browser (IndexedDB, through idb-keyval): the scenario and the run's
 * latest checkpoint, written as they change, so an accidental reload or a closed tab loses nothing.
 * One record, replaced each time; a new scenario clears the checkpoint.
 */
import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { PoliciesDocument } from '../scenario/policies-file';
import type { Scenario } from '../scenario/schema';
import type { SimController } from './sim-controller';
import type { LabStore } from './store';

export interface LastSession {
  scenario: Scenario;
  /** The run's latest checkpoint for that scenario, or null before one was taken. */
  checkpoint: PoliciesDocument | null;
}

const KEY = 'last';

/**
 * Writes are chained, so a slow one cannot land after a later one; a browser that refuses
 * storage (private mode, quota) costs the reload its restore, never the run.
 */
export class LastSessionStore {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly store: UseStore = createStore('adage-lab-session', 'last-session')) {}

  save(session: LastSession): Promise<void> {
    this.chain = this.chain.then(() => set(KEY, session, this.store)).catch(() => undefined);
    return this.chain;
  }

  async load(): Promise<LastSession | null> {
    try {
      return (await get<LastSession>(KEY, this.store)) ?? null;
    } catch {
      return null;
    }
  }
}

/** Same scenario: every field equal (both validated, so keys come in the schema's order). */
export function sameScenario(a: Scenario, b: Scenario): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * After a reload: the last session's settings come back when the page was opened without a link
 * of its own (a link the user opened wins), and its results (the checkpoint, paused) whenever its
 * scenario is the one on screen. Says what it restored in the store's notice.
 */
export async function restoreLastSession(store: LabStore, sim: SimController, sessions: LastSessionStore, openedWithLink: boolean): Promise<void> {
  const last = await sessions.load();
  if (!last) return;
  if (!sameScenario(last.scenario, store.getState().scenario)) {
    if (openedWithLink) return;
    await sim.configure(last.scenario);
  }
  const { checkpoint } = last;
  if (!checkpoint || !sameScenario(checkpoint.scenario, last.scenario)) {
    if (!openedWithLink) store.getState().setNotice('Restored your last settings from this browser.');
    return;
  }
  const problems = await sim.loadPolicies(checkpoint);
  store
    .getState()
    .setNotice(
      problems.length
        ? `Your last session's results could not be restored: ${problems.map((p) => p.message).join(' ')}`
        : `Restored your last session from this browser: iteration ${checkpoint.iteration}, paused. Resume goes on from there; Reset starts over.`,
    );
}
