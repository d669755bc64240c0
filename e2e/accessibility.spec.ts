import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { reportBackend } from './report-backend';
import { step } from './run-steps';

reportBackend();

const ENVS = ['entrance-tobin', 'entrance-diff', 'cobweb', 'tax-economy', 'market-maker'];
const SMALL_RUN = '/#v=1&env=entrance-tobin&n=6&markets=2&horizon=16&hidden=8&seed=3';

async function ready(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
}

async function steps(page: Page, count: number): Promise<void> {
  await step(page, count);
  // The charts redraw one at a time after the view arrives.
  await expect(page.locator('.recharts-wrapper').first()).toBeVisible();
}

/** axe's serious and critical findings on the page as it is, one line each (rule, element, what is wrong). */
async function seriousFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

/** Opens every closed <details> (the backend's reasons, "try a policy by hand"), so axe also checks what they hold. */
async function openAllDetails(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
}

test.describe('axe finds nothing serious or critical', () => {
  test('the default page, before and after a few Steps (charts drawn, export buttons enabled)', async ({ page }) => {
    await ready(page, '/');
    expect(await seriousFindings(page)).toEqual([]);
    await ready(page, SMALL_RUN);
    await steps(page, 2);
    await openAllDetails(page);
    expect(await seriousFindings(page)).toEqual([]);
  });
});

/**
 * Tabs from the top of the page until focus leaves it or comes round again: which of the page's
 * focusable elements (enabled, shown, not inside a closed <details>) it reached, in order, and
 * those that showed no outline when reached.
 */
async function tabThrough(page: Page): Promise<{ count: number; visited: number[]; unoutlined: string[] }> {
  // Clicking the heading puts the starting point of Tab at the top (a clicked button would keep it).
  await page.getByRole('heading', { name: 'ADAGE Lab' }).click();
  const count = await page.evaluate(() => {
    const selector = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    const shown = (el: Element) => el.getClientRects().length > 0 && !el.closest('details:not([open]) > :not(summary)');
    const all = Array.from(document.querySelectorAll(selector)).filter(shown);
    document.querySelectorAll('[data-tab-order]').forEach((el) => el.removeAttribute('data-tab-order'));
    all.forEach((el, i) => el.setAttribute('data-tab-order', String(i)));
    return all.length;
  });
  const visited: number[] = [];
  const unoutlined: string[] = [];
  for (let i = 0; i < count * 2; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { order: Number(el.getAttribute('data-tab-order')), outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, name: el.outerHTML.slice(0, 80) };
    });
    if (!at || visited.includes(at.order)) break;
    visited.push(at.order);
    if (!at.outlined) unoutlined.push(at.name);
  }
  return { count, visited, unoutlined };
}

test.describe('keyboard', () => {
  test('Tab to Start, Enter starts the run; Space on Pause pauses it', async ({ page }) => {
    await ready(page, SMALL_RUN);
    const start = page.getByRole('button', { name: 'Start' });
    for (let i = 0; i < 100 && !(await start.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(start).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('phase')).toHaveText('running');
    // The same button, now Pause, keeps the focus: no reaching for the mouse to stop.
    const pause = page.getByRole('button', { name: 'Pause' });
    await expect(pause).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('phase')).toHaveText('paused');
  });

  test('Tab reaches every control in turn, each with a visible outline, and leaves the page at the end (no trap)', async ({ page }) => {
    await ready(page, SMALL_RUN);
    // Before a run the whole form is enabled; after one, the charts and their buttons are.
    for (const state of ['before a run', 'after a Step'] as const) {
      if (state === 'after a Step') await steps(page, 1);
      const { count, visited, unoutlined } = await tabThrough(page);
      expect(count, state).toBeGreaterThan(20);
      expect(visited.length, state).toBe(count);
      // In document order: the tab order follows what is read.
      expect(visited, state).toEqual([...visited].sort((a, b) => a - b));
      expect(unoutlined, state).toEqual([]);
    }
  });

  test('details open from the keyboard: the backend’s reasons and the Lucas-critique probe', async ({ page }) => {
    await ready(page, '/#v=1&env=tax-economy');
    const why = page.getByTestId('backend').locator('summary');
    await why.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('skipped-webgpu')).toBeVisible();

    const probe = page.getByTestId('probe-panel');
    await probe.locator('summary').focus();
    await page.keyboard.press('Space');
    await expect(probe).toHaveAttribute('open', '');
    // Tab goes on into what it opened.
    await page.keyboard.press('Tab');
    await expect(probe.getByRole('slider').first()).toBeFocused();
  });
});

/** How far the page scrolls sideways: 0 when everything fits the viewport's width. */
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

test.describe('layouts', () => {
  test('laptop, 1366 x 768: the form beside the results, nothing sideways', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await ready(page, SMALL_RUN);
    await steps(page, 1);
    const [form, results] = [await box(page, 'form.scenario-form'), await box(page, 'section.results')];
    expect(form.x + form.width).toBeLessThanOrEqual(results.x);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
  });

  test('projector, 1024 x 768 with a 24 px default font: larger text, the form folded above the results, nothing sideways', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    // The reader's browser setting (not the page's CSS): what a lecturer turns up for the back row.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } });
    await ready(page, SMALL_RUN);
    await steps(page, 1);
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBe(24);
    // Narrow at this type size: the settings start folded, so Start and the charts come first; opened, the form sits above the results.
    const settings = page.locator('details.settings');
    await expect(settings).not.toHaveAttribute('open');
    await page.getByText('Settings', { exact: true }).click();
    const [form, results] = [await box(page, 'form.scenario-form'), await box(page, 'section.results')];
    expect(form.y + form.height).toBeLessThanOrEqual(results.y);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
  });

  // One page per environment for both checks: axe at the default size, then the same page at a
  // tablet's (the layout follows the viewport through CSS alone).
  for (const env of ENVS) {
    test(`${env}: axe finds nothing serious; on a tablet, 768 x 1024 portrait, the form is above the charts, nothing sideways, touch targets of 32 px or more`, async ({ page }) => {
      await ready(page, env === 'entrance-tobin' ? SMALL_RUN : `/#v=1&env=${env}`);
      if (env === 'entrance-tobin') await steps(page, 1);
      await expect(page.getByLabel('Environment')).toHaveValue(env);
      await openAllDetails(page);
      expect(await seriousFindings(page)).toEqual([]);

      await page.setViewportSize({ width: 768, height: 1024 });
      const [form, charts] = [await box(page, 'form.scenario-form'), await box(page, '.charts')];
      expect(form.y + form.height).toBeLessThanOrEqual(charts.y);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      // A checkbox is hit through its label; everything else through its own box.
      const small = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('button, select, input, summary'))
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => ({ el, target: (el as HTMLInputElement).type === 'checkbox' ? el.closest('label')! : el }))
          .map(({ el, target }) => ({ name: el.outerHTML.slice(0, 80), ...target.getBoundingClientRect().toJSON() }))
          .filter((r) => r.height < 32 || r.width < 32)
          .map((r) => `${r.name} (${Math.round(r.width)} x ${Math.round(r.height)})`),
      );
      expect(small).toEqual([]);
    });
  }
});
