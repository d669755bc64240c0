import { expect, test } from '@playwright/test';
import { reportBackend } from '../../../e2e/report-backend';
import { points, step } from '../../../e2e/run-steps';

reportBackend();

/** A small, fast run: two firms' markets, short episodes, a fixed tax on its slider. */
const SMALL = '#v=1&env=pigouvian&n=2&markets=2&horizon=8&hidden=8&leader=fixed&t=1';

test('the Pigouvian lab steps: the tax against t* and d, output against rational firms, welfare and who pays', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?more=1${SMALL}`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await expect(page.getByTestId('link-problems')).toHaveCount(0);
  await step(page, 3);
  for (const chart of ['chart-tax', 'chart-output', 'chart-welfare', 'chart-surplus']) await expect.poll(() => points(page, chart)).toBe(3);
  expect(await points(page, 'chart-episode')).toBe(8);
  await expect(page.getByTestId('chart-tax')).toContainText('welfare-maximising tax t*');
  await expect(page.getByTestId('chart-tax')).toContainText('naive Pigouvian tax t = d');
  await expect(page.getByTestId('latest-tax')).toHaveAttribute('data-value', '1');
  expect(errors).toEqual([]);
});

test('a damage at or above a − c in the link names the field and falls back', async ({ page }) => {
  await page.goto(`/?more=1${SMALL}&d=9&seed=5`);
  await expect(page.getByTestId('link-problems')).toContainText('the damage d = 9 must be below a - c = 8');
  await expect(page.getByRole('spinbutton', { name: /Seed/ })).toHaveValue('5');
  await expect(page.getByRole('spinbutton', { name: /Damage d/ })).toHaveValue('4');
});

test('the preset opens with its equations typeset and the theory beside it', async ({ page }) => {
  await page.goto('/?preset=pigouvian-tax');
  const panel = page.getByTestId('explanation');
  await expect(panel.getByRole('heading', { level: 2 })).toContainText('A Pigouvian tax when firms have market power');
  await expect.poll(() => panel.locator('.katex').count()).toBeGreaterThanOrEqual(3);
  await expect(panel.getByTestId('paper-result')).toContainText('t* = d − (a − c − d) / n, 5 here');
  await expect(page.getByRole('spinbutton', { name: /Firms n/ })).toHaveValue('2');
  await expect(page.getByRole('spinbutton', { name: /Damage d/ })).toHaveValue('6');
});
