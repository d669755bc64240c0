import { expect, test } from '@playwright/test';
import { reportBackend } from '../../../e2e/report-backend';
import { points, latest } from '../../../e2e/run-steps';

reportBackend();

test('the differentiable entrance game: late participants, a learned fairness tax, its own charts and link', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?more=1');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await page.getByRole('combobox', { name: /^Environment/ }).selectOption('entrance-diff');
  await expect.poll(() => page.url()).toContain('env=entrance-diff');
  // Its own controls, from its schema: N from 10 to 1000, the late group's start, the leader's gradient.
  await expect(page.getByRole('spinbutton', { name: /Agents N/ })).toHaveValue('10');
  await expect(page.getByRole('spinbutton', { name: /Agents N/ })).toHaveAttribute('max', '1000');
  await expect(page.getByLabel('Who sets the over-use tax')).toHaveValue('fairness');
  await expect(page.getByLabel('How the leader judges a tax')).toHaveValue('rollout');
  await expect(page.getByRole('spinbutton', { name: /Late group G2 starts/ })).toHaveValue('0.5');
  // N and the step sizes span decades: their sliders move by factors (position = log10).
  await page.getByRole('slider', { name: 'Agents N slider' }).fill('2');
  await expect(page.getByRole('spinbutton', { name: /Agents N/ })).toHaveValue('100');
  await expect.poll(() => page.url()).toContain('n=100');
  await page.getByRole('slider', { name: 'Agents N slider' }).fill('1');
  await expect(page.getByRole('spinbutton', { name: /Agents N/ })).toHaveValue('10');

  // I = 10 N = 100 iterations of 20 runs: a few seconds at most.
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('phase')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('iteration')).toContainText('Iteration 100 / 100');
  await expect.poll(() => points(page, 'chart-fairness')).toBe(100);
  await expect.poll(() => points(page, 'chart-groups')).toBe(100);
  expect(await points(page, 'chart-strategies')).toBe(20); // 20 bins of a_i
  await expect(page.getByTestId('chart-attendance')).toContainText('mixed equilibrium p*');
  // The late group is still behind at the end, and the leader has raised the tax from 0.
  expect(await latest(page, 'gap')).toBeGreaterThan(0.2);
  expect(await latest(page, 'tau')).toBeGreaterThan(0);
  const gini = await latest(page, 'gini');
  expect(gini).toBeGreaterThan(0);
  expect(gini).toBeLessThan(1);

  // The link carries the environment and its fields; a colleague gets the same page.
  const link = page.url();
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByRole('combobox', { name: /^Environment/ })).toHaveValue('entrance-diff');
  await expect(other.getByTestId('link-problems')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a fixed over-use tax moves live while the run goes on', async ({ page }) => {
  await page.goto('/?more=1#v=1&env=entrance-diff&leader=fixed&tau=0&tauMax=1&n=100&iterationsPerAgent=100&runs=2');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('phase')).toHaveText('running');
  await expect.poll(() => latest(page, 'attendance')).toBeGreaterThan(0);
  expect(await latest(page, 'tau')).toBe(0);
  const tau = page.getByRole('spinbutton', { name: /^Tax τ/ });
  await tau.fill('0.5');
  await tau.press('Enter');
  await expect.poll(() => latest(page, 'tau')).toBe(0.5);
  expect(page.url()).toContain('tau=0.5');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('phase')).toHaveText('paused');
});
