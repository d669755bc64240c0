import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { reportBackend } from './report-backend';
import { step } from './run-steps';

reportBackend();

const SCENARIO = '/#v=1&env=entrance-tobin&n=6&markets=2&horizon=16&hidden=8&seed=3';

/** Clicks a button and reads the file the browser saved. */
async function saved(page: Page, name: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** Width and height from a PNG's IHDR chunk (the first, right after the 8-byte signature). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('a chart saves as a PNG at twice its size and as a standalone SVG with its title, lines and legend', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(SCENARIO);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  // Nothing to save before the chart has points.
  await expect(page.getByRole('button', { name: 'Download Attendance as PNG' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Download Attendance as SVG' })).toBeDisabled();
  await step(page, 3);
  const figure = page.getByTestId('chart-attendance');
  await expect(figure).toHaveAttribute('data-points', '3');
  await expect(figure.locator('.recharts-line path').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download Attendance as PNG' })).toHaveText('PNG');

  const png = await saved(page, 'Download Attendance as PNG');
  expect(png.name).toBe('adage-entrance-tobin-chart-attendance.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const box = (await figure.boundingBox())!;
  const size = pngSize(png.bytes);
  expect(size.width).toBeGreaterThan(400);
  // The whole figure at pixel ratio 2 (within a pixel of rounding).
  expect(Math.abs(size.width - 2 * box.width)).toBeLessThanOrEqual(2);
  expect(Math.abs(size.height - 2 * box.height)).toBeLessThanOrEqual(2);

  const file = await saved(page, 'Download Attendance as SVG');
  expect(file.name).toBe('adage-entrance-tobin-chart-attendance.svg');
  // Parsed by the browser's XML parser, in a blank page: nothing from the lab's DOM helps it.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const texts = Array.from(doc.querySelectorAll('text'), (t) => t.textContent);
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      namespace: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      viewBox: root.getAttribute('viewBox'),
      texts,
      linePaths: Array.from(doc.querySelectorAll('.recharts-line path'), (p) => ({ d: p.getAttribute('d'), stroke: p.getAttribute('stroke') })),
      background: doc.querySelector('rect')?.getAttribute('fill'),
      // Text styles came from the page's CSS; the file carries them itself.
      tickFont: doc.querySelector('.recharts-cartesian-axis-tick-value')?.getAttribute('font-family') ?? null,
    };
  }, file.bytes.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.namespace).toBe('http://www.w3.org/2000/svg');
  expect(parsed.width).toBeGreaterThan(400);
  expect(parsed.height).toBeGreaterThan(200);
  expect(parsed.viewBox).toBe(`0 0 ${parsed.width} ${parsed.height}`);
  expect(parsed.background).toBe('#ffffff');
  expect(parsed.texts).toContain('Attendance');
  expect(parsed.texts.join(' ')).toContain('mean number of traders entering per step');
  // The legend (HTML on the page) is text in the file.
  expect(parsed.texts).toContain('mean attendance D');
  expect(parsed.texts.join(' ')).toContain('capacity C');
  expect(parsed.linePaths.length).toBeGreaterThan(0);
  expect(parsed.linePaths[0]).toEqual({ d: expect.stringMatching(/^M[\d.]+,[\d.]+L/), stroke: '#0072B2' });
  expect(parsed.tickFont).toMatch(/\S/);
  expect(errors).toEqual([]);
});

test('a table saves as a PNG only: it has no plot to draw as vectors', async ({ page }) => {
  await page.goto('/?more=1#v=1&env=cobweb');
  const moments = page.getByTestId('table-moments');
  await expect(moments.getByRole('button', { name: 'Download Moments as PNG' })).toBeDisabled();
  await expect(moments.getByRole('button', { name: /as SVG/ })).toHaveCount(0);
});
