import { expect, test } from '@playwright/test';
import { reportBackend } from '../../../e2e/report-backend';
import { iteration, latest, points, step } from '../../../e2e/run-steps';

reportBackend();

/** A small game: 4 markets of 20 liquidity takers, 16 steps, the default five omegas (and a baseline MM at each). */
const SMALL = '#v=1&env=market-maker&markets=4&horizon=16&hidden=16&n=20';

test('a few steps fill Figure 8 (conditional MM against the fixed-omega baselines), the order book and the training charts', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?more=1${SMALL}`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await expect(page.getByTestId('link-problems')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Preferences ω trained on' })).toHaveValue('0,0.25,0.5,0.75,1');
  await expect(page.getByRole('checkbox', { name: 'Train fixed-ω baselines' })).toBeChecked();
  await expect(page.getByTestId('chart-fig8-spread')).toHaveAttribute('data-points', '0');

  await step(page, 3);
  // The evaluation grid: the five trained omegas and 0.1, 0.6, 0.9 never trained on.
  for (const what of ['spread', 'pnl', 'share']) {
    const chart = page.getByTestId(`chart-fig8-${what}`);
    await expect.poll(() => points(page, `chart-fig8-${what}`), what).toBe(8);
    await expect(chart.locator('.chart-marker')).toHaveCount(5); // one baseline MM per trained omega
    await expect(chart.locator('.chart-dot')).toHaveCount(8);
    await expect(chart.locator('.chart-dot-open')).toHaveCount(3); // the extrapolated omegas
    for (const name of ['conditional MM', '± 1 std', 'fixed-ω baselines']) await expect(chart).toContainText(name);
    await expect(chart).toContainText('open dots: ω never trained on (extrapolation)');
  }
  await expect(page.getByTestId('chart-fig8-spread')).toContainText('half spread h (price units)');
  // Market 0's latest episode, step by step.
  expect(await points(page, 'chart-book')).toBe(16);
  expect(await points(page, 'chart-trades')).toBe(16);
  for (const name of ['ask', 'price p_t', 'bid']) await expect(page.getByTestId('chart-book')).toContainText(name);
  for (const chart of ['chart-spread', 'chart-pnl', 'chart-share', 'chart-reward', 'chart-shortfall', 'chart-leader', 'chart-learning']) {
    await expect.poll(() => points(page, chart), chart).toBe(3);
  }

  // Headline: the MM's figures, its shortfall against the baselines, the leader's entropy.
  const spread = await latest(page, 'spread');
  expect(spread).toBeGreaterThanOrEqual(0);
  expect(spread).toBeLessThanOrEqual(5);
  const share = await latest(page, 'share');
  expect(share).toBeGreaterThanOrEqual(0);
  expect(share).toBeLessThanOrEqual(1);
  expect(Number.isFinite(await latest(page, 'pnl'))).toBe(true);
  expect(Number.isFinite(await latest(page, 'reward'))).toBe(true);
  expect(await latest(page, 'shortfall')).toBeGreaterThanOrEqual(0);
  const entropy = await latest(page, 'leaderReward');
  expect(entropy).toBeGreaterThan(0);
  expect(entropy).toBeLessThanOrEqual(Math.log(5) + 1e-6);
  expect(errors).toEqual([]);
});

test('a bad omega list or prior in the link names the field, falls back, and the page still works', async ({ page }) => {
  await page.goto(`/?more=1${SMALL}&omegas=0,2&seed=7`);
  const banner = page.getByTestId('link-problems');
  await expect(banner).toContainText('omegas (the preferences omega the leader samples from): a comma-separated list of numbers from 0 to 1, at least 1, got "0,2"');
  await expect(page.getByRole('textbox', { name: 'Preferences ω trained on' })).toHaveValue('0,0.25,0.5,0.75,1');
  await expect(page.getByRole('spinbutton', { name: /Seed/ })).toHaveValue('7');
  await step(page, 1);
  await expect.poll(() => points(page, 'chart-fig8-spread')).toBe(8);

  await page.goto('about:blank'); // a new fragment alone would not reload the lab
  await page.goto(`/?more=1${SMALL}&leader=prior&prior=1,2`);
  await expect(page.getByTestId('link-problems')).toContainText(/prior \(weights over the omegas.*\): one non-negative weight per omega \(5 of them\), not all 0, or empty for uniform, got "1,2"/);
  await expect(page.getByRole('combobox', { name: /Who sets the preference ω/ })).toHaveValue('prior');
  const prior = page.getByRole('textbox', { name: 'Prior weights over ω' });
  await expect(prior).toHaveValue('');

  // Typed into the form: refused with the field named, the old value kept; a good one is taken.
  await prior.fill('1,-1');
  await prior.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: /Prior weights over ω: prior .*one non-negative weight per omega \(5 of them\)/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start' })).toBeDisabled();
  expect(page.url()).toContain('prior=&');
  await prior.fill('1,1,2,1,1');
  await prior.press('Enter');
  await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
  await expect.poll(() => page.url()).toContain('prior=1%2C1%2C2%2C1%2C1');
  const omegas = page.getByRole('textbox', { name: 'Preferences ω trained on' });
  await omegas.fill('0,0.5,2');
  await omegas.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: /Preferences ω trained on: omegas .*a comma-separated list of numbers from 0 to 1, at least 1/ })).toBeVisible();
  await omegas.fill('0,0.5,1');
  await omegas.press('Enter');
  // Three omegas now, five prior weights: the prior is named as the problem.
  await expect(page.getByRole('alert').filter({ hasText: /Preferences ω trained on: prior .*one non-negative weight per omega \(3 of them\)/ })).toBeVisible();
  await omegas.fill('0,0.25,0.5,0.75,1');
  await omegas.press('Enter');
  await step(page, 1);
  await expect.poll(() => points(page, 'chart-fig8-share')).toBe(8);
  expect(Number.isFinite(await latest(page, 'reward'))).toBe(true);
});

test("a fixed leader's omega slider moves live: the MM plays the new preference without a restart", async ({ page }) => {
  await page.goto(`/?more=1${SMALL}&leader=fixed&omega=0.5&iterations=5000`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  // Without baselines each iteration trains one MM; the shortfall has nothing to compare with.
  await page.getByRole('checkbox', { name: 'Train fixed-ω baselines' }).uncheck();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('phase')).toHaveText('running');
  await expect.poll(() => iteration(page)).toBeGreaterThanOrEqual(2);
  expect(await latest(page, 'omegaMean')).toBeCloseTo(0.5, 6);
  // A fixed omega is a point mass (entropy 0), and there are no baselines to fall short of.
  await expect(page.getByTestId('latest-leaderReward')).toContainText('0.000');
  await expect(page.getByTestId('latest-shortfall')).toContainText('–');
  await expect(page.getByTestId('chart-fig8-spread').locator('.chart-marker')).toHaveCount(0);
  const before = await iteration(page);

  await page.getByRole('slider', { name: 'Preference ω slider' }).fill('0.9');
  await expect.poll(async () => Math.round((await latest(page, 'omegaMean')) * 1000)).toBe(900);
  expect(await iteration(page)).toBeGreaterThan(before); // the same run went on
  await expect(page.getByRole('spinbutton', { name: /Preference ω/ })).toHaveValue('0.9');
  await expect(page.getByRole('spinbutton', { name: /Liquidity takers n/ })).toBeDisabled(); // structural fields wait for Reset
  await expect(page.getByRole('textbox', { name: 'Preferences ω trained on' })).toBeDisabled();
  expect(page.url()).toContain('omega=0.9');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('phase')).toHaveText('paused');
});
