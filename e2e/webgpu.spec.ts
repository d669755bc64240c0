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

test('a lost WebGPU device moves the run to the next backend, from its checkpoint, and it goes on', async ({ page }) => {
  await page.goto('/#v=1&env=entrance-tobin&n=10&markets=1&horizon=16&hidden=16&seed=2');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('iteration')).toContainText('Iteration 1 /', { timeout: 150_000 });
  await expect(page.getByTestId('iteration')).toHaveAttribute('data-checkpoint', '1');
  // What a driver reset does to the device, done from inside the worker.
  await page.workers()[0].evaluate(() => (self as unknown as { _tfengine: { backend: { device: { destroy(): void } } } })._tfengine.backend.device.destroy());
  await expect(page.getByTestId('notice')).toContainText('lost its webgpu device', { timeout: 60_000 });
  await expect(page.getByTestId('notice')).toContainText('from its checkpoint at iteration 1');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('iteration')).toContainText('Iteration 2 /', { timeout: 60_000 });
});
