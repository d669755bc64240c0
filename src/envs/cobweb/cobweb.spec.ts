import { expect, test } from '@playwright/test';
import { reportBackend } from '../../../e2e/report-backend';
import { points } from '../../../e2e/run-steps';

reportBackend();

/** A small, fast calibration: few markets, short episodes, a Bayesian-optimisation leader. */
const SMALL = '#v=1&env=cobweb&markets=2&targetMarkets=1&horizon=16&hidden=16&iterations=6&leaderWarmup=2&leader=bayesopt';

test('observed prices are uploaded as a CSV: a bad file is refused with its problem, a good one becomes the target', async ({ page }) => {
  await page.goto('/?more=1');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await page.getByRole('combobox', { name: /^Environment/ }).selectOption('cobweb');
  await expect.poll(() => page.url()).toContain('env=cobweb');
  const upload = page.locator('input[type=file][name=targetData]');

  await upload.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('price\n5.1\nfive\n5.3\n') });
  await expect(page.getByRole('alert')).toContainText('bad.csv');
  await expect(page.getByRole('alert')).toContainText('five');
  await expect(page.getByRole('alert')).toContainText('Nothing was changed');
  expect(page.url()).toContain('target=synthetic');

  const prices = Array.from({ length: 120 }, (_, t) => (5.9 + 0.6 * Math.sin(t / 3)).toFixed(3));
  await upload.setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(`price\n${prices.join('\n')}\n`) });
  await expect(page.getByTestId('targetData-loaded')).toHaveText('120 observed prices loaded');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect.poll(() => page.url()).toContain('target=data');
  await expect(page.getByLabel('Fit to')).toHaveValue('data');

  // The link carries the data: a colleague gets the same target.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('targetData-loaded')).toHaveText('120 observed prices loaded');
  await expect(other.getByTestId('link-problems')).toHaveCount(0);
});

test('a calibration runs in the lab: prices against the target, the fit landscape, the moments and the distribution errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?more=1${SMALL}&replicates=2`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  // The Bayesian calibrator plays each candidate in this many markets (its field shows for it only).
  await expect(page.getByLabel('Markets per candidate')).toHaveValue('2');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('phase')).toHaveText('done', { timeout: 120_000 });
  await expect.poll(() => points(page, 'chart-prices')).toBe(16);
  await expect.poll(() => points(page, 'chart-calibration')).toBe(6);
  expect(await points(page, 'chart-price-histogram')).toBe(40);
  await expect(page.getByTestId('chart-prices')).toContainText('rational-expectations price p*');
  await expect(page.getByTestId('table-moments')).toContainText('lag-1 autocorrelation');
  await expect(page.getByTestId('table-moments').locator('[data-matched]')).toHaveCount(5);
  await expect(page.getByTestId('table-errors')).toContainText('rational simulator (λ = 0)');
  // The fit landscape, drawn at the last iteration: 11 x 11 cells, the truth and the calibrated point marked.
  await expect.poll(() => points(page, 'chart-landscape')).toBe(121);
  await expect(page.getByTestId('chart-landscape')).toContainText('hidden (μ*, σ*)');
  await expect(page.getByTestId('chart-landscape')).toContainText('calibrated (μ, σ)');
  for (const key of ['maeRe', 'maeRational', 'maeCalibrated']) {
    const cell = page.getByTestId(`errors-${key}`).locator('td').first();
    expect(Number(await cell.innerText()), key).toBeGreaterThan(0);
  }
  expect(errors).toEqual([]);
});
