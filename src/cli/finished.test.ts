/**
 * The finished runs the lab ships (public/finished, made by `npx adage-lab finished`): every
 * preset has its run and its baseline, each a policies file the lab accepts, of the scenario the
 * preset opens with (the results report's first seed), trained to the end, holding the final
 * figures the index states, and reproducible: a fresh experiment of its scenario plays the same
 * first iteration as the file's.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { finishedFigures } from './finished';
import { finishedFiles, FINISHED_INDEX, FINISHED_KIND, type FinishedIndex } from '../scenario/finished-files';
import { planReport } from './report';
import { useNodeBackend } from '../engine/node-backend';
import { checkPoliciesDocument, readPoliciesText, type PoliciesDocument } from '../scenario/policies-file';
import { moduleOf, type Scenario } from '../scenario/schema';
import { SimSession } from '../worker/session';
import { PRESETS } from '../envs/catalog';

const FOLDER = new URL('../../public/finished/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, FOLDER), 'utf8');

function load(name: string): PoliciesDocument {
  const checked = checkPoliciesDocument(readPoliciesText(read(name)));
  if ('problems' in checked) throw new Error(`${name}: ${checked.problems.map((p) => p.message).join(' ')}`);
  return checked.doc;
}

/** The file's scenario, trained to the end, with its stored figures and the first iteration a fresh run plays. */
async function expectFinished(doc: PoliciesDocument, scenario: Scenario, final: Record<string, number>, keys: string[]) {
  expect(doc.scenario).toEqual(scenario);
  expect(doc.iteration).toBe(moduleOf(scenario).iterations(scenario));
  const stored = finishedFigures(doc.history, keys);
  expect(Object.keys(stored).sort()).toEqual(Object.keys(final).sort());
  for (const key of Object.keys(final)) expect(stored[key], key).toBeCloseTo(final[key], 9);

  const session = new SimSession(() => {});
  expect((await session.loadPolicies(doc)).problems).toEqual([]);
  expect(session.exportRun()?.rows).toHaveLength(doc.iteration);

  const experiment = await moduleOf(scenario).experiment(scenario);
  try {
    const { metrics } = await experiment.iterate();
    for (const key of keys) if (Number.isFinite(metrics[key])) expect(metrics[key], `${key} at iteration 1`).toBeCloseTo(doc.history[0][key], 5);
  } finally {
    experiment.dispose();
  }
}

describe('finished runs shipped with the lab', () => {
  const index = JSON.parse(read(FINISHED_INDEX)) as FinishedIndex;
  beforeAll(async () => {
    await useNodeBackend();
  });

  it('the index lists every preset, and nothing else', () => {
    expect(index.kind).toBe(FINISHED_KIND);
    expect(Object.keys(index.runs).sort()).toEqual(PRESETS.map((p) => p.id).sort());
  });

  for (const x of planReport({ seeds: 1, evaluate: 0, out: '' })) {
    it(`${x.preset.id}: its run and baseline load, trained to the end, with the index's figures`, async () => {
      const entry = index.runs[x.preset.id];
      const files = finishedFiles(x.preset.id);
      await expectFinished(load(files.run), x.scenario, entry.final, x.preset.finalKeys);
      await expectFinished(load(files.baseline), x.baseline, entry.baselineFinal, x.preset.finalKeys);
    });
  }
});
