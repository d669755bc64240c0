import { expect, test, type Page } from '@playwright/test';
import { reportBackend } from './report-backend';
import { step } from './run-steps';

reportBackend();

/** A tiny market entrance run whose PPO leader moves the tax from the first iteration. */
const TINY_TOBIN = '/?more=1#v=1&env=entrance-tobin&n=6&markets=2&horizon=16&hidden=8&seed=3&leaderWarmup=0&leaderEvery=1';
/** A small tax economy under fixed taxes. */
const SMALL_TAX = '/#v=1&env=tax-economy&households=20&economies=2&horizon=16&hidden=16&leader=fixed';

const baselineIteration = async (page: Page) => Number((await page.getByTestId('baseline-iteration').innerText()).match(/iteration (\d+)/)![1]);
const compare = (page: Page) => page.getByRole('checkbox', { name: 'Compare with baseline' });
/** The baseline's lines in a chart: drawn with its own dash pattern (BASELINE_DASH in rows.ts). */
const dashedLines = (page: Page, chart: string) => page.getByTestId(chart).locator('path.recharts-line-curve[stroke-dasharray="8 4"]');

test('a run against its baseline: caught up, stepped together, overlaid dashed, the difference in one line, kept in the link', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(TINY_TOBIN);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await expect(page.getByTestId('baseline-difference')).toHaveCount(0);

  // Ticked after two iterations: the baseline catches up to them.
  await step(page, 2);
  await compare(page).check();
  expect(new URL(page.url()).search).toBe('?more=1&baseline=1');
  expect(new URL(page.url()).hash).toContain('env=entrance-tobin'); // the scenario stays in the fragment
  await expect(page.getByTestId('baseline-description')).toContainText('The same traders, same seed, with no Tobin tax');
  await expect.poll(() => baselineIteration(page)).toBe(2);

  await step(page, 2);
  await expect.poll(() => baselineIteration(page)).toBe(4);
  const volatility = page.getByTestId('chart-volatility');
  await expect(volatility.locator('.recharts-legend-wrapper')).toContainText('std(D) (baseline)');
  await expect(dashedLines(page, 'chart-volatility')).toHaveCount(1);
  await expect(dashedLines(page, 'chart-welfare')).toHaveCount(1);
  await expect(page.getByTestId('chart-tax').locator('.recharts-legend-wrapper')).toContainText('mean τ (baseline)');
  // Snapshot charts keep to the run's own episode.
  await expect(dashedLines(page, 'chart-episode')).toHaveCount(0);

  const difference = page.getByRole('status').and(page.getByTestId('baseline-difference'));
  await expect(difference).toHaveText(/^Learned tax: std\(D\) -?\d+\.\d\d vs \d+\.\d\d without( \([+−]?\d+%\))?; welfare -?\d+\.\d\d vs -?\d+\.\d\d( \([+−]?\d+%\))?; iteration 4\.$/);

  // A reload keeps the comparison and the run (restored from this browser at its checkpoint,
  // iteration 4); the baseline, started afresh, catches up with it and steps with it.
  await page.reload();
  await expect(compare(page)).toBeChecked();
  expect(new URL(page.url()).search).toBe('?more=1&baseline=1');
  await expect(page.getByTestId('notice')).toContainText('Restored your last session from this browser: iteration 4, paused.');
  await step(page, 1);
  await expect.poll(() => baselineIteration(page)).toBe(5);
  await expect(difference).toHaveText(/^Learned tax: std\(D\) .* vs .* without.*; welfare .*; iteration 5\.$/);

  // Start (Resume, after a step) and Pause drive both runs.
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('baseline-iteration')).toContainText('running');
  await expect.poll(() => baselineIteration(page)).toBeGreaterThanOrEqual(3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('baseline-iteration')).toContainText('paused');

  // Reset takes both back to the start.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => baselineIteration(page)).toBe(0);

  // Unticked: the baseline is dropped from the page, the charts and the address.
  await step(page, 1);
  await compare(page).uncheck();
  expect(new URL(page.url()).search).toBe('?more=1');
  await expect(page.getByTestId('baseline-difference')).toHaveCount(0);
  await expect(dashedLines(page, 'chart-volatility')).toHaveCount(0);
  await expect(volatility.locator('.recharts-legend-wrapper')).not.toContainText('(baseline)');
  expect(errors).toEqual([]);
});

test('the tax economy’s baseline is the free market, and the difference names welfare and the wealth Gini', async ({ page }) => {
  await page.goto(`/?baseline=1${SMALL_TAX.slice(1)}`);
  await expect(compare(page)).toBeChecked();
  await expect(page.getByTestId('baseline-description')).toContainText('The same households, same seed, with no government: no taxes and no transfers (the free market).');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await step(page, 1);
  await expect.poll(() => baselineIteration(page)).toBe(1);
  await expect(page.getByTestId('baseline-difference')).toHaveText(/^Fixed taxes: welfare -?\d+\.\d{3} vs -?\d+\.\d{3} without taxes.*; wealth Gini \d+\.\d{3} vs \d+\.\d{3}.*; iteration 1\.$/);
  await expect(page.getByTestId('chart-welfare').locator('.recharts-legend-wrapper')).toContainText('government (baseline)');
});
