import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { BASE_ARGS, WEBGPU_ARGS } from './chromium-flags';
import { expectClean, expectIsolated, expectPolicyHeaders, guard } from './csp-guard';
import { reportBackend } from './report-backend';

reportBackend();

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BASE_ARGS, ...WEBGPU_ARGS] } });

test('the backend is chosen by measurement: the faster of wasm and SwiftShader’s webgpu trains, and a reload uses the figures kept', async ({ page }) => {
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

  await expect(badge).toHaveAttribute('data-backend', /^(wasm|webgpu)$/);
  const chosen = (await badge.getAttribute('data-backend'))!;
  const measured = page.getByTestId('measured');
  // The fastest first, the backend that trains; wasm is measured in full, webgpu stopped as soon
  // as it could not win. At this tiny size either may win on SwiftShader (the device-resident
  // path makes webgpu's iteration 70 small dispatches), so the rule is checked, not a winner.
  await expect(measured).toHaveText(/^, the fastest measured at this size: (wasm|webgpu) \d[\d.]* it\/s, (wasm|webgpu) (\d[\d.]* it\/s|under \d[\d.]* it\/s|first iteration over \d+ s)$/);
  const [, first, rate, second, other] = (await measured.textContent())!.match(/: (\w+) ([\d.]+) it\/s, (\w+) (.+)$/)!;
  expect(first).toBe(chosen);
  expect(second).toBe(chosen === 'wasm' ? 'webgpu' : 'wasm');
  if (chosen === 'wasm') {
    // webgpu, the contender, was stopped once it could not beat wasm's figure.
    expect(other).toMatch(new RegExp(`^(under ${rate.replace('.', '\\.')} it/s|first iteration over \\d+ s)$`));
  } else {
    // wasm, the reference, was measured in full, and lost.
    expect(Number(other.match(/^([\d.]+) it\/s$/)![1])).toBeLessThan(Number(rate));
  }
  // The worker answered its heartbeat while measuring: it was not taken for hung and replaced.
  await expect(page.getByTestId('notice')).toHaveCount(0);

  await page.reload();
  await expect(badge).toHaveAttribute('data-backend', chosen);
  // Nothing measured again: the same figures, each read from this browser's cache.
  await expect(measured).toContainText(`: ${first} ${rate} it/s (measured earlier), ${second} ${other} (measured earlier)`);
  await badge.getByText(/why not/).click();
  await expect(page.getByTestId('skipped-webgl')).toContainText('software renderer');

  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('iteration')).toContainText('Iteration 1 /');
  expect(errors).toEqual([]);
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

/** A small entrance-tobin lab on the backend named; the same seed on each. */
const PARITY = (backend: string) => `/?backend=${backend}&more=1#v=1&env=entrance-tobin&n=6&markets=2&horizon=16&hidden=8&seed=3&iterations=50`;

async function stepTo(page: Page, n: number): Promise<void> {
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('iteration')).toContainText(`Iteration ${n} /`, { timeout: 150_000 });
}

/** The lab saved to a policies file: its path and its document. */
async function save(page: Page): Promise<{ path: string; doc: { history: Record<string, number>[] } }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save policies to file' }).click()]);
  const path = test.info().outputPath(`${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return { path, doc: JSON.parse(readFileSync(path, 'utf8')) };
}

/** Every figure of each iteration agrees (to float rounding: the GPU sums in another order). */
function expectSameRuns(gpu: Record<string, number>[], cpu: Record<string, number>[]): void {
  expect(gpu.length).toBe(cpu.length);
  gpu.forEach((row, i) => {
    for (const [key, value] of Object.entries(cpu[i])) {
      if (Number.isNaN(value)) expect(row[key], `${key} at iteration ${i + 1}`).toBeNaN();
      else expect(Math.abs(row[key] - value), `${key} at iteration ${i + 1}: ${row[key]} on webgpu, ${value} on wasm`).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(value)));
    }
  });
}

test('asked for by name, webgpu trains the followers on the GPU as wasm does on the CPU, under the security policy, and a saved lab goes on from where it was', async ({ browser }) => {
  const errors: string[] = [];
  /** A page of its own (the lab restores a tab's last session of the same scenario: each run starts afresh), watched as security.spec.ts watches its pages. */
  const open = async (backend: string) => {
    const page = await (await browser.newContext()).newPage();
    const seen = await guard(page);
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(PARITY(backend));
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', backend);
    // Asked for by name (?backend=): used as it is, unmeasured.
    await expect(page.getByTestId('measured')).toHaveCount(0);
    await page.getByText('Save or load a trained lab').click();
    return { page, seen, response: response! };
  };
  const { page: wasm } = await open('wasm');
  for (let i = 1; i <= 3; i++) await stepTo(wasm, i);
  const onWasm = (await save(wasm)).doc.history;

  const { page, seen, response } = await open('webgpu');
  await stepTo(page, 1);
  await expect(page.getByTestId('chart-episode')).toHaveAttribute('data-points', '16');
  // WebGPU initialised and trained under the lab's Content-Security-Policy, cross-origin isolated.
  expectPolicyHeaders(response);
  await expectIsolated(page);
  await stepTo(page, 2);
  // Saving reads the networks, the optimiser and the markets back from the GPU; training goes on after it.
  const atTwo = await save(page);
  await stepTo(page, 3);
  expectSameRuns((await save(page)).doc.history, onWasm);

  // Loaded, the lab goes to the GPU again and plays the third iteration the same way.
  await page.getByLabel('Load policies from file').setInputFiles(atTwo.path);
  await expect(page.getByTestId('policy-status')).toContainText('Loaded');
  await expect(page.getByTestId('iteration')).toContainText('Iteration 2 /');
  await stepTo(page, 3);
  expectSameRuns((await save(page)).doc.history, onWasm);
  expect(errors).toEqual([]);
  // Nothing ran, was injected or was blocked by the policy on the way.
  await expectClean(page, 'webgpu', seen);
});
