import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { reportBackend } from './report-backend';
import { step } from './run-steps';

reportBackend();

/** Clicks a button that downloads a file and reads what the browser saved. */
async function downloaded(page: Page, name: string | RegExp): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test('a class in one sitting: open a preset, run it beside its baseline, export a CSV and a PNG, probe theta, hand out a classroom link', async ({ page, context }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);

  // The preset, made small enough to train in seconds (the explanation says the setting now differs).
  await page.getByTestId('preset-tobin-tax').click();
  await expect(page.getByTestId('explanation')).toContainText('A Tobin tax calms a herding market');
  for (const [label, value] of [[/Parallel markets/, '2'], [/Episode length T/, '32'], [/Followers learn first for/, '1']] as const) {
    const box = page.getByRole('spinbutton', { name: label });
    await box.fill(value);
    await box.press('Enter');
  }

  // Beside its baseline: the same traders without the tax, in the same charts.
  await page.getByLabel('Compare with baseline').check();
  await step(page, 3);
  await expect(page.getByTestId('baseline-iteration')).toContainText('iteration 3 / 200');
  await expect(page.getByTestId('baseline-difference')).toHaveText(/^Learned tax: std\(D\) [\d.]+ vs [\d.]+ without/);
  await expect(page.getByTestId('chart-volatility')).toContainText('std(D) (baseline)');

  // Files: every iteration as CSV; a chart as PNG.
  const csv = await downloaded(page, 'Export CSV');
  const rows = parse(csv.bytes.toString('utf8'), { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.iteration)).toEqual(['1', '2', '3']);
  expect(Number.isFinite(Number(rows[2].volatility))).toBe(true);
  const png = await downloaded(page, 'Download Volatility as PNG');
  expect(png.name).toBe('adage-entrance-tobin-chart-volatility.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(400); // IHDR width

  // The Lucas critique: move tau on the trained traders, without training.
  await page.getByText('Lucas critique probe').click();
  const probe = page.getByTestId('probe-panel');
  await probe.getByRole('slider', { name: 'Tax τ, probed slider' }).fill('0.1');
  await expect(page.getByTestId('probe-result')).toHaveAttribute('data-theta', '0.1');
  await expect(page.getByTestId('probe-adaptive')).toContainText('see τ = 0.100');
  await expect(page.getByTestId('probe-fixed')).toHaveAttribute('data-actions', /\d/);
  await expect(page.getByTestId('iteration')).toHaveText(/Iteration 3 \//);

  // A classroom link: large type, no form, the baseline still ticked, the same scenario.
  await page.getByText('Classroom link:').click();
  await page.getByTestId('classroom-panel').getByLabel('Classroom mode').check();
  await page.getByTestId('classroom-panel').getByLabel('the scenario form').check();
  await page.getByRole('button', { name: 'Copy classroom link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\?.*preset=tobin-tax/);
  expect(link).toMatch(/classroom=1/);
  expect(link).toMatch(/baseline=1/);

  const pupil = await context.newPage();
  await pupil.goto(link);
  await expect(pupil.getByTestId('explanation')).toContainText('A Tobin tax calms a herding market');
  await expect(pupil.getByRole('combobox', { name: 'Environment' })).toHaveCount(0);
  expect(await pupil.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
  await expect(pupil.getByLabel('Compare with baseline')).toBeChecked();
  await expect(pupil.getByTestId('leader-steps')).toHaveAttribute('open', '');
  const hash = new URL(pupil.url()).hash;
  expect(hash).toContain('markets=2');
  expect(hash).toContain('horizon=32');
  expect(errors).toEqual([]);
});
