/** Reading and driving the lab from the e2e specs: its iteration counter, Step, chart points, headline figures. */
import { expect, type Page } from '@playwright/test';

/** The iteration the run controls show. */
export const iteration = async (page: Page) => Number((await page.getByTestId('iteration').innerText()).match(/Iteration (\d+)/)![1]);

/** Presses Step `times` times, each time waiting for the iteration it adds. */
export async function step(page: Page, times: number) {
  const from = await iteration(page);
  for (let i = 1; i <= times; i++) {
    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => iteration(page)).toBe(from + i);
  }
}

/** How many points a chart draws (its figure's data-points). */
export const points = async (page: Page, chart: string) => Number(await page.getByTestId(chart).getAttribute('data-points'));

/** A headline figure's latest value, as the run controls show it. */
export const latest = async (page: Page, key: string) => Number(await page.getByTestId(`latest-${key}`).getAttribute('data-value'));

/** A chart's value-axis tick labels, as numbers, bottom to top. */
export const yTicks = async (page: Page, chart: string) =>
  (await page.getByTestId(chart).locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).map(Number).sort((a, b) => a - b);

/** Ticks a reader can count in: evenly spaced by 1, 2 or 5 times a power of ten (not 0.065, 0.13, 0.195). */
export function roundSteps(ticks: number[]): boolean {
  if (ticks.length < 2 || ticks.some((t) => !Number.isFinite(t))) return false;
  const step = ticks[1] - ticks[0];
  const evenly = ticks.every((t, i) => i === 0 || Math.abs(t - ticks[i - 1] - step) <= 1e-9 * Math.max(1, Math.abs(step)));
  const mantissa = step / 10 ** Math.floor(Math.log10(step));
  return evenly && [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6);
}

/** The charts whose legend reaches into the plot below it (its bottom under the grid's top), by test id. */
export const legendsOverPlots = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('figure.chart'))
      .filter((figure) => {
        const [legend, grid] = [figure.querySelector('.recharts-default-legend'), figure.querySelector('.recharts-cartesian-grid')];
        return legend && grid && legend.getBoundingClientRect().bottom > grid.getBoundingClientRect().top + 1;
      })
      .map((figure) => figure.dataset.testid),
  );
