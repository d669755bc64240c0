import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { reportBackend } from './report-backend';
import { iteration, points, step } from './run-steps';

reportBackend();

const SMALL = '/?more=1#v=1&env=entrance-tobin&n=6&markets=2&horizon=16&hidden=8&seed=3&iterations=50';
const OTHER = '/?more=1#v=1&env=cobweb&n=3&markets=1&horizon=8&hidden=8&seed=9';

/** Opens the lab at `url` in a fresh document (a new hash alone would not reload it), ready to run. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await page.getByText('Save or load a trained lab').click();
}

/** Saves the policies to a file, kept under the name the browser suggested, and reads it. */
async function saveFile(page: Page): Promise<{ name: string; path: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save policies to file' }).click()]);
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}

test('trained policies saved to a file load into a lab opened on another scenario, charts and all, and Resume trains on', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page, SMALL);
  await expect(page.getByRole('button', { name: 'Save policies to file' })).toBeDisabled();
  await step(page, 3);

  const file = await saveFile(page);
  expect(file.name).toBe('adage-entrance-tobin-seed3-3it.policies.json');
  const doc = JSON.parse(file.text);
  expect(doc).toMatchObject({ kind: 'adage-lab-policies', format: 1, iteration: 3, scenario: { env: 'entrance-tobin', n: 6, seed: 3, hidden: 8 } });
  expect(doc.history).toHaveLength(3);
  const weights = doc.state.followers.weights;
  expect(weights.length).toBeGreaterThan(0);
  expect(weights[0]).toMatchObject({ dtype: 'float32', shape: [4, 8] });
  // 4 x 8 float32 values: 128 bytes, 172 characters of base64.
  expect(weights[0].data).toHaveLength(172);

  await open(page, OTHER);
  await expect(page.getByTestId('chart-prices')).toBeVisible();
  await page.getByLabel('Load policies from file').setInputFiles(file.path);
  await expect(page.getByTestId('policy-status')).toContainText(`Loaded ${file.name}`);
  await expect(page.getByTestId('iteration')).toHaveText('Iteration 3 / 50');
  await expect(page.getByTestId('phase')).toHaveText('paused');
  await expect.poll(() => points(page, 'chart-attendance')).toBe(3);
  expect(await points(page, 'chart-episode')).toBe(16);
  await expect(page.getByRole('spinbutton', { name: /Traders n/ })).toHaveValue('6');
  expect(page.url()).toContain('env=entrance-tobin');

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => iteration(page)).toBeGreaterThanOrEqual(5);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('phase')).toHaveText('paused');
  // Charts redraw in turns (ui/charts/redraw-queue.ts), so the last point may follow the counter by a moment.
  const paused = await iteration(page);
  await expect.poll(() => points(page, 'chart-attendance')).toBe(paused);
  expect(errors).toEqual([]);
});

test('a lab saved in this browser is listed after a reload, loads from the list, and can be deleted', async ({ page }) => {
  await open(page, SMALL);
  await step(page, 2);
  await expect(page.getByLabel('Name')).toHaveAttribute('placeholder', /seed 3, it 2$/);
  await page.getByLabel('Name').fill('handout');
  await page.getByRole('button', { name: 'Save in this browser' }).click();
  await expect(page.getByTestId('policy-status')).toHaveText('Saved "handout" in this browser.');

  await open(page, OTHER);
  const list = page.getByTestId('saved-labs');
  await expect(list).toContainText('handout');
  await expect(list).toContainText('seed 3, iteration 2');
  await page.getByRole('button', { name: 'Load handout' }).click();
  await expect(page.getByTestId('iteration')).toHaveText('Iteration 2 / 50');
  await expect.poll(() => points(page, 'chart-attendance')).toBe(2);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => iteration(page)).toBe(3);

  await page.getByRole('button', { name: 'Delete handout' }).click();
  await expect(page.getByTestId('policy-status')).toHaveText('Deleted "handout" from this browser.');
  await expect(page.getByTestId('saved-labs')).toHaveCount(0);
});

test('a corrupt or mismatched file is refused with what is wrong, and the current run stays', async ({ page }) => {
  await open(page, SMALL);
  await step(page, 2);
  const doc = JSON.parse((await saveFile(page)).text);
  const upload = (name: string, text: string) => page.getByLabel('Load policies from file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const alert = page.getByTestId('policy-alert');

  await upload('broken.policies.json', '{"kind": "adage-lab-polic');
  await expect(alert).toContainText('broken.policies.json was not loaded. Not JSON');
  await upload('metrics.json', JSON.stringify({ scenario: doc.scenario, rows: [] }));
  await expect(alert).toContainText('Not an ADAGE Lab policies file');
  await upload('bigger.policies.json', JSON.stringify({ ...doc, scenario: { ...doc.scenario, hidden: 16 } }));
  await expect(alert).toContainText('state.followers.weights[0]: shape 4x8 in the file, 4x16 in this scenario');
  await expect(alert).toContainText('Nothing was changed.');

  await expect(page.getByTestId('iteration')).toHaveText('Iteration 2 / 50');
  expect(await points(page, 'chart-attendance')).toBe(2);
  await expect(page.getByRole('spinbutton', { name: /Traders n/ })).toHaveValue('6');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => iteration(page)).toBe(3);
});
