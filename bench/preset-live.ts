/**
 * Figure 10: each preset's 1-minute version in the browser, as a class meets it. The preset is
 * opened from its link (with its baseline where the lesson is a comparison), "Train it live" is
 * pressed, and the seconds until the last iteration (and until the baseline's) are taken, with
 * the verdict the page then shows. The cards state these seconds (Preset.live.seconds).
 */
import { PRESETS } from '../src/envs/catalog';
import type { Lab } from './lib/lab';
import type { Figure, Row } from './lib/output';

/** A run that has not finished by then is reported unfinished. */
const LIMIT_S = 300;

export async function presetLive(lab: () => Promise<Lab>): Promise<Omit<Figure, 'machine'>> {
  const { browser, url } = await lab();
  const rows: Row[] = [];
  for (const p of PRESETS) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    try {
      await page.goto(`${url}/?preset=${p.id}${p.compare ? '&baseline=1' : ''}`);
      const badge = page.getByTestId('backend').and(page.locator('[data-backend]'));
      await badge.waitFor({ timeout: 60_000 });
      const t0 = Date.now();
      await page.getByTestId('train-live').click();
      await page.getByTestId('phase').filter({ hasText: 'done' }).waitFor({ timeout: LIMIT_S * 1000 });
      const runS = (Date.now() - t0) / 1000;
      if (p.compare) await page.getByTestId('baseline-iteration').filter({ hasText: 'done' }).waitFor({ timeout: LIMIT_S * 1000 });
      const allS = (Date.now() - t0) / 1000;
      const verdict = page.getByTestId('verdict');
      rows.push({
        host: 'chromium',
        backend: (await page.getByTestId('backend').getAttribute('data-backend'))!,
        preset: p.id,
        iterations: (await page.getByTestId('iteration').innerText()).replace('Iteration ', ''),
        runS: Math.round(runS),
        withBaselineS: p.compare ? Math.round(allS) : null,
        stated: p.live.seconds,
        verdict: (await verdict.count()) ? await verdict.innerText() : null,
      });
    } finally {
      await context.close();
    }
  }
  return {
    figure: 10,
    name: 'preset_live',
    title: "Each preset's 1-minute version in the browser (seconds from Train it live)",
    config: { viewport: '1366x768', seed: 'each preset\'s (1)' },
    rows,
    notes: [
      'runS: until the run\'s last iteration; withBaselineS: until its baseline\'s too (trained at the same time in a second worker). stated: the seconds its card states.',
      'verdict: the claim judged on this one run over its last 10 iterations (one seed: docs/results-live.md has the results over seeds).',
    ],
  };
}
