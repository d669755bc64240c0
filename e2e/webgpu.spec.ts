import { expect, test } from '@playwright/test';
import { BASE_ARGS, WEBGPU_ARGS } from './chromium-flags';
import { reportBackend } from './report-backend';

reportBackend();

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BASE_ARGS, ...WEBGPU_ARGS] } });

test('the backend is chosen by measurement: wasm beats SwiftShader’s webgpu, and a reload uses the figures kept', async ({ page }) => {
  // The calibration workers' errors, a Content-Security-Policy violation among them, reach the page's console.
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  // The smallest scenario: SwiftShader spends seconds compiling webgpu's shaders, whatever the size.
  await page.goto('/#v=1&env=entrance-tobin&n=2&markets=1&horizon=8&hidden=4');
  const badge = page.getByTestId('backend');
  await expect(badge).toContainText('Measuring backends at this size: webgpu…');
  // Meanwhile the page answers: a new seed reaches the form and the link at once.
  const seed = page.getByRole('spinbutton', { name: /Seed/ });
  await seed.fill('7');
  await seed.press('Enter');
  expect(page.url()).toContain('seed=7');
  await expect(badge).toContainText('Measuring backends at this size: webgpu…');

  await expect(badge).toHaveAttribute('data-backend', 'wasm');
  const measured = page.getByTestId('measured');
  // wasm, measured first, in full; webgpu, stopped as soon as it could not beat it.
  await expect(measured).toHaveText(/^, the fastest measured at this size: wasm \d[\d.]* it\/s, webgpu (under \d[\d.]* it\/s|first iteration over \d+ s)$/);
  const [, wasm, webgpu] = (await measured.textContent())!.match(/wasm (.+), webgpu (.+)$/)!;
  // The worker answered its heartbeat while measuring: it was not taken for hung and replaced.
  await expect(page.getByTestId('notice')).toHaveCount(0);

  await page.reload();
  await expect(badge).toHaveAttribute('data-backend', 'wasm');
  // Nothing measured again: the same figures, each read from this browser's cache.
  await expect(measured).toContainText(`: wasm ${wasm} (measured earlier), webgpu ${webgpu} (measured earlier)`);
  await badge.getByText(/why not/).click();
  await expect(page.getByTestId('skipped-webgl')).toContainText('software renderer');

  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('iteration')).toContainText('Iteration 1 /');
  expect(errors).toEqual([]);
});

test('asked for by name (?backend=webgpu), the worker trains on webgpu, unmeasured', async ({ page }) => {
  await page.goto('/?backend=webgpu#v=1&env=entrance-tobin&n=10&markets=1&horizon=16&hidden=16');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('measured')).toHaveCount(0);
  // One real iteration on webgpu (SwiftShader: slow, but it must compute).
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('iteration')).toContainText('Iteration 1 /', { timeout: 150_000 });
  await expect(page.getByTestId('chart-episode')).toHaveAttribute('data-points', '16');
});

test('a lost WebGPU device moves the run to the next backend, from its checkpoint, and it goes on', async ({ page }) => {
  await page.goto('/?backend=webgpu#v=1&env=entrance-tobin&n=10&markets=1&horizon=16&hidden=16&seed=2');
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
