import { expect, test } from '@playwright/test';
import { reportBackend } from './report-backend';
import { iteration, step } from './run-steps';

reportBackend();

test('evaluation mode: a few iterations trained, then each final figure over N exploration-free episodes with its 95% interval, training untouched', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#v=1&env=entrance-tobin&n=10&markets=2&horizon=32&hidden=16&iterations=50');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await step(page, 3);
  await page.getByText('Evaluate (exploration off): the trained policies, frozen, over several episodes').click();
  const panel = page.getByTestId('evaluate-panel');
  const episodes = panel.getByRole('spinbutton', { name: 'Episodes' });
  await expect(episodes).toHaveValue('10');

  // A count out of range is refused beside the field and nothing is played.
  await episodes.fill('0');
  await panel.getByRole('button', { name: 'Evaluate (exploration off)' }).click();
  await expect(panel.getByRole('alert')).toHaveText('Episodes must be a whole number from 1 to 100; "0" is not one.');
  await expect(page.getByTestId('evaluate-result')).toHaveCount(0);

  await episodes.fill('5');
  await panel.getByRole('button', { name: 'Evaluate (exploration off)' }).click();
  const result = page.getByTestId('evaluate-result');
  await expect(result).toHaveAttribute('data-episodes', '5');
  await expect(result.getByRole('columnheader', { name: '95% interval' })).toBeVisible();
  // Every final figure of the environment, each with a finite mean, interval and training figure.
  for (const key of ['attendance', 'volatility', 'mapc', 'welfare', 'theta']) {
    const row = page.getByTestId(`evaluate-${key}`);
    for (const attribute of ['data-mean', 'data-half', 'data-training']) expect(Number.isFinite(Number(await row.getAttribute(attribute))), `${key} ${attribute}`).toBe(true);
    await expect(row).toContainText(/ to .* \(± /);
  }
  // Mean attendance of 10 traders lies within 0..10, its interval half-width is not negative.
  const attendance = page.getByTestId('evaluate-attendance');
  const mean = Number(await attendance.getAttribute('data-mean'));
  expect(mean).toBeGreaterThanOrEqual(0);
  expect(mean).toBeLessThanOrEqual(10);
  expect(Number(await attendance.getAttribute('data-half'))).toBeGreaterThanOrEqual(0);
  await expect(attendance.getByRole('rowheader')).toContainText('mean attendance D (traders)');
  // Nothing trained: the run is paused where it was, its charts unchanged.
  expect(await iteration(page)).toBe(3);
  await expect(page.getByTestId('chart-attendance')).toHaveAttribute('data-points', '3');
  await expect(page.getByTestId('phase')).toHaveText('paused');
  expect(errors).toEqual([]);
});

test("evaluation mode of the tax economy plays the best flat income tax of a grid beside the government's taxes", async ({ page }) => {
  await page.goto('/#v=1&env=tax-economy&households=6&economies=2&horizon=8&hidden=8&iterations=20');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await step(page, 2);
  await page.getByText('Evaluate (exploration off): the trained policies, frozen, over several episodes').click();
  const panel = page.getByTestId('evaluate-panel');
  await panel.getByRole('spinbutton', { name: 'Episodes' }).fill('4');
  await panel.getByRole('button', { name: 'Evaluate (exploration off)' }).click();
  await expect(page.getByTestId('evaluate-result')).toHaveAttribute('data-episodes', '4');
  const rate = Number(await page.getByTestId('evaluate-bestFlatRate').getAttribute('data-mean'));
  expect(rate * 20).toBeCloseTo(Math.round(rate * 20), 6); // a rate of the grid 0, 0.05, ..., 0.9
  const [gov, flat, gain] = await Promise.all(['welfareGov', 'welfareBestFlat', 'welfareGovOverBestFlat'].map(async (k) => Number(await page.getByTestId(`evaluate-${k}`).getAttribute('data-mean'))));
  expect(gain).toBeCloseTo(gov - flat, 6);
  // Not a figure of the training: none beside it.
  await expect(page.getByTestId('evaluate-welfareBestFlat').getByRole('cell').last()).toHaveText('– (evaluation only)');
});

