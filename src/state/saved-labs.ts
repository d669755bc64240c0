/**
 * Trained labs kept in this browser (IndexedDB, through idb-keyval), by a name the user gives.
 * Each lab is two records written in one transaction: a small summary for the list, and the
 * document itself, read only when that lab is loaded (documents run to hundreds of kB).
 */
import { createStore, delMany, get, getMany, keys, setMany, type UseStore } from 'idb-keyval';
import { z } from 'zod';
import type { PoliciesDocument } from '../scenario/policies-file';
import type { EnvId } from '../scenario/schema';

export interface SavedLab {
  name: string;
  env: EnvId;
  seed: number;
  iteration: number;
  /** When it was saved in this browser, ISO 8601. */
  savedAt: string;
}

/**
 * A lab whose summary is not one this lab writes (another version's, or damaged): listed by its
 * name so it can still be loaded (its document is checked as any file is) or deleted.
 */
export interface UnreadableLab {
  name: string;
  unreadable: true;
}

export type ListedLab = SavedLab | UnreadableLab;

const summarySchema = z.object({ name: z.string(), env: z.string(), seed: z.number(), iteration: z.number(), savedAt: z.string() });

const SUMMARY = 'summary:';
const DOCUMENT = 'document:';

/** "<environment's label> seed 3, it 40": what the name field offers before the user types. */
export function defaultLabName(envLabel: string, seed: number, iteration: number): string {
  return `${envLabel} seed ${seed}, it ${iteration}`;
}

export class SavedLabs {
  constructor(private readonly store: UseStore = createStore('adage-lab', 'saved-labs')) {}

  /** Saves under `name` (trimmed), replacing a lab of that name; returns its summary. */
  async save(name: string, doc: PoliciesDocument, now = new Date()): Promise<SavedLab> {
    const key = name.trim();
    if (!key) throw new Error('A saved lab needs a name.');
    const summary: SavedLab = { name: key, env: doc.scenario.env, seed: doc.scenario.seed, iteration: doc.iteration, savedAt: now.toISOString() };
    await setMany(
      [
        [SUMMARY + key, summary],
        [DOCUMENT + key, doc],
      ],
      this.store,
    );
    return summary;
  }

  /** Every saved lab's summary, the most recent first; those whose summary cannot be read last, by name. */
  async list(): Promise<ListedLab[]> {
    const summaryKeys = (await keys(this.store)).filter((k): k is string => typeof k === 'string' && k.startsWith(SUMMARY));
    const values = await getMany<unknown>(summaryKeys, this.store);
    const readable: SavedLab[] = [];
    const unreadable: UnreadableLab[] = [];
    values.forEach((value, i) => {
      // A lab deleted in another tab between the two reads is simply not listed.
      if (value === undefined) return;
      const name = summaryKeys[i].slice(SUMMARY.length);
      const summary = summarySchema.safeParse(value);
      if (summary.success && summary.data.name === name) readable.push(summary.data as SavedLab);
      else unreadable.push({ name, unreadable: true });
    });
    readable.sort((a, b) => b.savedAt.localeCompare(a.savedAt) || a.name.localeCompare(b.name));
    return [...readable, ...unreadable.sort((a, b) => a.name.localeCompare(b.name))];
  }

  /**
   * The document saved under `name`, undefined if there is none. Unchecked: it goes through the
   * same validation as a file (another version of the lab may have written it).
   */
  load(name: string): Promise<unknown> {
    return get(DOCUMENT + name, this.store);
  }

  remove(name: string): Promise<void> {
    return delMany([SUMMARY + name, DOCUMENT + name], this.store);
  }
}
