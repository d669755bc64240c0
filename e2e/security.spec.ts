/**
 * Security: nothing from a link, a file or this browser's storage is run or rendered as HTML,
 * and the lab works under its Content-Security-Policy (no 'unsafe-eval') with cross-origin
 * isolation. Every string a link carries is fed script payloads: each scenario field of each
 * environment, enumerated from the schema (a new field is covered without editing this file),
 * each page option (enumerated from its defaults), the version note, an unknown key, the
 * environment itself. So are a policies file's string fields (enumerated from a file the lab
 * saved), CSV uploads, file names, saved-lab names and a tampered saved-lab record.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import LZString from 'lz-string';
import { ENV_IDS } from '../src/scenario/schema';
import { scenarioFields } from '../src/scenario/validate';
import { CSP_DIRECTIVES, headersFile, metaCsp, securityHeaders } from '../src/security/headers';
import { DEFAULT_PAGE_OPTIONS } from '../src/state/page-options';
import { expectClean, expectIsolated, expectPolicyHeaders, guard } from './csp-guard';
import { reportBackend } from './report-backend';
import { step } from './run-steps';

reportBackend();

/** Each would run `window.__xss = 1` if it reached the page as HTML or as a URL. */
const PAYLOADS = [
  `<img src=x onerror="window.__xss=1">`,
  `<script>window.__xss=1</script>`,
  `"><svg onload=window.__xss=1>`,
  `javascript:window.__xss=1//`,
  `<iframe srcdoc="<script>parent.__xss=1</script>">`,
];

/**
 * A link's own keys (scenario version, lab version). A scenario field of the same name cannot
 * travel in a link at all (entrance-diff's stay-out payoff v: see the report), so it is fed
 * through files only.
 */
const LINK_KEYS = ['v', 'app'];

/** A small scenario that trains an iteration in a second or two. */
const SMALL = 'v=1&env=entrance-tobin&n=6&markets=2&horizon=16&hidden=8&seed=3';

/** Opens `url` in a fresh document (a new fragment alone would not reload it) and waits for the worker's backend. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
}

/** The link's problems, one string per item. */
const problems = (page: Page) => page.getByTestId('link-problems').locator('li').allTextContents();

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A query that sets every page option (and the backend choice) to `text`. */
function pageOptionsQuery(text: string): string {
  const q = new URLSearchParams();
  for (const key of [...Object.keys(DEFAULT_PAGE_OPTIONS), 'backend']) q.set(key, text);
  return q.toString();
}

test('every string a link carries is shown as text, never run', async ({ page }) => {
  const seen = await guard(page);
  for (const payload of PAYLOADS) {
    // The environment, the version, the version note, an unknown key and every page option.
    const hash = new URLSearchParams({ v: payload, app: payload, env: payload, [payload]: '1' });
    await open(page, `/?${pageOptionsQuery(payload)}#${hash}`);
    await expectClean(page, `link with ${payload}`, seen);
    const items = await problems(page);
    expect(items).toContain(`link version v must be a whole number from 1, got "${payload}"; read as version 1`);
    expect(items).toContain(`unknown field ${payload} (ignored)`);
    expect(items.find((p) => p.startsWith('unknown environment'))).toContain(`"${payload.slice(0, 20)}`);
    for (const key of Object.keys(DEFAULT_PAGE_OPTIONS)) expect(items.some((p) => p.startsWith(key) && p.includes(`"${payload}"`)), `${key} echoed as text`).toBe(true);
    await expect(page.getByTestId('link-notes')).toContainText(`This link was made with ADAGE Lab ${payload.slice(0, 40)}; this is`);
  }

  // Every field of every environment at once, each string field also hidden behind the link's
  // own compression (observed prices). One document: each link is pasted as a new fragment, which
  // the lab reads as it reads a link on opening (decodeScenario, the same problems list), without
  // loading the page again.
  await open(page, '/?backend=cpu');
  let pasted = 0;
  for (const payload of PAYLOADS) {
    for (const env of ENV_IDS) {
      const fields = Object.keys(scenarioFields(env)).filter((k) => k !== 'env' && !LINK_KEYS.includes(k));
      // A key of its own per link, so the problems shown are known to be this link's.
      const mark = `pasted${++pasted}`;
      const scenario = new URLSearchParams({ v: '1', env, [mark]: '1' });
      for (const key of fields) scenario.set(key, key === 'targetData' ? LZString.compressToEncodedURIComponent(`${payload},1`) : payload);
      await page.evaluate((h) => (location.hash = h), scenario.toString());
      await expect.poll(() => problems(page)).toContain(`unknown field ${mark} (ignored)`);
      await expect(page).toHaveURL(new RegExp(`#v=1&app=[^&]+&env=${env}&`));
      await expectClean(page, `${env} fields = ${payload}`, seen);
      const shown = (await problems(page)).join('\n');
      for (const key of fields) {
        if (key === 'targetData') expect(shown, key).toContain(`value 1 ("${payload.slice(0, 20)}") is not a number`);
        else expect(shown, key).toMatch(new RegExp(`(^|\\n)${key} \\(.*got "${escapeRegExp(payload.slice(0, 20))}`));
      }
      // Text boxes hold the fallback, not the payload.
      for (const box of await page.getByRole('textbox').all()) expect(await box.inputValue()).not.toContain('__xss');
    }
  }
});

test('text typed into the form and CSV files uploaded are echoed as text', async ({ page }) => {
  const seen = await guard(page);
  await open(page, '/?backend=cpu#v=1&env=market-maker&markets=2&n=4&horizon=16&hidden=8&leader=prior');
  for (const payload of PAYLOADS) {
    for (const name of ['Preferences ω trained on', 'Prior weights over ω']) {
      const box = page.getByRole('textbox', { name });
      await box.fill(payload);
      await box.press('Enter');
      await expect(page.getByRole('alert').filter({ hasText: `${name}: ` }).filter({ hasText: `"${payload}" was not applied` })).toBeVisible();
    }
  }
  await expectClean(page, 'form text', seen);

  await open(page, '/?backend=cpu#v=1&env=cobweb&markets=1&n=3&horizon=8&hidden=8');
  const upload = page.locator('input[type=file][name=targetData]');
  const loaded = page.getByTestId('targetData-loaded');
  for (const [i, payload] of PAYLOADS.entries()) {
    const numbers = Array.from({ length: 40 + i }, (_, k) => String(5 + (k % 7) / 10));
    // In a row: named, with the row, as text.
    await upload.setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(['price', '5.1', payload, ...numbers].join('\n')) });
    await expect(page.getByRole('alert').filter({ hasText: 'prices.csv: ' })).toBeVisible();
    // In the file name (where a name can hold it): a good file loads (and the problem goes), a bad one is named with its problem.
    const fileName = payload.includes('/') ? `name${i}.csv` : `${payload}.csv`;
    await upload.setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(['price', ...numbers].join('\n')) });
    await expect(loaded).toHaveText(`${40 + i} observed prices loaded`);
    await expect(page.getByRole('alert').filter({ hasText: 'prices.csv: ' })).toHaveCount(0);
    await upload.setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(`${payload},${payload}\n`) });
    await expect(page.getByRole('alert').filter({ hasText: `${fileName}: ` })).toBeVisible();
    // As the header: read as one (the prices load) or, where its quotes break the CSV, refused with the parser's words.
    await upload.setInputFiles({ name: `header${i}.csv`, mimeType: 'text/csv', buffer: Buffer.from([payload, ...numbers, '5'].join('\n')) });
    await expect(page.getByRole('alert').filter({ hasText: `header${i}.csv: ` }).or(loaded.filter({ hasText: `${41 + i} observed prices loaded` }))).toBeVisible();
  }
  await expectClean(page, 'CSV uploads', seen);
});

test('a policies file and saved labs whose strings carry payloads are refused or loaded, and shown only as text', async ({ page }) => {
  const seen = await guard(page);
  await open(page, `/?backend=cpu#${SMALL}`);
  await page.getByText('Save or load a trained lab').click();
  await step(page, 1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save policies to file' }).click()]);
  const doc = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  const panel = page.getByTestId('policy-panel');
  let count = 0;
  const upload = async (content: unknown, name = `f${++count}.policies.json`) => {
    await page.getByLabel('Load policies from file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)) });
    await expect(panel.getByRole('status').or(panel.getByRole('alert')).filter({ hasText: name })).toBeVisible();
    return name;
  };

  // Every string at the top of a file the lab wrote (kind, app, savedAt...), found from the file itself.
  const topStrings = Object.keys(doc).filter((k) => typeof doc[k] === 'string');
  expect(topStrings).toEqual(expect.arrayContaining(['kind', 'app', 'savedAt']));
  for (const payload of PAYLOADS) {
    for (const key of topStrings) await upload({ ...doc, [key]: payload });
    // A newer format names the lab that wrote it.
    await upload({ ...doc, format: 2, app: payload });
    await expect(page.getByTestId('policy-alert')).toContainText(`from a newer version of the lab (${JSON.stringify(payload).slice(0, 40)})`);
    await upload({ ...doc, kind: payload });
    await expect(page.getByTestId('policy-alert')).toContainText(`its "kind" is ${JSON.stringify(payload).slice(0, 40)}`);
    // Not JSON: the parser's message quotes the text.
    await upload(payload);
    await expect(page.getByTestId('policy-alert')).toContainText('Not JSON');
    // The file name itself, where a name can hold it.
    if (!payload.includes('/')) await upload(doc, `${payload}.policies.json`);
    // Every scenario field of every environment, five at a time (a refusal lists at most five
    // problems, policies-file.ts MAX_PROBLEMS; checked below): each is named, with its value as text.
    const MAX_PROBLEMS = 5;
    for (const env of ENV_IDS) {
      const fields = Object.keys(scenarioFields(env)).filter((k) => k !== 'env');
      for (let k = 0; k < fields.length; k += MAX_PROBLEMS) {
        const some = fields.slice(k, k + MAX_PROBLEMS);
        await upload({ ...doc, scenario: { env, ...Object.fromEntries(some.map((f) => [f, payload])) } });
        const alert = (await page.getByTestId('policy-alert').textContent()) ?? '';
        for (const key of some) expect(alert, `${env} ${key}`).toContain(`The file's scenario: ${key} (`);
        expect(alert).not.toContain('more problems');
        expect(alert).toContain(`got "${payload.slice(0, 20)}`);
      }
    }
  }
  await expectClean(page, 'policies files', seen);

  // Saved labs: the name the user gives, listed, loaded and deleted as text.
  for (const payload of PAYLOADS) {
    await page.getByLabel('Name').fill(payload);
    await page.getByRole('button', { name: 'Save in this browser' }).click();
    await expect(page.getByTestId('policy-status')).toHaveText(`Saved "${payload}" in this browser.`);
    await expect(page.getByTestId('saved-labs').locator('.lab-name', { hasText: payload })).toHaveText(payload);
    await page.getByRole('button', { name: `Load ${payload}`, exact: true }).click();
    await expect(page.getByTestId('policy-status')).toHaveText(`Loaded "${payload}". The run is paused there: Resume goes on training, Step plays one iteration.`);
  }
  // A record tampered with in storage (same origin, e.g. another tab of an older lab): every summary field a payload.
  const tampered = PAYLOADS[0];
  await page.evaluate(
    (p) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('adage-lab');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('saved-labs', 'readwrite');
          tx.objectStore('saved-labs').put({ name: `${p}x`, env: p, seed: p, iteration: p, savedAt: p }, `summary:${p}x`);
          tx.objectStore('saved-labs').put({ kind: p, app: p }, `document:${p}x`);
          tx.oncomplete = () => (req.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    tampered,
  );
  await open(page, `/?backend=cpu#${SMALL}`);
  await page.getByText('Save or load a trained lab').click();
  await expect(page.getByTestId('saved-labs').locator('li')).toHaveCount(PAYLOADS.length + 1);
  // A tampered summary is listed as unreadable (its fields shown as text), and Load checks the lab itself.
  await expect(page.getByTestId('saved-labs')).toContainText(`${tampered}xits summary cannot be read`);
  await page.getByRole('button', { name: `Load ${tampered}x`, exact: true }).click();
  await expect(page.getByTestId('policy-alert')).toContainText(`"${tampered}x" was not loaded. Not an ADAGE Lab policies file: its "kind" is ${JSON.stringify(tampered).slice(0, 40)}`);
  for (const payload of PAYLOADS) {
    await page.getByRole('button', { name: `Delete ${payload}`, exact: true }).click();
    await expect(page.getByTestId('policy-status')).toHaveText(`Deleted "${payload}" from this browser.`);
  }
  await expectClean(page, 'saved labs', seen);
});

/** Trains one iteration on `backend` and checks isolation and that the policy blocked nothing. */
async function trainsUnderPolicy(page: Page, backend: string): Promise<void> {
  const seen = await guard(page);
  const response = await page.goto(`/?backend=${backend}#${SMALL}`);
  expectPolicyHeaders(response!);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', backend);
  await step(page, 1);
  await expectIsolated(page);
  if (backend === 'wasm') {
    // Isolated, tfjs-wasm runs its threaded build: its thread workers exist, isolated too.
    const threads = page.workers().filter((w) => w.url().startsWith('blob:'));
    expect(threads.length).toBeGreaterThan(0);
    for (const t of threads) expect(await t.evaluate(() => self.crossOriginIsolated)).toBe(true);
  }
  await expectClean(page, backend, seen);
}

// webgpu (with the SwiftShader flags, launch options of webgpu.spec.ts's browser) is checked
// the same way in webgpu.spec.ts, as it trains there.
for (const backend of ['wasm', 'cpu', 'webgl']) {
  test(`under the policy, ${backend} initialises and trains, cross-origin isolated, with no violation`, async ({ page }) => {
    await trainsUnderPolicy(page, backend);
  });
}

test('under the policy, KaTeX typesets with its fonts and charts export as PNG and SVG', async ({ page }) => {
  const seen = await guard(page);
  await page.goto('/?backend=cpu&preset=tobin-tax');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu');
  const equations = page.getByTestId('explanation').locator('.katex');
  expect(await equations.count()).toBeGreaterThanOrEqual(2);
  await expect(equations.first().locator('.katex-html')).toBeVisible();
  await expect(equations.first().locator('math')).toHaveCount(1);
  // Its fonts are files of the lab's own, loaded under font-src 'self'.
  await expect.poll(() => page.evaluate(async () => (await document.fonts.ready, Array.from(document.fonts).filter((f) => f.family.includes('KaTeX') && f.status === 'loaded').length))).toBeGreaterThan(0);
  // The policy as a meta tag too, for hosts that cannot send headers (without frame-ancestors, which a meta tag cannot carry).
  const meta = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  expect(meta).toBe(metaCsp(CSP_DIRECTIVES));
  expect(meta).toContain("script-src 'self'");
  // And the headers as a file static hosts read (Netlify, Cloudflare Pages).
  expect(await (await page.request.get('/_headers')).text()).toBe(headersFile(securityHeaders(CSP_DIRECTIVES)));

  await page.goto(`/?backend=cpu#${SMALL}`);
  await step(page, 2);
  for (const format of ['PNG', 'SVG']) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download Attendance as ${format}` }).click()]);
    const bytes = readFileSync((await file.path())!);
    expect(bytes.length).toBeGreaterThan(1000);
    if (format === 'PNG') expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    else expect(bytes.toString('utf8')).toContain('<svg');
  }
  await expectClean(page, 'KaTeX and chart export', seen);
});
