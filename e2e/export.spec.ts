import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { reportBackend } from './report-backend';
import { step } from './run-steps';

reportBackend();

/** Clicks an export button and reads the file the browser saved. */
async function exported(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

test("a run's metrics export as CSV and JSON: every iteration, every metric, and the scenario's link", async ({ page }) => {
  await page.goto('/#v=1&env=entrance-tobin&n=6&markets=2&horizon=16&hidden=8&seed=3');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  await step(page, 3);

  const csv = await exported(page, 'Export CSV');
  expect(csv.name).toBe('adage-entrance-tobin-seed3-3it.csv');
  const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.iteration)).toEqual(['1', '2', '3']);
  expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['attendance', 'volatility', 'welfare', 'theta', 'entropy']));
  for (const r of rows) expect(Number.isFinite(Number(r.volatility))).toBe(true);

  const json = await exported(page, 'Export JSON');
  expect(json.name).toBe('adage-entrance-tobin-seed3-3it.json');
  const run = JSON.parse(json.text);
  expect(run.scenario).toMatchObject({ env: 'entrance-tobin', n: 6, seed: 3 });
  expect(run.link).toContain('env=entrance-tobin');
  expect(run.rows).toHaveLength(3);
  expect(run.rows[2].volatility).toBeCloseTo(Number(rows[2].volatility), 12);
});
