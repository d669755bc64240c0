import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { presetById } from '../src/envs/catalog';
import { parseReport } from '../src/envs/view/reported';
import { reportBackend } from './report-backend';
import { iteration } from './run-steps';

reportBackend();

/** Sets a number field by its label and commits it. */
async function setNumber(page: Page, label: RegExp, value: string) {
  const box = page.getByRole('spinbutton', { name: label });
  await box.fill(value);
  await box.press('Enter');
  await expect(box).toHaveValue(value);
}

/** Each preset, its explanation, and what brief run its figures come from (run length shortened for the test). */
const PRESETS = [
  { id: 'tobin-tax', title: 'A Tobin tax calms a herding market', env: 'entrance-tobin', shorten: [/^Iterations/, '2'], ours: /^std\(D\) \d/ },
  { id: 'late-fairness', title: 'Late participants and a fairness tax', env: 'entrance-diff', shorten: [/^Run length I \/ N/, '2'], ours: /^gap a\(G1\) − a\(G2\) [-\d]/ },
  { id: 'cobweb-calibration', title: 'Calibrating a cobweb market to prices', env: 'cobweb', shorten: [/^Iterations/, '2'], ours: /^quantile MAE \d/ },
  { id: 'income-wealth-taxes', title: 'Designing income and wealth taxes', env: 'tax-economy', shorten: [/^Iterations/, '2'], ours: /^welfare -?\d/ },
  { id: 'market-maker', title: 'One market maker for every preference', env: 'market-maker', shorten: [/^Iterations/, '2'], ours: /^largest reward shortfall/ },
] as const;

const REPORT = parseReport(readFileSync(new URL('../docs/results.md', import.meta.url), 'utf8'));

test('each preset opens a ready scenario with its explanation, and puts our result beside the paper when the run ends', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  for (const p of PRESETS) {
    await page.getByTestId(`preset-${p.id}`).click();
    const panel = page.getByTestId('explanation');
    await expect(panel.getByRole('heading', { level: 2 })).toContainText(p.title);
    // A comparison's preset opens with its baseline ticked.
    await expect(page).toHaveURL(new RegExp(`\\?preset=${p.id}${presetById(p.id)!.compare ? '&baseline=1' : ''}#v=1&app=[^&]+&env=${p.env}&`));
    // Typeset by KaTeX, not shown as raw TeX (the TeX stays only in the MathML annotation).
    await expect.poll(() => panel.locator('.katex').count()).toBeGreaterThanOrEqual(2);
    for (const shown of await panel.locator('.katex-html').allInnerTexts()) expect(shown).not.toContain('\\');
    await expect(panel.getByTestId('paper-result')).not.toBeEmpty();
    await expect(panel.getByTestId('our-result')).toContainText('when the run ends');
    // The results report's figures for this preset, as docs/results.md prints them.
    const reported = REPORT.get(p.id);
    if (reported) for (const f of reported.figures) await expect(panel.getByTestId('reported-table').getByRole('row', { name: f.label })).toContainText(`${f.ours}${f.baseline}${f.difference}${f.differs === null ? '—' : f.differs ? 'yes' : 'no'}`);
    else await expect(panel.getByTestId('reported-result')).toHaveText('Not yet in the results report (docs/results.md).');

    await setNumber(page, p.shorten[0], p.shorten[1]);
    await expect(panel).toContainText('from the preset, so the paper');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('phase')).toHaveText('done', { timeout: 120_000 });
    await expect(panel.getByTestId('our-result')).toHaveText(p.ours);
    await expect(panel.getByTestId('our-result')).toContainText('(mean of the last 10 iterations)');
  }
  expect(errors).toEqual([]);
});

test('before the run ends, This run says it is still learning and names the iteration to compare at; paused, it gives the figures so far', async ({ page }) => {
  await page.goto('/?preset=tobin-tax');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/);
  await setNumber(page, /^Iterations/, '4');
  const ours = page.getByTestId('our-result');
  await expect(ours).toHaveText('Appears here when the run ends; press Start.');
  for (let i = 1; i <= 2; i++) {
    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => iteration(page)).toBe(i);
  }
  await expect(page.getByTestId('still-learning')).toHaveText('Still learning: iteration 2 of 4. Compare after iteration 4, where the preset’s result is read.');
  await expect(ours).toContainText(/So far: std\(D\) \d/);
  for (let i = 3; i <= 4; i++) {
    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => iteration(page)).toBe(i);
  }
  await expect(page.getByTestId('phase')).toHaveText('done');
  await expect(page.getByTestId('still-learning')).toHaveCount(0);
  await expect(ours).toHaveText(/^std\(D\) \d.*\(mean of the last 10 iterations\)$/);
});

test('a Table 2 capacity is one click: the scenario and the paper row change together', async ({ page }) => {
  await page.goto('/?preset=tobin-tax');
  await expect(page.getByRole('spinbutton', { name: /Capacity share c/ })).toHaveValue('0.6');
  await expect(page.getByTestId('paper-result')).toHaveText('Table 2, n = 20, C = 12: std(D) 2.13 without a tax, 1.62 with the ADAGE leader.');
  await page.getByRole('button', { name: 'C = 4', exact: true }).click();
  await expect(page.getByRole('spinbutton', { name: /Capacity share c/ })).toHaveValue('0.2');
  await expect(page.getByRole('button', { name: 'C = 4', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('paper-result')).toHaveText('Table 2, n = 20, C = 4: std(D) 0.92 without a tax, 0.86 with the ADAGE leader.');
  await expect(page).toHaveURL(/\?preset=tobin-tax&variant=1#/);
});

test('step by step: each press runs to the next leader update and says what the leader set and how the followers responded', async ({ page }) => {
  await page.goto('/#v=1&env=entrance-tobin&n=6&markets=2&horizon=16&hidden=8&seed=3&leaderWarmup=2&leaderEvery=2');
  await page.getByText('One leader step at a time').click();
  await expect(page.getByTestId('leader-next')).toHaveText('Warm-up: the followers train alone for 2 iterations; the leader first learns after iteration 4.');
  await page.getByRole('button', { name: 'Next leader step' }).click();
  const commentary = page.getByTestId('commentary').locator('li');
  await expect(commentary).toHaveCount(1);
  await expect(commentary.first()).toContainText('Iterations 1–4: the followers trained for 4 episodes, then the leader learned');
  await expect(commentary.first()).toContainText('The leader set θ: τ 0.');
  expect(await iteration(page)).toBe(4);
  await expect(page.getByTestId('leader-next')).toHaveText('The leader learns next after iteration 6.');
  await page.getByRole('button', { name: 'Next leader step' }).click();
  await expect(commentary).toHaveCount(2);
  await expect(commentary.first()).toContainText('Iterations 5–6');
  await expect(commentary.first()).toContainText(/std\(D\) [\d.]+ → [\d.]+/);
  expect(await iteration(page)).toBe(6);
});

test('a classroom link hides what it names, enlarges the type and opens the step-by-step commentary, and survives a reload', async ({ page }) => {
  await page.goto('/?preset=late-fairness');
  await page.getByText('Classroom link:').click();
  const panel = page.getByTestId('classroom-panel');
  await panel.getByLabel('Classroom mode').check();
  // Classroom mode hides the form, the gallery and the tagline by itself.
  await expect(panel.getByLabel('the scenario form')).toBeChecked();
  await expect(panel.getByLabel('the gallery of presets')).toBeChecked();
  await expect(page).toHaveURL(/\?preset=late-fairness&classroom=1#v=1/);
  await expect(page.getByTestId('preset-late-fairness')).toHaveCount(0);
  await panel.getByLabel('the backend badge').check();
  await expect(page).toHaveURL(/\?preset=late-fairness&classroom=1&hide=form,gallery,tagline,backend#v=1/);
  const link = page.url();

  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('explanation')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveCount(0);
  await expect(page.getByTestId('backend')).toHaveCount(0);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
  await expect(page.getByTestId('leader-steps')).toHaveAttribute('open', '');
  await expect(page.getByRole('button', { name: 'Next leader step' })).toBeVisible();

  // A bad option is named; everything else in the link still applies.
  await page.goto(link.replace('hide=form,gallery,tagline,backend', 'hide=form,sidebar'));
  await expect(page.getByTestId('link-problems')).toContainText('hide: "sidebar" is not a part of the page');
  await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveCount(0);
  await expect(page.getByTestId('backend')).toBeVisible();
});

test('a link from another version of the lab says which one made it and loads its scenario', async ({ page }) => {
  await page.goto('/#v=1&app=0.0.9&env=cobweb&seed=5');
  await expect(page.getByTestId('link-notes')).toContainText('This link was made with ADAGE Lab 0.0.9');
  await expect(page.getByRole('spinbutton', { name: /Seed/ })).toHaveValue('5');
  await expect(page.getByTestId('link-problems')).toHaveCount(0);
});
