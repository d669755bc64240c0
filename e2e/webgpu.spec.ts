import { expect, test } from '@playwright/test';
import { BASE_ARGS, WEBGPU_ARGS } from './chromium-flags';
import { reportBackend } from './report-backend';

reportBackend();

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BASE_ARGS, ...WEBGPU_ARGS] } });

test('with the WebGPU flags the worker trains on webgpu', async ({ page }) => {
  await page.goto('/#v=1&env=entrance-tobin&n=10&markets=1&horizon=16&hidden=16');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  // One real iteration on webgpu (SwiftShader: slow, but it must compute).
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('iteration')).toContainText('Iteration 1 /', { timeout: 150_000 });
  await expect(page.getByTestId('chart-episode')).toHaveAttribute('data-points', '16');
});
