/**
 * One screen for a class: at the sizes a class uses (a laptop, a projector, a tablet upright),
 * opening any preset brings Start and its headline chart into the first viewport; classroom mode
 * hides the form and the gallery and sets the explanation beside the chart.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { formatMeanInterval } from '../src/engine/metrics';
import { presetById, PRESETS } from '../src/envs/catalog';
import { verdictOf } from '../src/envs/view/verdict';

/** A shipped finished run's history (the figures judged here are finite, so plain JSON reads them). */
const shipped = (name: string) => (JSON.parse(readFileSync(new URL(`../public/finished/${name}`, import.meta.url), 'utf8')) as { history: Record<string, number>[] }).history;

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
];

for (const size of SIZES) {
  test(`${size.width}x${size.height}: opening any preset shows Start and its headline chart without scrolling`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/');
    for (const p of PRESETS) {
      const card = page.getByTestId(`preset-${p.id}`);
      await expect(card).toContainText(`live in about ${p.live.seconds} s`);
      await card.click();
      await expect(page.getByTestId('explanation').getByRole('heading', { level: 2 })).toContainText(p.title);
      await expect(page.getByRole('button', { name: 'Start' }), p.id).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('train-live'), p.id).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId(p.charts[0]), p.id).toBeInViewport({ ratio: 1 });
    }
  });
}

test('the bare address opens the Tobin preset beside its baseline; its finished run shows at once, and trains live again on demand', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/');
  const explanation = page.getByTestId('explanation');
  await expect(explanation.getByRole('heading', { level: 2 })).toContainText('A Tobin tax calms a herding market');
  await expect(explanation.getByRole('heading', { name: 'What to watch for' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Compare with baseline' })).toBeChecked();
  await expect(page).toHaveURL(/\?preset=tobin-tax&baseline=1#v=1/);

  await page.getByTestId('show-finished').click();
  await expect(page.getByTestId('iteration')).toHaveText('Iteration 200 / 200');
  await expect(page.getByTestId('phase')).toHaveText('done');
  await expect(page.getByTestId('baseline-iteration')).toContainText('Baseline: iteration 200 / 200, done.');
  await expect(page.getByTestId('baseline-difference')).toContainText('std(D)');
  await expect.poll(async () => Number(await page.getByTestId('chart-volatility').getAttribute('data-points'))).toBeGreaterThan(100);
  await expect(page.getByTestId('our-result')).toContainText(/std\(D\) \d\.\d\d with τ learned at 0\.\d+/);
  // The claim judged on the shipped run: its figures are those of the file's last 10 iterations.
  const verdict = verdictOf(presetById('tobin-tax')!.claim, shipped('tobin-tax.policies.json'), shipped('tobin-tax.baseline.policies.json'))!;
  const table = page.getByTestId('verdict-table');
  await expect(table).toContainText(`this run${formatMeanInterval(verdict.run)}`);
  await expect(table).toContainText(`its baseline${formatMeanInterval(verdict.compared)}`);
  await expect(page.getByTestId('verdict')).toHaveText(verdict.verdict);
  await expect(page.getByTestId('notice')).toContainText('The finished run: trained to iteration 200 on seed 1 (the results report’s first).');
  // τ ends within 2% of τ_max in this run: the bound, not the leader, sets it, and the page says so.
  const tau = shipped('tobin-tax.policies.json').at(-1)!.theta;
  expect(tau).toBeGreaterThan(0.1 - 0.02 * 0.1);
  await expect(page.getByTestId('bound-note')).toContainText(`τ = ${tau.toFixed(3)} sits at the top of its range (0.100): there the bound, not the leader, sets it`);

  // Its 1-minute version, stated on the button as on its card, trains live beside its baseline.
  const tobin = presetById('tobin-tax')!;
  await expect(page.getByTestId('train-live')).toHaveText(`Train it live (about ${tobin.live.seconds} s)`);
  await page.getByTestId('train-live').click();
  await expect(page.getByTestId('phase')).toHaveText('running');
  await expect(page.getByTestId('iteration')).toHaveText(new RegExp(`Iteration \\d+ / ${tobin.live.patch.iterations}`));
  await expect(page.getByTestId('baseline-iteration')).toContainText(`/ ${tobin.live.patch.iterations}`);
  await expect(page.getByTestId('live-version')).toContainText(`Iterations ${tobin.live.patch.iterations} (full: 200)`);
  await expect(page.getByTestId('reported-result')).toContainText('of the 1-minute version');
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(errors).toEqual([]);
});

/** Axis titles of a chart that reach outside its drawing (clipped in the page and in exported images). */
const clippedTitles = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((figure) => {
    // The plot's own surface (the legend's icons are small surfaces of their own).
    const svg = figure.querySelector('.recharts-wrapper > svg.recharts-surface')!.getBoundingClientRect();
    return Array.from(figure.querySelectorAll('.recharts-label'))
      .map((label) => ({ text: label.textContent, box: label.getBoundingClientRect() }))
      .filter(({ box }) => box.left < svg.left - 1 || box.right > svg.right + 1 || box.top < svg.top - 1 || box.bottom > svg.bottom + 1)
      .map(({ text }) => text);
  });

test('classroom mode at 1024x768: no form or gallery, and for every preset Start, its headline chart and the explanation beside it on the first screen; its finished run drawn with no axis title clipped', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  for (const p of PRESETS) {
    await page.goto(`/?preset=${p.id}&classroom=1`);
    await expect(page.getByTestId('explanation').getByRole('heading', { level: 2 })).toContainText(p.title);
    await expect(page.getByTestId(`preset-${p.id}`)).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Start' }), p.id).toBeInViewport({ ratio: 1 });
    const chart = page.getByTestId(p.charts[0]);
    await expect(chart, p.id).toBeInViewport({ ratio: 1 });
    const [chartBox, explanationBox] = [(await chart.boundingBox())!, (await page.getByTestId('explanation').boundingBox())!];
    expect(explanationBox.x, p.id).toBeGreaterThanOrEqual(chartBox.x + chartBox.width);
    expect(explanationBox.y, p.id).toBeLessThan(768);

    await page.getByTestId('show-finished').click();
    await expect(page.getByTestId('phase')).toHaveText('done');
    for (const id of p.charts) {
      await expect.poll(async () => Number(await page.getByTestId(id).getAttribute('data-points')), `${p.id} ${id}`).toBeGreaterThan(0);
      expect(await clippedTitles(page, id), `${p.id} ${id}`).toEqual([]);
    }
  }
});

test('a finished run that cannot be fetched or read is named, and the run on screen stays as it was', async ({ page }) => {
  await page.goto('/?preset=tobin-tax');
  await page.route('**/finished/tobin-tax.policies.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.getByTestId('show-finished').click();
  await expect(page.getByTestId('notice')).toContainText('The finished run of “A Tobin tax calms a herding market” could not be opened: tobin-tax.policies.json could not be fetched (404');
  await expect(page.getByTestId('iteration')).toHaveText('Iteration 0 / 200');
  await expect(page.getByRole('checkbox', { name: 'Compare with baseline' })).not.toBeChecked();

  // A file the worker refuses (its history cut short): the refusal names the field.
  await page.unroute('**/finished/tobin-tax.policies.json');
  await page.route('**/finished/tobin-tax.policies.json', async (route) => {
    const doc = JSON.parse((await (await route.fetch()).text()) as string);
    await route.fulfill({ json: { ...doc, history: doc.history.slice(1) } });
  });
  await page.getByTestId('show-finished').click();
  await expect(page.getByTestId('notice')).toContainText('history has 199 rows, but the file says 200 iterations were trained.');
  await expect(page.getByTestId('iteration')).toHaveText('Iteration 0 / 200');
  await expect(page.getByRole('checkbox', { name: 'Compare with baseline' })).not.toBeChecked();
  await expect(page.getByTestId('phase')).toHaveText('idle');
});
