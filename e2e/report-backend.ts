import { test } from '@playwright/test';

/** Prints, and records as an annotation, the tfjs backend each end-to-end test ran on. */
export function reportBackend(): void {
  test.afterEach(async ({ page }, info) => {
    // A test that opened pages of its own left this one blank: nothing to wait 15 s for.
    if (page.url() === 'about:blank') return;
    const name = await page.getByTestId('backend').and(page.locator('[data-backend]')).getAttribute('data-backend', { timeout: 15_000 }).catch(() => null);
    info.annotations.push({ type: 'backend', description: name ?? 'unknown' });
    console.log(`[backend] ${info.title}: ${name ?? 'unknown'}`);
  });
}
