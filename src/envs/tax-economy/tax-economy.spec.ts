import { expect, test } from '@playwright/test';
import { reportBackend } from '../../../e2e/report-backend';
import { iteration, latest, points, step } from '../../../e2e/run-steps';

reportBackend();

/** A small economy: 20 households in 2 government economies (plus the free market and the flat tax), 16 steps. */
const SMALL = '#v=1&env=tax-economy&households=20&economies=2&horizon=16&hidden=16&leader=fixed';

test('a few steps of the tax economy fill its charts: welfare, behaviour, taxes, schedules and distributions', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Two seeds side by side: the welfare band spans them.
  await page.goto(`/?more=1${SMALL}&seeds=2`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await expect(page.getByTestId('link-problems')).toHaveCount(0);
  // The fixed government's four taxes are sliders.
  await expect(page.getByRole('slider', { name: 'Income tax level τ_i slider' })).toHaveValue('0.2');
  await expect(page.getByRole('slider', { name: 'Asset tax progressivity ξ_a slider' })).toHaveValue('0');
  await expect(page.getByTestId('chart-welfare')).toHaveAttribute('data-points', '0');

  await step(page, 3);
  for (const chart of ['chart-welfare', 'chart-taxes', 'chart-behaviour', 'chart-prices', 'chart-inequality', 'chart-learning']) {
    await expect.poll(() => points(page, chart), chart).toBe(3);
  }
  expect(await points(page, 'chart-income-tax')).toBe(100); // schedules sampled at 100 incomes
  expect(await points(page, 'chart-asset-tax')).toBe(100);
  expect(await points(page, 'chart-wealth-histogram')).toBe(20); // quarter decades from 0.001 to 100
  expect(await points(page, 'chart-income-histogram')).toBe(20);
  expect(await points(page, 'chart-wealth-lorenz')).toBe(21); // population shares 0, 0.05, ..., 1
  expect(await points(page, 'chart-income-lorenz')).toBe(21);
  expect(await points(page, 'chart-episode')).toBe(16);

  // Welfare under the government with its band, against the free market and the flat tax.
  const welfare = page.getByTestId('chart-welfare');
  await expect(welfare).toContainText("band: lowest to highest of the government's economies");
  for (const name of ['government', 'lowest to highest', 'free market', 'flat income tax']) await expect(welfare).toContainText(name);
  // Distributions on a log axis labelled in real units; Lorenz curves with their Gini and the diagonal.
  const histogram = page.getByTestId('chart-wealth-histogram');
  await expect(histogram).toContainText('log scale, 4 bins per decade');
  for (const tick of ['0.001', '0.01', '0.1', '10']) await expect(histogram.locator('.recharts-cartesian-axis-tick-value', { hasText: new RegExp(`^${tick.replace('.', '\\.')}$`) })).toHaveCount(1);
  const lorenz = page.getByTestId('chart-wealth-lorenz');
  await expect(lorenz).toContainText(/government \(Gini 0\.\d+\)/);
  await expect(lorenz).toContainText(/free market \(Gini 0\.\d+\)/);
  await expect(lorenz).toContainText('equality');
  await expect(page.getByTestId('chart-income-tax')).toContainText('average rate T(i) / i');

  // Headline: welfare and wealth Gini, each beside the free market's.
  await expect(page.getByTestId('latest-welfareGov')).toContainText('free market =');
  expect(Number.isFinite(await latest(page, 'welfareGov'))).toBe(true);
  const gini = await latest(page, 'giniWealth');
  expect(gini).toBeGreaterThan(0);
  expect(gini).toBeLessThan(1);
  expect(await latest(page, 'tauI')).toBeCloseTo(0.2, 6);
  expect(errors).toEqual([]);
});

test('a fixed tax moves live: the households face the new asset tax without a restart', async ({ page }) => {
  await page.goto(`/?more=1${SMALL}&iterations=5000`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('phase')).toHaveText('running');
  await expect.poll(() => iteration(page)).toBeGreaterThanOrEqual(2);
  expect(await latest(page, 'tauA')).toBe(0);
  const before = await iteration(page);

  await page.getByRole('slider', { name: 'Asset tax level τ_a slider' }).fill('0.3');
  await expect.poll(async () => Math.round((await latest(page, 'tauA')) * 1000)).toBe(300);
  expect(await iteration(page)).toBeGreaterThan(before); // the same run went on
  await expect(page.getByRole('spinbutton', { name: /Asset tax level τ_a/ })).toHaveValue('0.3');
  await expect(page.getByRole('spinbutton', { name: /Households N/ })).toBeDisabled(); // structural fields wait for Reset
  expect(page.url()).toContain('tauA=0.3');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('phase')).toHaveText('paused');
});

test('a bad value in the link names the field and keeps the rest of the scenario', async ({ page }) => {
  await page.goto('/?more=1#v=1&env=tax-economy&households=5000&economies=2&horizon=16&hidden=16&leader=fixed&tauA=0.1');
  const banner = page.getByTestId('link-problems');
  await expect(banner).toContainText('households (households N per economy) must be a whole number from 2 to 1000, got 5000; using the default 30');
  await expect(page.getByRole('combobox', { name: /^Environment/ })).toHaveValue('tax-economy');
  await expect(page.getByRole('spinbutton', { name: /Households N/ })).toHaveValue('30');
  await expect(page.getByRole('spinbutton', { name: /Government economies/ })).toHaveValue('2');
  await expect(page.getByRole('spinbutton', { name: /Asset tax level τ_a/ })).toHaveValue('0.1');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => iteration(page)).toBe(1);
  await expect.poll(() => latest(page, 'tauA')).toBeCloseTo(0.1, 6);
});

test('taxes probed by hand play frozen episodes on the trained households, outside the training history', async ({ page }) => {
  await page.goto(`/${SMALL.replace('leader=fixed', 'leader=ppo')}`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await step(page, 2);
  await page.getByText('Lucas critique probe: move θ, the trained followers respond without retraining').click();
  const panel = page.getByTestId('probe-panel');
  await panel.getByRole('slider', { name: 'Asset tax level τ_a, probed slider' }).fill('0.5');
  for (const side of ['probe-adaptive', 'probe-fixed']) {
    await expect(panel.getByTestId(`${side}-figures-welfareGov`)).toContainText('free market =');
    await expect.poll(async () => Number(await panel.getByTestId(`${side}-figures-giniWealth`).getAttribute('data-value'))).toBeGreaterThan(0);
  }
  await expect(panel.getByTestId('probe-chart-wealth-lorenz')).toHaveAttribute('data-points', '21');
  await expect(panel.getByTestId('probe-chart-asset-tax')).toHaveAttribute('data-points', '100');
  // Not a training iteration: the count and the training charts stay where they were.
  expect(await iteration(page)).toBe(2);
  await expect(page.getByTestId('chart-welfare')).toHaveAttribute('data-points', '2');
  await expect(page.getByTestId('phase')).toHaveText('paused');
});
