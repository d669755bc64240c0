/**
 * Regenerates docs/screenshot.png: the built lab (served by `vite preview` on port 4173) in
 * Debian's headless Chromium, after training the default scenario for a while.
 *
 *   npm run build && (npx vite preview --port 4173 &) && npx tsx scripts/screenshot.ts [seconds]
 */
import { chromium } from '@playwright/test';
import { BASE_ARGS } from '../e2e/chromium-flags';

const seconds = Number(process.argv[2] ?? '60');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: BASE_ARGS });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto('http://127.0.0.1:4173/');
await page.locator('[data-backend]').waitFor();
await page.getByRole('button', { name: 'Start' }).click();
await page.waitForTimeout(seconds * 1000);
await page.getByRole('button', { name: 'Pause' }).click();
await page.getByTestId('phase').filter({ hasText: 'paused' }).waitFor();
await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
console.log(await page.getByTestId('iteration').innerText());
await browser.close();
