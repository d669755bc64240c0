/**
 * The sessions in this browser (IndexedDB, through idb-keyval): each tab keeps its own, the
 * scenario and the run's latest checkpoint, written as they change, so an accidental reload or a
 * closed tab loses nothing. A tab is told apart by an id in its sessionStorage (which a reload
 * keeps and another tab does not have): two tabs no longer share one record, where the tab that
 * wrote last took the other's work (issue 22). The MAX_SESSIONS most recent are kept; the others
 * are listed to reopen (OtherSessions).
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import { z } from 'zod';
import type { PoliciesDocument } from '../scenario/policies-file';
import type { Scenario } from '../scenario/schema';
import { parseScenario, ScenarioError } from '../scenario/validate';
import type { SimController } from './sim-controller';
import { storageFailure } from './storage-failure';
import type { LabStore } from './store';

export interface LastSession {
  scenario: Scenario;
  /** The run's latest checkpoint for that scenario, or null before one was taken. */
  checkpoint: PoliciesDocument | null;
}

/** A session as stored: when it was written (ms since 1970; absent in records of older labs). */
type Stored = LastSession & { savedAt?: number };

/** Another tab's session, as the list shows it. */
export interface SessionSummary {
  key: string;
  env: string;
  seed: number;
  iteration: number;
  savedAt: number;
}

/** Sessions kept: a tab's own and the most recent others; older ones give way. */
export const MAX_SESSIONS = 8;

const TAB_KEY = 'adage-lab-tab';
/** A tab's id: not a run's randomness (runs draw from their seed), so the platform's generator, which any page has. */
const newTabId = () => `tab-${Date.now().toString(36)}-${crypto.getRandomValues(new Uint32Array(1))[0].toString(36)}`;

/** This tab's id: kept in sessionStorage across reloads; a page that may not use it gets one of its own. */
function tabId(): string {
  try {
    const id = sessionStorage.getItem(TAB_KEY) ?? newTabId();
    sessionStorage.setItem(TAB_KEY, id);
    return id;
  } catch {
    return newTabId();
  }
}

/** What a record must hold before its scenario is judged (a record of another lab, or damaged, is refused by path). */
const recordSchema = z.object({ scenario: z.record(z.string(), z.unknown()), checkpoint: z.unknown(), savedAt: z.number().optional() });

/** A stored record checked: the session, or what is wrong with it, by path. */
export function checkSession(record: unknown): { session: LastSession } | { problems: string[] } {
  const shape = recordSchema.safeParse(record);
  if (!shape.success) return { problems: shape.error.issues.map((i) => `${i.path.join('.') || 'the record'}: ${i.message}`) };
  try {
    const scenario = parseScenario(shape.data.scenario, 'strict').scenario;
    const checkpoint = shape.data.checkpoint;
    // The checkpoint's own content is judged by the worker when it is loaded (checkPoliciesDocument).
    return { session: { scenario, checkpoint: checkpoint === null || checkpoint === undefined ? null : (checkpoint as PoliciesDocument) } };
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return { problems: err.problems.map((p) => `scenario.${p.field}: ${p.message}`) };
  }
}

/**
 * Writes are chained, so a slow one cannot land after a later one. A browser that refuses
 * storage (private mode, quota, no IndexedDB) costs the reload its restore, never the run, and
 * says so once through `onFailure`.
 */
export class LastSessionStore {
  private chain: Promise<void> = Promise.resolve();
  private failed = false;
  private readonly store: UseStore | null;

  constructor(
    store?: UseStore,
    private tab = tabId(),
    private readonly onFailure: (reason: string) => void = () => undefined,
  ) {
    this.store = store ?? openStore(onFailure);
  }

  save(session: LastSession): Promise<void> {
    this.chain = this.chain
      .then(async () => {
        if (!this.store) return;
        await set(this.tab, { ...session, savedAt: Date.now() }, this.store);
        this.failed = false;
        await this.prune();
      })
      .catch((err: unknown) => {
        if (this.failed) return;
        this.failed = true;
        this.onFailure(storageFailure(err));
      });
    return this.chain;
  }

  /** This tab's record; in a tab that has none (a new tab), the most recent of any tab. Unchecked. */
  async load(): Promise<unknown> {
    const all = await this.all();
    const own = all.find(([key]) => key === this.tab);
    return (own ?? all[0])?.[1] ?? null;
  }

  /** The other tabs' sessions, the most recent first (records that cannot be read are left out). */
  async others(): Promise<SessionSummary[]> {
    return (await this.all()).flatMap(([key, value]) => {
      const checked = key === this.tab ? null : checkSession(value);
      if (!checked || !('session' in checked)) return [];
      const { scenario, checkpoint } = checked.session;
      return [{ key, env: scenario.env, seed: scenario.seed, iteration: checkpoint?.iteration ?? 0, savedAt: (value as Stored).savedAt ?? 0 }];
    });
  }

  /**
   * Another tab's session, for this tab to go on with: this tab takes a new id, so its own
   * session so far stays kept (and listed), and the other tab, if open, keeps writing its own.
   */
  async take(key: string): Promise<unknown> {
    const record = this.store ? await get(key, this.store) : null;
    this.tab = newTabId();
    try {
      sessionStorage.setItem(TAB_KEY, this.tab);
    } catch {
      // A page without sessionStorage keeps the id for as long as it is open.
    }
    return record ?? null;
  }

  /** Forgets this tab's record (one that could not be restored, so a reload does not meet it again). */
  async forget(): Promise<void> {
    if (this.store) await del(this.tab, this.store).catch(() => undefined);
  }

  /** Every record, the most recent first; none where the browser refuses storage. */
  private async all(): Promise<[string, unknown][]> {
    if (!this.store) return [];
    try {
      const rows = (await entries<IDBValidKey, unknown>(this.store)).filter((row): row is [string, unknown] => typeof row[0] === 'string');
      return rows.sort(([, a], [, b]) => savedAt(b) - savedAt(a));
    } catch {
      return [];
    }
  }

  private async prune(): Promise<void> {
    const all = await this.all();
    for (const [key] of all.slice(MAX_SESSIONS)) if (key !== this.tab) await del(key, this.store!);
  }
}

const savedAt = (record: unknown) => (typeof record === 'object' && record !== null && typeof (record as Stored).savedAt === 'number' ? (record as Stored).savedAt! : 0);

/** The session store, or null (said through onFailure) where the browser offers no IndexedDB. */
function openStore(onFailure: (reason: string) => void): UseStore | null {
  try {
    return createStore('adage-lab-session', 'last-session');
  } catch (err) {
    queueMicrotask(() => onFailure(storageFailure(err)));
    return null;
  }
}

/** Same scenario: every field equal (both validated, so keys come in the schema's order). */
export function sameScenario(a: Scenario, b: Scenario): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * After a reload: the session's settings come back when the page was opened without a link of
 * its own (a link the user opened wins), and its results (the checkpoint, paused) whenever its
 * scenario is the one on screen. `record`: the session to restore (default: this tab's, see
 * load). A record the lab cannot read is named by path and forgotten. Says what it restored in
 * the store's notice.
 */
export async function restoreLastSession(store: LabStore, sim: SimController, sessions: LastSessionStore, openedWithLink: boolean, record?: unknown): Promise<void> {
  const stored = record === undefined ? await sessions.load() : record;
  if (stored === null || stored === undefined) return;
  const checked = checkSession(stored);
  if ('problems' in checked) {
    await sessions.forget();
    store.getState().setNotice(`Your last session in this browser could not be restored, and was set aside: ${checked.problems.slice(0, 3).join('; ')}.`);
    return;
  }
  const last = checked.session;
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
