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
