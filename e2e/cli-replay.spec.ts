import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { reportBackend } from './report-backend';

reportBackend();

const CLI = fileURLToPath(new URL('../src/cli/bin.mjs', import.meta.url));
const ITERATIONS = 4;
const HEADLINE = ['attendance', 'volatility', 'theta', 'welfare'] as const;

test('a link copied from the lab replays in the CLI to the same metrics (wasm in both)', async ({ page }) => {
  // ?backend=wasm: the CLI trains on wasm in Node, so the browser must too for equal numbers.
  // No leader warm-up, so the PPO leader updates twice and its path is compared too.
  await page.goto(`/?backend=wasm#v=1&env=entrance-tobin&n=10&markets=2&horizon=16&hidden=8&seed=7&leaderWarmup=0&leaderEvery=2&iterations=${ITERATIONS}`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('phase')).toHaveText('done');
  await expect(page.getByTestId('iteration')).toContainText(`Iteration ${ITERATIONS}`);
  const browser: Record<string, number> = {};
  for (const key of HEADLINE) browser[key] = Number(await page.getByTestId(`latest-${key}`).getAttribute('data-value'));

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#v=1&app=[^&]+&env=entrance-tobin/);

  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'run', '--scenario', link, '--seeds', '1'], { timeout: 120_000 });
  const result = JSON.parse(stdout);
  expect(result.backend).toBe('wasm');
  expect(result.iterations).toHaveLength(ITERATIONS);
  const last = result.iterations[ITERATIONS - 1];
  console.log('browser', browser, 'cli', Object.fromEntries(HEADLINE.map((k) => [k, last[k]])));
  // The lab keeps its history in Float32Arrays; the CLI reports float64. Same seed and
  // backend give the same run, so they agree to float32 rounding.
  for (const key of HEADLINE) expect(browser[key], key).toBe(Math.fround(last[key]));
});
