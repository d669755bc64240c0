/**
 * Figure 8: the page's first paint. The built lab served by `vite preview`, opened cold (a new
 * browser context each time, so nothing is cached) in Chromium: the main entry chunk the page
 * loads first (minified and gzipped bytes, read from the served index.html), the first
 * contentful paint, when the run controls are ready (Start shown) and when the first chart's
 * frame is shown (the charts load on demand), when the simulation worker has its backend (the
 * page shows which), and how many workers the page started by then (the simulation's and the
 * threads of tfjs-wasm's pool). Medians over the loads.
 */
import { gzipSync } from 'node:zlib';
import type { Lab } from './lib/lab';
import type { Figure } from './lib/output';

const LOADS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The module script index.html loads first, and its size. */
async function mainChunk(url: string): Promise<{ path: string; bytes: number; gzipBytes: number }> {
  const html = await (await fetch(url)).text();
  const src = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error('index.html names no module script');
  const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
  return { path: src, bytes: body.length, gzipBytes: gzipSync(body).length };
}

export async function firstPaint(lab: () => Promise<Lab>): Promise<Omit<Figure, 'machine'>> {
  const { url, browser } = await lab();
  const chunk = await mainChunk(url);
  const paints: number[] = [];
  const controls: number[] = [];
  const charts: number[] = [];
  const backends: number[] = [];
  const workers: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let started = 0;
    page.on('worker', () => started++);
    const t0 = Date.now();
    await page.goto(url);
    await page.getByRole('button', { name: 'Start' }).waitFor();
    controls.push(Date.now() - t0);
    await page.getByTestId('chart-attendance').waitFor();
    charts.push(Date.now() - t0);
    await page.getByTestId('backend').and(page.locator('[data-backend]')).waitFor();
    backends.push(Date.now() - t0);
    workers.push(started);
    paints.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    await context.close();
  }
  return {
    figure: 8,
    name: 'first-paint',
    title: 'First paint: the page without tfjs on the main thread',
    config: { loads: LOADS, page: '/ (the default scenario)', mainChunk: chunk.path },
    rows: [
      {
        host: 'chromium',
        backend: '-',
        mainChunkKB: Math.round(chunk.bytes / 100) / 10,
        mainChunkGzipKB: Math.round(chunk.gzipBytes / 100) / 10,
        firstContentfulPaintMs: Math.round(median(paints)),
        controlsReadyMs: median(controls),
        firstChartMs: median(charts),
        backendReadyMs: median(backends),
        workersStarted: median(workers),
      },
    ],
    notes: [
      'Cold loads from vite preview on this machine (loopback, no network latency); medians over the loads.',
      'controlsReadyMs, firstChartMs and backendReadyMs are wall times from navigation, read from outside the page (Playwright).',
      "workersStarted: the page's workers by the time the backend was shown: the simulation worker and the threads of tfjs-wasm's pool (sized to the machine's cores: src/build/tfjs-wasm-threads.ts).",
    ],
  };
}
