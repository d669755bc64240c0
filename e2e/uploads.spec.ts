/**
 * Bad uploads in the real browser: every kind of bad calibration-target CSV and bad trained-lab
 * file (and a damaged lab in this browser's storage) is refused with a message naming what is
 * wrong and where, and nothing is lost: the form, the scenario in the address, the prices loaded
 * before, and a run under way, which keeps training while the files are refused.
 */
import { expect, test, type Page } from '@playwright/test';
import { closeSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { reportBackend } from './report-backend';
import { iteration } from './run-steps';

reportBackend();

/** The most characters one string holds in V8 (Chromium, Node): no file the lab writes is longer (src/scenario/policies-file.ts). */
const V8_MAX_STRING_LENGTH = 2 ** 29 - 24;

/** A cobweb calibration small enough to train quickly on two shared cores, with a network of 64 units. */
const COBWEB = '/#v=1&env=cobweb&n=3&markets=1&targetMarkets=1&horizon=8&hidden=64&iterations=100000&leader=bayesopt&leaderWarmup=2';

/** 10.5 MB of bytes: over the CSV's limit, under the policies file's. */
const HUGE = 10.5 * 2 ** 20;

/**
 * Big files go to the input as paths, not buffers: Playwright sends a buffer to the browser whole
 * (10.5 MB took 6 s here), a path it hands over as it is. A file past a limit is sparse: its size
 * is known without writing (or reading) it.
 */
function sparseFile(name: string, size: number): string {
  const path = test.info().outputPath(name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}
function writtenFile(name: string, content: string): string {
  const path = test.info().outputPath(name);
  writeFileSync(path, content);
  return path;
}
/** What a file input takes: a path as it is, bytes as a named file of `mimeType`. */
const asFile = (name: string, content: Buffer | string, mimeType: string) => (typeof content === 'string' ? content : { name, mimeType, buffer: content });

/** Bytes that are no text: a zip header, NULs and bytes that are not UTF-8. */
const binary = () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i < 4 ? [0x50, 0x4b, 0x03, 0x04][i] : (i * 7919) % 256)));

/** Every value of the scenario form, by field name: what must not change when a file is refused. */
const formValues = (page: Page) =>
  page.locator('form[aria-label="Scenario"]').locator('input:not([type=file]), select').evaluateAll((els) => els.map((e) => `${(e as HTMLInputElement).name}=${(e as HTMLInputElement).value}`));

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
}

test('a bad observed-prices CSV of every kind is refused with its problem, and the prices loaded before stay', async ({ page }) => {
  await open(page, COBWEB);
  const upload = page.locator('input[type=file][name=targetData]');
  const prices = Array.from({ length: 120 }, (_, t) => (5.9 + 0.6 * Math.sin(t / 3)).toFixed(3));
  const column = (cells: string[]) => Buffer.from(`price\n${cells.join('\n')}\n`);
  await upload.setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: column(prices) });
  await expect(page.getByTestId('targetData-loaded')).toHaveText('120 observed prices loaded');
  const url = page.url();
  const form = await formValues(page);

  const withCell = (row: number, cell: string) => column(prices.map((p, i) => (i === row - 2 ? cell : p)));
  const bad: [string, Buffer | string, string][] = [
    ['prices.json', Buffer.from('{"prices": [5.1, 5.2]}'), 'not a readable CSV: Invalid Opening Quote: a quote is found on field 0 at line 1, value is "{"'],
    ['prices.xlsx', binary(), 'the file is not text: line 1 holds binary data (a spreadsheet or an archive rather than its export?)'],
    ['empty.csv', Buffer.alloc(0), 'the file is empty (0 bytes)'],
    ['blank.csv', Buffer.from(' \n\t\r\n  \n'), 'the file holds only whitespace'],
    ['header.csv', Buffer.from('price\n'), 'only a header row ("price"), no prices; at least 30 are needed'],
    ['huge.csv', sparseFile('huge.csv', HUGE), 'the file is 11 MB, over the 200 kB limit for observed prices'],
    ['nan.csv', withCell(6, 'NaN'), 'row 6, column 1: "NaN" is not a number'],
    ['inf.csv', withCell(7, 'Infinity'), 'row 7, column 1: "Infinity" is not a finite number'],
    ['words.csv', withCell(8, 'n/a'), 'row 8, column 1: "n/a" is not a number'],
    ['missing.csv', withCell(9, '""'), 'row 9, column 1: the price is missing (an empty cell)'],
    ['two-columns.csv', Buffer.from(prices.map((p, t) => `${t},${p}`).join('\n')), 'row 1: 2 columns (column 2 holds "5.900"); expected one column of prices'],
    ['ragged.csv', withCell(12, '5.2,6.1,7'), 'row 12: 3 columns (column 2 holds "6.1"); expected one column of prices'],
    ['short.csv', column(prices.slice(0, 12)), 'only 12 prices; at least 30 are needed'],
    ['long.csv', column(Array.from({ length: 5100 }, () => '5.9')), 'too many rows: 5101; at most 5000'],
    ['range.csv', withCell(5, '25'), 'row 5: price 25 is outside [0, 20]'],
  ];
  const problem = page.getByTestId('targetData-problem');
  for (const [name, content, message] of bad) {
    await upload.setInputFiles(asFile(name, content, 'text/csv'));
    await expect(problem, name).toHaveText(`${name}: ${message}. Nothing was changed.`);
    await expect(page.getByTestId('targetData-loaded')).toHaveText('120 observed prices loaded');
    expect(page.url(), name).toBe(url);
    expect(await formValues(page), name).toEqual(form);
  }

  // A refused file changed nothing, so it holds nothing up: the run starts on the prices loaded before.
  // The run locks the target (it is part of the scenario being trained): the field takes no file while it goes on.
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => iteration(page)).toBeGreaterThanOrEqual(1);
  await expect(upload).toBeDisabled();
  // Even a file set on it by a script (as here) changes nothing: neither a good one nor a bad one.
  for (const [name, buffer] of [
    ['other-prices.csv', column(prices.slice(0, 60))],
    ['nan.csv', withCell(6, 'NaN')],
  ] as const) {
    const before = await iteration(page);
    await upload.setInputFiles({ name, mimeType: 'text/csv', buffer });
    await expect.poll(() => iteration(page), { message: name }).toBeGreaterThan(before + 1);
    await expect(page.getByTestId('phase')).toHaveText('running');
    await expect(page.getByTestId('targetData-loaded')).toHaveText('120 observed prices loaded');
    expect(page.url(), name).toBe(url);
  }
});

test('5000 observed Cournot prices (a 39.9 kB CSV) load, leave Start enabled, and the link they make opens them again', async ({ page, context }) => {
  await open(page, '/#v=1&env=cournot');
  // Prices around 132 (a = 500, c = 40, n = 4) with noise, to 3 decimals, from a fixed LCG: they compress to 20,597 characters.
  let x = 1;
  const noise = () => ((x = (x * 48271) % 2147483647) / 2147483647 - 0.5) * 40;
  const prices = Array.from({ length: 5000 }, () => (132 + noise() + noise()).toFixed(3));
  const csv = Buffer.from(`price\n${prices.join('\n')}\n`);
  expect(csv.length).toBeGreaterThan(39_000);
  await page.locator('input[type=file][name=targetData]').setInputFiles({ name: 'cournot-prices.csv', mimeType: 'text/csv', buffer: csv });
  await expect(page.getByTestId('targetData-loaded')).toHaveText('5000 observed prices loaded');
  await expect(page.getByTestId('targetData-problem')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
  const link = page.url();
  expect(link.length).toBeGreaterThan(20_000);

  const other = await context.newPage();
  await open(other, link);
  await expect(other.getByTestId('targetData-loaded')).toHaveText('5000 observed prices loaded');
  await expect(other.getByTestId('targetData-problem')).toHaveCount(0);
  await expect(other.getByRole('button', { name: 'Start' })).toBeEnabled();
  expect(other.url()).toBe(link);
});

test('bad trained-lab files, and a damaged lab in this browser, are refused while the run goes on, and nothing is lost', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page, COBWEB);
  await page.getByText('Save or load a trained lab').click();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => iteration(page)).toBeGreaterThanOrEqual(2);

  // Saving pauses the run for a moment and resumes it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save policies to file' }).click()]);
  const savedPath = test.info().outputPath('saved.policies.json');
  await download.saveAs(savedPath);
  const doc = JSON.parse(readFileSync(savedPath, 'utf8'));
  expect(doc).toMatchObject({ kind: 'adage-lab-policies', scenario: { env: 'cobweb', hidden: 64 } });
  await expect(page.getByTestId('phase')).toHaveText('running');
  const url = page.url();
  const form = await formValues(page);

  // One weight array, decoded, changed and encoded again as the file holds it.
  const weights0 = doc.state.followers.weights[0] as { dtype: string; shape: number[]; data: string };
  const nanWeights = new Float32Array(new Uint8Array(Buffer.from(weights0.data, 'base64')).buffer);
  nanWeights[3] = NaN;
  const withWeights0 = (w: object) => ({ ...doc, state: { ...doc.state, followers: { ...doc.state.followers, weights: [w, ...doc.state.followers.weights.slice(1)] } } });
  const [rows, cols] = weights0.shape;
  const metric = Object.keys(doc.history[0]).find((k) => k !== 'iteration')!;
  // The state of this cobweb lab under a scenario of another environment.
  const otherEnv = { ...doc, scenario: { env: 'entrance-tobin', hidden: 64, seed: 1 } };
  // The state of a 64-unit network under the same scenario asking for 32.
  const smaller = { ...doc, scenario: { ...doc.scenario, hidden: 32 } };

  const hugePath = sparseFile('huge.policies.json', 600_000_000);
  const DEEP = 'The file nests lists and objects inside one another too deeply to be followed (a policies file is a few levels deep), so it is not a policies file.';
  const json = (x: unknown) => Buffer.from(JSON.stringify(x));
  const bad: [string, Buffer | string, string[]][] = [
    ['broken.policies.json', Buffer.from('{"kind": "adage-lab-polic'), ['Not JSON, so not a policies file (Unterminated string in JSON at line 1, column 26).']],
    ['binary.policies.json', binary(), ['The file is not text: line 1 holds binary data']],
    ['empty.policies.json', Buffer.alloc(0), ['The file is empty (0 bytes).']],
    ['blank.policies.json', Buffer.from('\n  \n'), ['The file holds only whitespace.']],
    ['header.policies.json', json({ kind: 'adage-lab-policies', format: 1 }), ['app: Invalid input: expected string, received undefined.', '... and 2 more problems.']],
    // Read (it is under the limit), and refused for what it holds.
    ['big-list.policies.json', writtenFile('big-list.policies.json', `[${'0,'.repeat(HUGE / 2 - 1)}0]`), ['Not an ADAGE Lab policies file: it holds a list']],
    // A lab past the limit: half a gigabyte, sparse.
    ['huge.policies.json', hugePath, ['The file is 600 MB, over the 540 MB limit for a policies file.']],
    // Nested deeper than the stack: read back with the reviver ($number), or handed to the worker (postMessage copies it recursively).
    ['deep.policies.json', Buffer.from(`{"kind": "adage-lab-policies", "iteration": {"$number": "NaN"}, "state": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`), [DEEP]],
    ['deep-plain.policies.json', Buffer.from(`{"kind": "adage-lab-policies", "state": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`), [DEEP]],
    ['nan-metric.policies.json', json({ ...doc, history: [{ ...doc.history[0], [metric]: { $number: 'banana' } }, ...doc.history.slice(1)] }), [`history[0].${metric}: expected a number.`]],
    ['nan-iteration.policies.json', json({ ...doc, iteration: { $number: 'NaN' } }), ['iteration: Invalid input: expected number, received NaN.']],
    [
      'nan-weight.policies.json',
      json(withWeights0({ ...weights0, data: Buffer.from(nanWeights.buffer).toString('base64') })),
      [`state.followers.weights[0]: NaN at index 3 of its ${rows * cols} values; a trained weight must be a finite number`],
    ],
    ['transposed.policies.json', json(withWeights0({ ...weights0, shape: [cols, rows] })), [`state.followers.weights[0]: shape ${cols}x${rows} in the file, ${rows}x${cols} in this scenario.`]],
    ['short.policies.json', json(withWeights0({ ...weights0, data: weights0.data.slice(0, 8) })), [`state.followers.weights[0]: its data holds 6 bytes, but ${rows * cols} float32 values`]],
    ['float64.policies.json', json(withWeights0({ ...weights0, dtype: 'float64' })), ['state.followers.weights[0]: float64 values in the file, float32 expected.']],
    ['history.policies.json', json({ ...doc, history: doc.history.slice(1) }), [`history has ${doc.iteration - 1} rows, but the file says ${doc.iteration} iterations were trained.`]],
    [
      'other-env.policies.json',
      json(otherEnv),
      ['its trained state does not fit its own scenario (entrance-tobin, 64 hidden units). state.followers.weights', 'Was it saved from another environment or network size?'],
    ],
    [
      'hidden.policies.json',
      json(smaller),
      ['its trained state does not fit its own scenario (cobweb, 32 hidden units).', `state.followers.weights[0]: shape ${rows}x64 in the file, ${rows}x32 in this scenario.`],
    ],
  ];
  const alert = page.getByTestId('policy-alert');
  const input = page.getByLabel('Load policies from file');
  for (const [name, content, messages] of bad) {
    const before = await iteration(page);
    await input.setInputFiles(asFile(name, content, 'application/json'));
    await expect(alert, name).toContainText(`${name} was not loaded`);
    for (const m of messages) await expect(alert, name).toContainText(m);
    await expect(alert, name).toContainText('Nothing was changed.');
    // The run goes on, on the same scenario, with the form as it was.
    await expect.poll(() => iteration(page), { message: name }).toBeGreaterThan(before);
    await expect(page.getByTestId('phase')).toHaveText('running');
    expect(page.url(), name).toBe(url);
    expect(await formValues(page), name).toEqual(form);
  }

  // Damaged labs in this browser's storage, as another version of the lab or a broken write may leave them.
  const nanDoc = withWeights0({ ...weights0, data: Buffer.from(nanWeights.buffer).toString('base64') });
  await page.evaluate(async (records) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('adage-lab');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction('saved-labs', 'readwrite');
    for (const [key, value] of records) tx.objectStore('saved-labs').put(value, key);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, [
    ['summary:diverged', { name: 'diverged', env: 'cobweb', seed: 1, iteration: doc.iteration, savedAt: '2026-11-20T10:00:00.000Z' }],
    ['document:diverged', nanDoc],
    ['summary:garbled', { name: 'garbled', seed: 'three' }],
    ['document:garbled', 'not a document'],
  ] as [string, unknown][]);
  // Saving a good lab here refreshes the list, with the damaged ones in it.
  await page.getByLabel('Name').fill('good');
  await page.getByRole('button', { name: 'Save in this browser' }).click();
  await expect(page.getByTestId('policy-status')).toHaveText('Saved "good" in this browser.');
  const list = page.getByTestId('saved-labs');
  await expect(list).toContainText('good');
  await expect(list.locator('li', { hasText: 'garbled' })).toContainText('its summary cannot be read');

  for (const [lab, message] of [
    ['diverged', '"diverged" was not loaded: its trained state was refused for its own scenario (cobweb, 64 hidden units). state.followers.weights[0]: NaN at index 3'],
    ['garbled', '"garbled" was not loaded. Not an ADAGE Lab policies file: it holds "not a document", expected "adage-lab-policies".'],
  ]) {
    const before = await iteration(page);
    await page.getByRole('button', { name: `Load ${lab}` }).click();
    await expect(alert, lab).toContainText(message);
    await expect(alert, lab).toContainText('Nothing was changed.');
    await expect.poll(() => iteration(page), { message: lab }).toBeGreaterThan(before);
    await expect(page.getByTestId('phase')).toHaveText('running');
    expect(page.url(), lab).toBe(url);
    expect(await formValues(page), lab).toEqual(form);
  }

  // The limit the lab states is above the longest text this browser holds, so every file the lab writes (one string) passes it.
  await input.setInputFiles(hugePath);
  const limit = Number((await alert.innerText()).match(/over the (\d+) MB limit/)![1]) * 1e6;
  expect(limit).toBeGreaterThan(V8_MAX_STRING_LENGTH);
  const longer = await page.evaluate((n) => {
    try {
      return `made one of ${'x'.repeat(n + 1).length}`;
    } catch (e) {
      return (e as Error).name;
    }
  }, V8_MAX_STRING_LENGTH);
  expect(longer).toBe('RangeError');
});
