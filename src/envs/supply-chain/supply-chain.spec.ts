import { expect, test } from '@playwright/test';
import { reportBackend } from '../../../e2e/report-backend';
import { legendsOverPlots, points, step } from '../../../e2e/run-steps';

reportBackend();

/** A small, fast calibration: two chains of four stages, 16-week games. */
const SMALL = '#v=1&env=supply-chain&markets=2&targetMarkets=1&horizon=16&hidden=16&iterations=10&leaderWarmup=1';

test('a supply chain steps in the lab: orders per stage, the bullwhip against pass-through, costs, and the calibration tables', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?more=1${SMALL}`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await expect(page.getByTestId('link-problems')).toHaveCount(0);
  await step(page, 3);
  // 16 weeks per game; 4 stages; 3 iterations; 20 cost bins and 30 order bins.
  await expect.poll(() => points(page, 'chart-orders')).toBe(16);
  await expect.poll(() => points(page, 'chart-bullwhip')).toBe(4);
  await expect.poll(() => points(page, 'chart-factory-bullwhip')).toBe(3);
  await expect.poll(() => points(page, 'chart-chain-cost')).toBe(3);
  await expect.poll(() => points(page, 'chart-skill')).toBe(8);
  expect(await points(page, 'chart-cost-histogram')).toBe(20);
  expect(await points(page, 'chart-order-histogram')).toBe(30);
  await expect(page.getByTestId('chart-factory-bullwhip')).toContainText('pass-through (orders = demand): variance ratio 1');
  await expect(page.getByTestId('table-errors')).toContainText('pass-through policy (orders = demand)');
  await expect(page.getByTestId('table-moments').locator('[data-matched]')).toHaveCount(5);
  // On a tablet the legends of five series wrap to two lines: the plot moves down, uncovered.
  await page.setViewportSize({ width: 768, height: 1024 });
  await expect.poll(() => legendsOverPlots(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('a bad value in a link is named by its field', async ({ page }) => {
  await page.goto('/?more=1#v=1&env=supply-chain&shipDelay=0&horizon=16');
  const banner = page.getByTestId('link-problems');
  await expect(banner).toContainText('shipDelay (L: shipping delay between stages (weeks)) must be a whole number from 1 to 8, got 0; using the default 2');
  await expect(page.getByRole('spinbutton', { name: /Shipping delay L/ })).toHaveValue('2');
});
