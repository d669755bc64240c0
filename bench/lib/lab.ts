/**
 * The built lab in headless Chromium, as a user gets it: `vite build` into a temporary folder
 * (not dist/, which the end-to-end tests may be serving at the same time), or a lab already
 * built (the soak serves dist/), or a bench page built the same way; `vite preview` on a free
 * port with the project's config (so its headers, e.g. cross-origin isolation, apply), and
 * Debian's Chromium through Playwright.
 * Measurements are taken from outside the app: a PerformanceObserver for long tasks and
 * MutationObservers on the iteration counter and the attendance chart, so the real worker
 * trains and nothing in the UI is instrumented.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BASE_ARGS } from '../../e2e/chromium-flags';
import { encodeScenario } from '../../src/scenario/codec';
import type { Scenario } from '../../src/scenario/schema';

const VITE = path.resolve('node_modules/.bin/vite');

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(VITE, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite ${args[0]} exited with ${code}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForServer(url: string, child: ChildProcess, limitMs = 30_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url} within ${limitMs / 1000} s`);
}

export interface Lab {
  url: string;
  browser: Browser;
  chromiumVersion: string;
  /** Another Chromium, with `args` beside the usual flags (e.g. WebGPU's), closed with the lab. */
  launch(args: string[]): Promise<Browser>;
  close(): Promise<void>;
}

/**
 * What a figure asks for: the lab built for the bench (by default), the lab already built in
 * `built` (e.g. dist/), or the page whose index.html is in `root` (e.g. bench/iteration-page/),
 * built for the bench with the lab's Vite config.
 */
export interface LabSpec {
  built?: string;
  root?: string;
}

export type LabFactory = (spec?: LabSpec) => Promise<Lab>;

const CONFIG = path.resolve('vite.config.ts');

/**
 * The lab (or page) served and Chromium launched. Unless `built` names a build, it is built
 * first into a temporary folder (removed by `close`). `close` stops the server and the browsers.
 */
export async function startLab({ built, root }: LabSpec = {}): Promise<Lab> {
  if (built) {
    const dir = path.resolve(built);
    if (!existsSync(path.join(dir, 'index.html'))) throw new Error(`no built lab in ${dir} (run npm run build first)`);
    return serve(dir, () => {});
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'adage-bench-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    // Vite looks for its config in the root it builds: another page takes the lab's.
    await run(['build', ...(root ? [root, '--config', CONFIG] : []), '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn']);
  } catch (err) {
    remove();
    throw err;
  }
  return serve(dir, remove);
}

const launch = (args: string[] = []) => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BASE_ARGS, ...args] });

/** `vite preview` of `dir` on a free port, and Chromium; `cleanUp` runs once all are closed. */
async function serve(dir: string, cleanUp: () => void): Promise<Lab> {
  const port = await freePort();
  const preview = spawn(VITE, ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', dir], { stdio: 'ignore' });
  // If the bench dies, the server must not outlive it.
  const stopPreview = () => preview.exitCode === null && preview.kill();
  process.once('exit', stopPreview);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(url, preview);
    const browsers = [await launch()];
    return {
      url,
      browser: browsers[0],
      chromiumVersion: browsers[0].version(),
      async launch(args) {
        const b = await launch(args);
        browsers.push(b);
        return b;
      },
      async close() {
        await Promise.all(browsers.map((b) => b.close()));
        stopPreview();
        cleanUp();
      },
    };
  } catch (err) {
    stopPreview();
    cleanUp();
    throw err;
  }
}

/** What the page records, times in ms of the page's clock. */
interface Recorder {
  /** When Start was pressed. */
  t0: number;
  /** [start, duration in ms] of each main-thread task over 50 ms. */
  longTasks: [number, number][];
  /** [time, iteration, latest mean attendance] each time the iteration counter changed. */
  iterations: [number, number, number][];
  /** Times at which the attendance line was redrawn. */
  chartUpdates: number[];
}

/** What the page recorded, times in seconds since Start was pressed (durations stay in ms). */
export interface Trace extends Omit<Recorder, 't0'> {
  /** Seconds since Start when this trace was read. */
  now: number;
  phase: string;
}

declare global {
  interface Window {
    __bench: Recorder;
  }
}

/** Runs before the app: long tasks must be observed from the start to count all of them. */
function installRecorder(): void {
  const rec: Recorder = { t0: NaN, longTasks: [], iterations: [], chartUpdates: [] };
  window.__bench = rec;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) rec.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/** Runs once the app is ready: watches the counter and the chart, then presses Start. */
function watchAndStart(): void {
  const rec = window.__bench;
  const counter = document.querySelector('[data-testid="iteration"]')!;
  let last = -1;
  new MutationObserver(() => {
    const it = Number(/Iteration (\d+)/.exec(counter.textContent ?? '')?.[1]);
    if (it === last) return;
    last = it;
    const attendance = document.querySelector('[data-testid="latest-attendance"]')?.getAttribute('data-value');
    rec.iterations.push([performance.now(), it, attendance == null ? NaN : Number(attendance)]);
  }).observe(counter, { characterData: true, childList: true, subtree: true });
  // One callback per React commit; it counts when it touched the line itself.
  const chart = document.querySelector('[data-testid="chart-attendance"]')!;
  new MutationObserver((records) => {
    if (records.some((r) => (r.target instanceof Element ? r.target : r.target.parentElement)?.closest('.recharts-line'))) rec.chartUpdates.push(performance.now());
  }).observe(chart, { attributes: true, attributeFilter: ['d'], childList: true, subtree: true });
  const start = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Start')!;
  rec.t0 = performance.now();
  start.click();
}

export interface LabRun {
  backend: string;
  /** What this page says about threads: wasm threads need cross-origin isolation. */
  page: { crossOriginIsolated: boolean; hardwareConcurrency: number };
  trace(): Promise<Trace>;
  /** Polls the trace until `done` holds, training finishes or `limitS` seconds have passed since Start. */
  until(done: (t: Trace) => boolean, limitS: number): Promise<Trace>;
  close(): Promise<void>;
}

/** A page of the lab in a browser context of its own, its backend chosen. */
export interface LabPage {
  context: BrowserContext;
  page: Page;
  backend: string;
  /** What this page says about threads: wasm threads need cross-origin isolation. */
  info: { crossOriginIsolated: boolean; hardwareConcurrency: number };
}

/** Opens the lab on `scenario` (the default page when omitted) and waits for its backend; `init` runs in the page before the app. */
export async function openPage(lab: Lab, scenario?: Scenario, init?: () => void): Promise<LabPage> {
  const context = await lab.browser.newContext();
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  await page.goto(`${lab.url}/${scenario ? `#${encodeScenario(scenario)}` : ''}`);
  await page.getByTestId('backend').and(page.locator('[data-backend]')).waitFor({ timeout: 60_000 });
  const backend = (await page.getByTestId('backend').getAttribute('data-backend'))!;
  const info = await page.evaluate(() => ({ crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency }));
  return { context, page, backend, info };
}

/** Opens the lab on `scenario` (the default page when omitted), waits for its backend, presses Start. */
export async function openLab(lab: Lab, scenario?: Scenario): Promise<LabRun> {
  const { context, page, backend, info } = await openPage(lab, scenario, installRecorder);
  await page.evaluate(watchAndStart);

  const trace = async (): Promise<Trace> => {
    const raw = await page.evaluate(() => ({ ...window.__bench, now: performance.now() }));
    const phase = await page.getByTestId('phase').innerText();
    const s = (ms: number) => (ms - raw.t0) / 1000;
    return {
      now: s(raw.now),
      phase,
      longTasks: raw.longTasks.map(([t, d]) => [s(t), d]),
      iterations: raw.iterations.map(([t, it, a]) => [s(t), it, a]),
      chartUpdates: raw.chartUpdates.map(s),
    };
  };
  return {
    backend,
    page: info,
    trace,
    async until(done, limitS) {
      for (;;) {
        const t = await trace();
        if (t.phase === 'error') throw new Error(`training stopped in the page: ${await page.getByRole('alert').allInnerTexts()}`);
        if (done(t) || t.now >= limitS || t.phase === 'done') return t;
        await page.waitForTimeout(250);
      }
    },
    close: () => context.close(),
  };
}
