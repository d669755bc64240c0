/**
 * A trained lab's file, refused for each way it can be wrong with a message naming what and
 * where (a JSON path, a line and column): not JSON, not a policies file, damaged fields, NaN
 * weights, and a trained state that belongs to another environment or network size.
 */
import { constants } from 'node:buffer';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeArrays, decodeArray, encodeArray, type EncodedArray } from '../engine/persist/arrays';
import { useNodeBackend } from '../engine/node-backend';
import { StateError, StateReader } from '../engine/persist/state';
import { APP_VERSION } from '../version';
import { checkPoliciesDocument, MAX_POLICIES_BYTES, policiesRefusal, policiesText, readPoliciesText, tooDeep, type PoliciesDocument } from './policies-file';
import { scenarioSchema } from './schema';
import type { FieldProblem } from './validate';
import { moduleOf } from './schema';

const TOBIN = { env: 'entrance-tobin', n: 4, markets: 1, horizon: 8, hidden: 8, iterations: 10 };
const COBWEB = { env: 'cobweb', n: 3, markets: 1, horizon: 8, hidden: 8, targetMarkets: 1, iterations: 10 };

/** A document as the lab saves it, after one iteration of `input`. */
async function saved(input: Record<string, unknown>): Promise<PoliciesDocument> {
  const scenario = scenarioSchema.parse(input);
  const experiment = await moduleOf(scenario).experiment(scenario);
  const report = await experiment.iterate();
  const doc: PoliciesDocument = {
    kind: 'adage-lab-policies',
    format: 1,
    app: APP_VERSION,
    savedAt: '2026-11-20T10:00:00.000Z',
    scenario,
    iteration: 1,
    history: [{ iteration: 1, ...report.metrics }],
    snapshots: encodeArrays(report.snapshots),
    state: await experiment.saveState(),
  };
  experiment.dispose();
  return JSON.parse(JSON.stringify(doc));
}

/** What the worker does with a document: check it, then load its state into an experiment of its scenario. */
async function problemsOf(input: unknown): Promise<FieldProblem[]> {
  const checked = checkPoliciesDocument(input);
  if ('problems' in checked) return checked.problems;
  const experiment = await moduleOf(checked.doc.scenario).experiment(checked.doc.scenario);
  try {
    experiment.loadState(new StateReader(checked.doc.state));
    return [];
  } catch (err) {
    if (err instanceof StateError) return err.problems;
    throw err;
  } finally {
    experiment.dispose();
  }
}

/** The document with the followers' first weight array replaced. */
const withFirstWeights = (doc: PoliciesDocument, weights: EncodedArray): PoliciesDocument => {
  const state = structuredClone(doc.state) as { followers: { weights: EncodedArray[] } };
  state.followers.weights[0] = weights;
  return { ...doc, state };
};

let tobin: PoliciesDocument;
let cobweb: PoliciesDocument;

beforeAll(async () => {
  await useNodeBackend();
  [tobin, cobweb] = [await saved(TOBIN), await saved(COBWEB)];
});

describe('a policies file that is not one', () => {
  it('says text that is not JSON is not, with the line and column where it stops', () => {
    expect(() => readPoliciesText('{\n  "kind": "adage-lab-polic')).toThrow('Not JSON, so not a policies file (Unterminated string in JSON at line 2, column 27).');
    // Newer V8 (Chromium's) says the line and column itself: said once, the same way.
    expect(() => readPoliciesText('{"kind": "adage-lab-polic')).toThrow('(Unterminated string in JSON at line 1, column 26).');
    // Text with no position in its message keeps the parser's words.
    expect(() => readPoliciesText('price\n5.1\n')).toThrow(/^Not JSON, so not a policies file \(Unexpected token/);
  });

  it('says JSON nested deeper than the reader can follow is nested too deeply, not that it is not JSON', () => {
    const deep = `{"kind": "adage-lab-policies", "history": [{"attendance": {"$number": "NaN"}}], "state": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(() => readPoliciesText(deep)).toThrow(
      new Error('The file nests lists and objects inside one another too deeply to be followed (a policies file is a few levels deep), so it is not a policies file.'),
    );
    expect(tooDeep(new SyntaxError('Unexpected token'))).toBeNull();
  });

  it('says JSON that is not a lab is not one, whatever it holds', async () => {
    const first = async (input: unknown) => (await problemsOf(input))[0];
    expect(await first('garbage')).toEqual({ field: 'kind', message: 'Not an ADAGE Lab policies file: it holds "garbage", expected "adage-lab-policies".' });
    expect(await first([1, 2])).toEqual({ field: 'kind', message: 'Not an ADAGE Lab policies file: it holds a list, expected "adage-lab-policies".' });
    expect((await first(null)).message).toBe('Not an ADAGE Lab policies file: it holds null, expected "adage-lab-policies".');
    expect((await first({ scenario: tobin.scenario, rows: [] })).message).toBe('Not an ADAGE Lab policies file: its "kind" is undefined, expected "adage-lab-policies".');
  });

  it('names every missing part of a file that is only its header, five at most', async () => {
    const problems = (await problemsOf({ kind: 'adage-lab-policies', format: 1 }));
    expect(problems.map((p) => p.field)).toEqual(['app', 'savedAt', 'scenario', 'iteration', 'history', '(file)']);
    expect(problems[0].message).toBe('app: Invalid input: expected string, received undefined');
    expect(problems[5].message).toBe('... and 2 more problems.');
  });
});

describe('a policies file with a damaged field', () => {
  it('names the JSON path of a number that is not one', async () => {
    const history = structuredClone(tobin.history) as unknown[];
    history[0] = { ...tobin.history[0], attendance: 'lots' };
    expect((await problemsOf({ ...tobin, history }))[0]).toEqual({ field: 'history[0].attendance', message: 'history[0].attendance: expected a number' });
    expect((await problemsOf({ ...tobin, iteration: NaN }))[0].message).toBe('iteration: Invalid input: expected number, received NaN');
  });

  it("reads back the NaN a metric holds where it was not measured, and nothing else as a number", async () => {
    const doc = { ...tobin, history: [{ ...tobin.history[0], attendance: NaN }] };
    const back = readPoliciesText(policiesText(doc)) as PoliciesDocument;
    expect(back.history[0].attendance).toBeNaN();
    expect((await problemsOf(back))).toEqual([]);
    const forged = readPoliciesText(policiesText(tobin).replace('"attendance":', '"attendance":{"$number":"banana"},"x":')) as PoliciesDocument;
    expect((await problemsOf(forged))[0].message).toBe('history[0].attendance: expected a number');
    // The key written with an escape is the same key, and read back the same way.
    const escaped = readPoliciesText(policiesText(doc).replace('"$number"', '"\\u0024number"')) as PoliciesDocument;
    expect(policiesText(doc)).toContain('"$number"');
    expect(escaped.history[0].attendance).toBeNaN();
    // A text with nothing to read back is plain JSON.
    const plain = policiesText(tobin);
    expect(plain).not.toContain('number"');
    expect(readPoliciesText(plain)).toEqual(JSON.parse(plain));
  });

  it('refuses an infinite metric, from 1e999 in the JSON or written as the lab writes NaN, naming its JSON path', async () => {
    const text = policiesText(tobin).replace(/"attendance":[^,}]+/, '"attendance":1e999');
    expect((await problemsOf(readPoliciesText(text)))[0]).toEqual({
      field: 'history[0].attendance',
      message: 'history[0].attendance: Infinity is not a metric: a metric is a finite number, or NaN where it was not measured',
    });
    const written = readPoliciesText(policiesText({ ...tobin, history: [{ ...tobin.history[0], volatility: -Infinity }] }));
    expect((await problemsOf(written))[0].message).toBe('history[0].volatility: -Infinity is not a metric: a metric is a finite number, or NaN where it was not measured');
  });

  it('names a snapshot of a bad shape, and a history that does not match the iterations', async () => {
    const [key] = Object.keys(tobin.snapshots);
    const snapshots = { ...tobin.snapshots, [key]: { ...tobin.snapshots[key], shape: [-1] } };
    expect((await problemsOf({ ...tobin, snapshots }))[0].message).toBe(`snapshots.${key}.shape[0]: Too small: expected number to be >=0`);
    expect((await problemsOf({ ...tobin, history: [] }))[0].message).toBe('history has 0 rows, but the file says 1 iterations were trained.');
  });

  it('refuses a snapshot longer than an iteration of its scenario makes, before drawing or decoding it (this froze the page)', async () => {
    // n = 4, 1 market, T = 8: 32 agent-steps, so at most the floor of 1,024 values.
    const huge = encodeArray(new Float32Array(150_000));
    expect(await problemsOf({ ...tobin, snapshots: { ...tobin.snapshots, episode: huge } })).toEqual([
      { field: 'snapshots.episode', message: 'snapshots.episode holds 150,000 values, more than an iteration of this scenario makes (at most 1,024).' },
    ]);
    // As many as the floor are still read.
    expect(await problemsOf({ ...tobin, snapshots: { ...tobin.snapshots, episode: encodeArray(new Float32Array(1024)) } })).toEqual([]);
  });

  it("names the scenario's field that the lab does not accept", async () => {
    expect((await problemsOf({ ...tobin, scenario: { ...tobin.scenario, hidden: 4096 } }))[0]).toMatchObject({ field: 'scenario.hidden', message: expect.stringMatching(/^The file's scenario: hidden/) });
  });
});

describe("a policies file whose trained state is wrong", () => {
  const weights0 = () => tobin.state.followers as { weights: EncodedArray[] };

  it('refuses a NaN or infinite weight inside the base64 data (a diverged lab), naming the array and the index', async () => {
    const w = decodeArray(weights0().weights[0]) as Float32Array;
    w[5] = NaN;
    expect((await problemsOf(withFirstWeights(tobin, encodeArray(w, [4, 8]))))).toEqual([
      {
        field: 'state.followers.weights[0]',
        message: 'state.followers.weights[0]: NaN at index 5 of its 32 values; a trained weight must be a finite number (had the run it was saved from diverged?)',
      },
    ]);
    // Not a mismatch: no word of another environment.
    const doc = withFirstWeights(tobin, encodeArray(w, [4, 8]));
    expect(policiesRefusal('"diverged"', doc, (await problemsOf(doc)))).toBe(
      '"diverged" was not loaded: its trained state was refused for its own scenario (entrance-tobin, 8 hidden units). state.followers.weights[0]: NaN at index 5 of its 32 values; a trained weight must be a finite number (had the run it was saved from diverged?).',
    );
    w[5] = -Infinity;
    expect((await problemsOf(withFirstWeights(tobin, encodeArray(w, [4, 8]))))[0].message).toMatch(/^state\.followers\.weights\[0\]: -Infinity at index 5 of its 32/);
  });

  it('refuses arrays of the wrong length, shape or dtype, naming the path', async () => {
    const e = weights0().weights[0];
    expect((await problemsOf(withFirstWeights(tobin, { ...e, shape: [8, 4] })))[0].message).toBe('state.followers.weights[0]: shape 8x4 in the file, 4x8 in this scenario');
    expect((await problemsOf(withFirstWeights(tobin, { ...e, data: e.data.slice(0, 8) })))[0].message).toBe(
      'state.followers.weights[0]: its data holds 6 bytes, but 32 float32 values (shape 4x8) need 128',
    );
    expect((await problemsOf(withFirstWeights(tobin, encodeArray(new Float64Array(32), [4, 8]))))[0].message).toBe('state.followers.weights[0]: float64 values in the file, float32 expected');
    const state = { ...tobin.state, followers: { ...(tobin.state.followers as object), weights: weights0().weights.slice(1) } };
    expect((await problemsOf({ ...tobin, state }))[0].message).toBe('state.followers.weights: 19 entries in the file, 20 in this scenario');
  });

  it("refuses the state of another environment under a scenario's name, and says so", async () => {
    const doc = { ...tobin, state: cobweb.state };
    const problems = (await problemsOf(doc));
    expect(problems[0].message).toBe('state.followers.weights[8]: shape 8x21 in the file, 8x2 in this scenario');
    expect(policiesRefusal('mixed.policies.json', doc, problems)).toBe(
      'mixed.policies.json was not loaded: its trained state does not fit its own scenario (entrance-tobin, 8 hidden units). state.followers.weights[8]: shape 8x21 in the file, 8x2 in this scenario. Was it saved from another environment or network size?',
    );
  });

  it('refuses a hidden-64 state under a hidden-32 scenario, and says so', async () => {
    const big = await saved({ ...TOBIN, hidden: 64 });
    const doc = { ...big, scenario: { ...big.scenario, hidden: 32 } };
    const problems = (await problemsOf(doc));
    expect(problems[0]).toEqual({ field: 'state.followers.weights[0]', message: 'state.followers.weights[0]: shape 4x64 in the file, 4x32 in this scenario' });
    expect(policiesRefusal('big.policies.json', doc, problems)).toBe(
      'big.policies.json was not loaded: its trained state does not fit its own scenario (entrance-tobin, 32 hidden units). state.followers.weights[0]: shape 4x64 in the file, 4x32 in this scenario. Was it saved from another environment or network size?',
    );
  });

  it('says a refused envelope plainly, with no word about the state', async () => {
    expect(policiesRefusal('x.json', 'garbage', (await problemsOf('garbage')))).toBe('x.json was not loaded. Not an ADAGE Lab policies file: it holds "garbage", expected "adage-lab-policies".');
    expect(policiesRefusal('"lab"', { kind: 'adage-lab-policies', format: 1 }, (await problemsOf({ kind: 'adage-lab-policies', format: 1 })))).toMatch(
      /^"lab" was not loaded\. app: Invalid input: expected string, received undefined\. savedAt: .+ \.\.\. and 2 more problems\.$/,
    );
  });

  it('loads the document as saved (the checks refuse only what is wrong)', async () => {
    expect((await problemsOf(readPoliciesText(policiesText(tobin))))).toEqual([]);
    expect((await problemsOf(readPoliciesText(policiesText(cobweb))))).toEqual([]);
  });
});

describe('the size limit of a policies file', () => {
  it('passes every file the lab can write: its text is one string, and none is longer than V8 allows', () => {
    // 2^29 - 24 in V8 (Node here, Chromium in e2e/uploads.spec.ts); the scenario's two free-text
    // lists (200 characters each) may add up to 2 more UTF-8 bytes a character.
    expect(MAX_POLICIES_BYTES).toBeGreaterThanOrEqual(constants.MAX_STRING_LENGTH + 2 * 2 * 200);
    expect(() => 'x'.repeat(constants.MAX_STRING_LENGTH + 1)).toThrow(RangeError);
  });
});
