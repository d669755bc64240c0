import { expect, test } from '@playwright/test';
import { reportBackend } from '../../../e2e/report-backend';
import { points, step } from '../../../e2e/run-steps';

reportBackend();

/** A small, fast calibration: two firms' markets, short episodes, a Bayesian-optimisation calibrator. */
const SMALL = '#v=1&env=cournot&n=3&markets=2&targetMarkets=1&horizon=16&hidden=8&leaderWarmup=1&leader=bayesopt';

test('the Cournot lab steps: quantities per firm against Nash, rational against bounded-rational, profits, prices and the calibration tables', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?more=1${SMALL}`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await expect(page.getByTestId('link-problems')).toHaveCount(0);
  await step(page, 3);
  await expect.poll(() => points(page, 'chart-quantities')).toBe(16);
  await expect.poll(() => points(page, 'chart-rational-vs-bounded')).toBe(3);
  expect(await points(page, 'chart-profits')).toBe(3);
  expect(await points(page, 'chart-profit-histogram')).toBe(30);
  expect(await points(page, 'chart-price-histogram')).toBe(40);
  expect(await points(page, 'chart-prices')).toBe(16);
  await expect(page.getByTestId('chart-quantities')).toContainText('Nash quantity q*');
  await expect(page.getByTestId('table-moments').locator('[data-matched]')).toHaveCount(5);
  await expect(page.getByTestId('table-errors')).toContainText('Nash equilibrium (P* + noise)');
  expect(errors).toEqual([]);
});

test('a quantity range below the Nash quantity in the link names the field and falls back', async ({ page }) => {
  await page.goto(`/?more=1${SMALL}&qMax=10&seed=5`);
  await expect(page.getByTestId('link-problems')).toContainText('qMax = 10 is below the largest Nash quantity q* = 22.5');
  await expect(page.getByRole('spinbutton', { name: /Seed/ })).toHaveValue('5');
  await expect(page.getByRole('spinbutton', { name: /Largest quantity/ })).toHaveValue('40');
});
