import 'fake-indexeddb/auto';
import { createStore, set } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import type { PoliciesDocument } from '../scenario/policies-file';
import { defaultScenario } from '../scenario/schema';
import { defaultLabName, SavedLabs } from './saved-labs';

let dbCount = 0;
/** Each test its own database, so none sees another's labs. */
const freshStore = () => createStore(`saved-labs-test-${++dbCount}`, 'labs');
const fresh = () => new SavedLabs(freshStore());

function doc(env: 'cobweb' | 'market-maker', seed: number, iteration: number): PoliciesDocument {
  return {
    kind: 'adage-lab-policies',
    format: 1,
    app: '0.1.0',
    savedAt: '2026-11-01T00:00:00.000Z',
    scenario: { ...defaultScenario(env), seed },
    iteration,
    // NaN where a figure was not measured: IndexedDB keeps it, unlike JSON.
    history: Array.from({ length: iteration }, (_, i) => ({ iteration: i + 1, shortfall: NaN })),
    snapshots: {},
    state: { iteration },
  };
}

describe('labs saved in this browser', () => {
  it('lists each lab by name, environment, seed, iteration and date, the most recent first', async () => {
    const labs = fresh();
    await labs.save('first', doc('cobweb', 1, 2), new Date('2026-11-01T10:00:00Z'));
    await labs.save('  second  ', doc('market-maker', 4, 7), new Date('2026-11-02T10:00:00Z'));
    expect(await labs.list()).toEqual([
      { name: 'second', env: 'market-maker', seed: 4, iteration: 7, savedAt: '2026-11-02T10:00:00.000Z' },
      { name: 'first', env: 'cobweb', seed: 1, iteration: 2, savedAt: '2026-11-01T10:00:00.000Z' },
    ]);
  });

  it('loads the document saved under a name as it was, and nothing for a name not saved', async () => {
    const labs = fresh();
    const saved = doc('cobweb', 3, 5);
    await labs.save('calibrated', saved);
    const loaded = (await labs.load('calibrated')) as PoliciesDocument;
    expect(loaded).toEqual(saved);
    expect(Number.isNaN(loaded.history[0].shortfall)).toBe(true);
    expect(await labs.load('never saved')).toBeUndefined();
  });

  it('replaces a lab saved again under the same name', async () => {
    const labs = fresh();
    await labs.save('run', doc('cobweb', 1, 2));
    await labs.save('run', doc('cobweb', 1, 9));
    expect(await labs.list()).toEqual([expect.objectContaining({ name: 'run', iteration: 9 })]);
    expect(((await labs.load('run')) as PoliciesDocument).iteration).toBe(9);
  });

  it('deletes a lab, summary and document, leaving the others', async () => {
    const labs = fresh();
    await labs.save('keep', doc('cobweb', 1, 2));
    await labs.save('drop', doc('cobweb', 2, 2));
    await labs.remove('drop');
    expect((await labs.list()).map((l) => l.name)).toEqual(['keep']);
    expect(await labs.load('drop')).toBeUndefined();
  });

  it('lists a lab whose summary is damaged by its name, last, without hiding the others, and still loads or deletes it', async () => {
    const store = freshStore();
    const labs = new SavedLabs(store);
    await labs.save('good', doc('cobweb', 1, 2), new Date('2026-11-01T10:00:00Z'));
    // Written by hand, as a damaged record or another version of the lab might have left them.
    await set('summary:broken', { name: 'broken', seed: 'three' }, store);
    await set('document:broken', 'not a document', store);
    await set('summary:aliased', { name: 'other', env: 'cobweb', seed: 1, iteration: 2, savedAt: '2026-11-01T10:00:00.000Z' }, store);
    await set('summary:null', null, store);
    expect(await labs.list()).toEqual([
      { name: 'good', env: 'cobweb', seed: 1, iteration: 2, savedAt: '2026-11-01T10:00:00.000Z' },
      { name: 'aliased', unreadable: true },
      { name: 'broken', unreadable: true },
      { name: 'null', unreadable: true },
    ]);
    // Its document comes back unchecked: the worker refuses it as it would a file.
    expect(await labs.load('broken')).toBe('not a document');
    await labs.remove('broken');
    expect((await labs.list()).map((l) => l.name)).toEqual(['good', 'aliased', 'null']);
  });

  it('refuses an empty name', async () => {
    await expect(fresh().save('   ', doc('cobweb', 1, 2))).rejects.toThrow('A saved lab needs a name.');
  });

  it('offers the environment, seed and iteration as a default name', () => {
    expect(defaultLabName('Cobweb market', 3, 40)).toBe('Cobweb market seed 3, it 40');
  });
});
