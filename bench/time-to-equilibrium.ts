/**
 * Time to equilibrium in the browser: the built lab in headless Chromium (Debian's), the
 * default scenario with no tax, n = 10, c = 0.6. Reports the seconds from pressing Start until
 * the mean attendance of each iteration has stayed within 10% and within 5% of C for 5
 * iterations in a row, and the backend used. A benchmark: it prints figures, it never fails on them.
 *
 *   npm run build && npx vite preview --port 4173 &   # then
 *   npx tsx bench/time-to-equilibrium.ts [--url http://127.0.0.1:4173] [--seed 1] [--limit 120]
 */
import { chromium } from '@playwright/test';
import { BASE_ARGS } from '../e2e/chromium-flags';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const url = arg('url', 'http://127.0.0.1:4173');
const seed = Number(arg('seed', '1'));
const limitS = Number(arg('limit', '120'));
const RUN = 5;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: BASE_ARGS });
const page = await browser.newPage();
await page.goto(`${url}/#v=1&env=entrance-tobin&leader=none&n=10&c=0.6&seed=${seed}&iterations=1000`);
await page.getByTestId('backend').and(page.locator('[data-backend]')).waitFor();
const backend = await page.getByTestId('backend').getAttribute('data-backend');
const C = 6;
const t0 = Date.now();
await page.getByRole('button', { name: 'Start' }).click();

const seen = new Map<number, number>(); // iteration -> attendance
const reached: Record<string, { seconds: number; iteration: number } | null> = { '10%': null, '5%': null };
while ((Date.now() - t0) / 1000 < limitS && (!reached['10%'] || !reached['5%'])) {
  const it = Number((await page.getByTestId('iteration').innerText()).match(/Iteration (\d+)/)![1]);
  const value = await page.getByTestId('latest-attendance').getAttribute('data-value').catch(() => null);
  if (it > 0 && value !== null && !seen.has(it)) {
    seen.set(it, Number(value));
    for (const [label, tol] of [['10%', 0.1], ['5%', 0.05]] as const) {
      if (reached[label]) continue;
      const recent = Array.from({ length: RUN }, (_, k) => seen.get(it - k));
      if (recent.every((a) => a !== undefined && Math.abs(a - C) <= tol * C)) reached[label] = { seconds: (Date.now() - t0) / 1000, iteration: it };
    }
  }
  await page.waitForTimeout(100);
}
const iterations = Math.max(0, ...seen.keys());
await browser.close();
console.log(
  JSON.stringify({
    figure: 'time_to_equilibrium',
    host: 'chromium',
    backend,
    config: { n: 10, c: 0.6, leader: 'none', seed, markets: 8, horizon: 128 },
    within10pct: reached['10%'],
    within5pct: reached['5%'],
    iterationsSeen: iterations,
    limitS,
    note: `first time the attendance of ${RUN} consecutive iterations was within the tolerance of C = ${C}`,
  }),
);
