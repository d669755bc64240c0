/**
 * Figure 7, only when named: the soak. The lab already built in dist/ (`npm run build`; this
 * figure builds nothing) trains in headless Chromium for `--minutes` (or SOAK_MINUTES; 60 by
 * default): a small, fast scenario of the market entrance game with its PPO leader, run after
 * run (when a run ends the bench presses Reset, then Start), so the worker keeps training, the
 * charts keep redrawing and every run's experiment is built and disposed of again. From outside
 * the app (nothing in it is instrumented) the bench reads
 * - the page's JS heap after a full GC (CDP HeapProfiler.collectGarbage, then
 *   Performance.getMetrics' JSHeapUsedSize) and its DOM nodes;
 * - the worker's JS heap after a full GC (CDP Runtime.getHeapUsage in the worker's own target,
 *   attached through the page's session);
 * - the worker's tfjs tensors, from tfjs's global engine in the worker (`self._tfengine.state`,
 *   what tf.memory() returns there);
 * - iterations trained and chart redraws: a MutationObserver counts, per chart, the DOM
 *   updates that change the SVG inside its recharts wrapper (a path's `d`, or elements added or
 *   removed);
 * every SAMPLE_S seconds, and the memory figures again after each Reset, once the lab is idle:
 * the same point of every run, where a leak shows as a level that creeps up run after run. The
 * page keeps counters only, so the bench's own records do not grow the heap it measures. Every
 * sample goes to bench/results/soak-<time>.json; the figure is the summary: first, last, min,
 * max, mean and the least-squares slope per hour of each quantity.
 *
 * Pass: flat (see verdict). A benchmark, not a test: it says so and never fails on it.
 */
import type { CDPSession, Page, Worker } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { entranceScenarioSchema } from '../src/envs/entrance-tobin/config';
import { openPage, type LabFactory } from './lib/lab';
import { machine, type BenchOptions, type Figure, type Row } from './lib/output';

export const DEFAULT_MINUTES = 60;
const SAMPLE_S = 30;
/**
 * Figure 3's fast scenario (10 to 15 iterations a second here) with the PPO leader, in runs of
 * 1100 iterations: a run ends every minute or two and the next starts, and for its last 100
 * iterations the worker sends the charts bucket means (at most 1000 points a series). The
 * leader updates from its second episode on, so every tensor a run keeps exists after its
 * first few iterations.
 */
const SCENARIO = entranceScenarioSchema.parse({ env: 'entrance-tobin', n: 10, markets: 1, horizon: 16, hidden: 16, leaderWarmup: 0, leaderEvery: 2, iterations: 1100 });
/** Samples taken before a run's iteration MID_RUN are left out of the tensor check (its first updates are still making tensors). */
const MID_RUN = 10;
/** How often the bench looks for a run that ended. */
const POLL_MS = 500;
const RESULTS = path.resolve('bench/results');

/** What the page keeps: counters only. */
interface Counters {
  /** Iterations trained over every run since Start. */
  iterations: number;
  /** Redraws per chart (its data-testid) since the last read. */
  redraws: Record<string, number>;
}

declare global {
  interface Window {
    __soak: Counters;
  }
}

/** Runs in the page once the app is ready: counts iterations and chart redraws, presses Start. */
function installSoak(): void {
  const rec: Counters = { iterations: 0, redraws: {} };
  window.__soak = rec;
  // No named local functions here: tsx would wrap them in a helper (__name) the page lacks.
  const counter = document.querySelector('[data-testid="iteration"]')!;
  let last = 0;
  new MutationObserver(() => {
    const it = Number(/Iteration (\d+)/.exec(counter.textContent ?? '')?.[1]);
    if (!Number.isFinite(it)) return;
    // A Reset takes the counter back to 0.
    rec.iterations += it >= last ? it - last : it;
    last = it;
  }).observe(counter, { characterData: true, childList: true, subtree: true });
  // One callback per DOM update; a chart counts once in it if its SVG changed.
  new MutationObserver((records) => {
    const charts = new Set<string>();
    for (const r of records) {
      const el = r.target instanceof Element ? r.target : r.target.parentElement;
      if (!el?.closest('.recharts-wrapper svg')) continue;
      const chart = el.closest('figure.chart')?.getAttribute('data-testid');
      if (chart) charts.add(chart);
    }
    for (const c of charts) rec.redraws[c] = (rec.redraws[c] ?? 0) + 1;
  }).observe(document.body, { attributes: true, attributeFilter: ['d'], childList: true, subtree: true });
  [...document.querySelectorAll('button')].find((b) => b.textContent === 'Start')!.click();
}

/** Read at one moment: both JS heaps after a full GC, the worker's tensors, the page's DOM nodes. */
interface Memory {
  pageHeapMiB: number;
  domNodes: number;
  /** null: the worker's heap could not be read (see the figure's notes). */
  workerHeapMiB: number | null;
  workerTensors: number;
  workerTensorMiB: number;
}

/** Every SAMPLE_S seconds. */
export interface SoakSample extends Memory {
  /** Seconds since Start. */
  t: number;
  phase: string;
  /** The run under way (1, 2, ...), its iteration, and iterations over every run so far. */
  run: number;
  runIteration: number;
  iterations: number;
  iterationsPerS: number;
  /** Redraws per second since the last sample, all charts together, and per chart. */
  chartUpdatesPerS: number;
  redraws: Record<string, number>;
}

/** After each Reset, once the lab is idle: the same point of every run, with no experiment and no chart data. */
export interface ResetSample extends Memory {
  t: number;
  /** The run that ended. */
  run: number;
}

/** The worker's heap through a CDP session of its own target, or why not. */
interface WorkerHeap {
  read(): Promise<number | null>;
  why: string;
}

/**
 * The page's CDP session auto-attaches to its dedicated worker (not flattened: Playwright's
 * CDPSession sends on its own session only), and commands reach the worker through
 * Target.sendMessageToTarget.
 */
async function attachWorkerHeap(cdp: CDPSession, workerUrl: string): Promise<WorkerHeap> {
  const targets = new Map<string, string>(); // url -> sessionId
  const pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') targets.set(e.targetInfo.url, e.sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    if (m.id !== undefined) pending.get(m.id)?.(m);
  });
  try {
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  } catch (err) {
    return { read: async () => null, why: `nothing (Target.setAutoAttach failed: ${(err as Error).message})` };
  }
  const until = Date.now() + 5000;
  while (!targets.has(workerUrl) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const sessionId = targets.get(workerUrl);
  if (!sessionId) return { read: async () => null, why: `nothing (no CDP target for the worker ${workerUrl}; targets seen: ${[...targets.keys()].join(', ') || 'none'})` };
  let id = 0;
  const send = (method: string, params: object = {}) =>
    new Promise<Record<string, number>>((resolve, reject) => {
      const n = ++id;
      pending.set(n, (m) => {
        pending.delete(n);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result as Record<string, number>);
      });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: n, method, params }) }).catch(reject);
    });
  return {
    async read() {
      await send('HeapProfiler.collectGarbage');
      const { usedSize } = await send('Runtime.getHeapUsage');
      return usedSize / 2 ** 20;
    },
    why: 'CDP Runtime.getHeapUsage in the worker target, after HeapProfiler.collectGarbage there',
  };
}

/** The simulation worker (the lab may also run a baseline's). */
function simWorker(page: Page): Worker {
  const workers = page.workers();
  const w = workers.find((x) => /sim\.worker/.test(x.url())) ?? workers[0];
  if (!w) throw new Error('the lab has no worker');
  return w;
}

/** Reads Memory from outside the app. */
function memoryReader(cdp: CDPSession, worker: Worker, workerHeap: WorkerHeap): () => Promise<Memory> {
  return async () => {
    const tensors = await worker.evaluate(() => {
      const state = (self as unknown as { _tfengine: { state: { numTensors: number; numBytes: number } } })._tfengine.state;
      return { n: state.numTensors, bytes: state.numBytes };
    });
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    return {
      pageHeapMiB: metrics.JSHeapUsedSize / 2 ** 20,
      domNodes: metrics.Nodes,
      workerHeapMiB: await workerHeap.read(),
      workerTensors: tensors.n,
      workerTensorMiB: tensors.bytes / 2 ** 20,
    };
  };
}

/** Least-squares slope of y over x. */
function slope(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return NaN;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

/** first, last, min, max, mean and the fitted slope per hour of `ys` (null where some sample lacks it, or there is none). */
function stats(quantity: string, backend: string, t: number[], ys: (number | null)[]): Row {
  const row: Row = { host: 'chromium', backend, quantity, samples: ys.length, first: null, last: null, min: null, max: null, mean: null, slopePerHour: null };
  if (ys.length === 0 || ys.some((y) => y === null)) return row;
  const v = ys as number[];
  const fitted = slope(t.map((x) => x / 3600), v);
  return { ...row, first: v[0], last: v.at(-1)!, min: Math.min(...v), max: Math.max(...v), mean: v.reduce((a, b) => a + b, 0) / v.length, slopePerHour: Number.isFinite(fitted) ? fitted : null };
}

function summarise(samples: SoakSample[], resets: ResetSample[], backend: string): Row[] {
  const t = samples.map((s) => s.t);
  const tr = resets.map((s) => s.t);
  return [
    stats('worker tfjs tensors', backend, t, samples.map((s) => s.workerTensors)),
    stats('worker tfjs tensors after Reset', backend, tr, resets.map((s) => s.workerTensors)),
    stats('worker JS heap (MiB)', backend, t, samples.map((s) => s.workerHeapMiB)),
    stats('worker JS heap after Reset (MiB)', backend, tr, resets.map((s) => s.workerHeapMiB)),
    stats('page JS heap (MiB)', backend, t, samples.map((s) => s.pageHeapMiB)),
    stats('page JS heap after Reset (MiB)', backend, tr, resets.map((s) => s.pageHeapMiB)),
    stats('page DOM nodes', backend, t, samples.map((s) => s.domNodes)),
    stats('iterations / s', backend, t, samples.map((s) => s.iterationsPerS)),
    stats('chart redraws / s (all charts)', backend, t, samples.map((s) => s.chartUpdatesPerS)),
  ];
}

/**
 * The pass criterion, flat: the worker's tensor count the same in every sample taken mid-run
 * and after every Reset, and each heap after Reset growing by less than 10% of its first such
 * sample over the soak along its fitted line.
 */
function verdict(samples: SoakSample[], resets: ResetSample[]): string[] {
  const same = (what: string, counts: number[]) => {
    const distinct = [...new Set(counts)];
    const n = `${counts.length} sample${counts.length === 1 ? '' : 's'}`;
    if (counts.length === 0) return `${what}: no sample`;
    return distinct.length === 1 ? `${what} flat: ${distinct[0]} in ${n}` : `${what} NOT flat: ${distinct.join(', ')} over ${n}`;
  };
  const out = [
    same('tensors mid-run', samples.filter((s) => s.phase === 'running' && s.runIteration >= MID_RUN).map((s) => s.workerTensors)),
    same('tensors after Reset', resets.map((s) => s.workerTensors)),
  ];
  if (resets.length < 2) {
    out.push(`heaps after Reset: ${resets.length} run${resets.length === 1 ? '' : 's'} ended, too few to judge (the fitted lines of the samples are in the table, charts filling and all)`);
    return out;
  }
  const hours = (resets.at(-1)!.t - resets[0].t) / 3600;
  for (const [what, ys] of [
    ['worker heap after Reset', resets.map((s) => s.workerHeapMiB)],
    ['page heap after Reset', resets.map((s) => s.pageHeapMiB)],
  ] as const) {
    if (ys.some((y) => y === null)) {
      out.push(`${what}: not read`);
      continue;
    }
    const v = ys as number[];
    const growthPct = (100 * slope(resets.map((s) => s.t / 3600), v) * hours) / v[0];
    out.push(`${what} ${Math.abs(growthPct) < 10 ? 'flat' : 'NOT flat'}: ${growthPct >= 0 ? '+' : ''}${growthPct.toFixed(1)}% from the first to the last Reset along the fitted line`);
  }
  return out;
}

export async function soak(lab: LabFactory, options: BenchOptions): Promise<Omit<Figure, 'machine'>> {
  const minutes = options.minutes ?? (Number(process.env.SOAK_MINUTES) || DEFAULT_MINUTES);
  const served = await lab({ built: 'dist' });
  const { context, page, backend } = await openPage(served, SCENARIO);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const worker = simWorker(page);
    const workerHeap = await attachWorkerHeap(cdp, worker.url());
    const readMemory = memoryReader(cdp, worker, workerHeap);
    const phaseNow = async () => (await page.getByTestId('phase').textContent()) ?? '';
    await page.evaluate(installSoak);
    const started = performance.now();
    const since = () => (performance.now() - started) / 1000;
    const samples: SoakSample[] = [];
    const resets: ResetSample[] = [];
    let run = 1;
    let previous = { t: 0, iterations: 0 };
    for (let next = SAMPLE_S; next <= minutes * 60; ) {
      const phase = await phaseNow();
      if (phase === 'error') throw new Error(`training stopped in the page: ${await page.getByRole('alert').allInnerTexts()}`);
      if (phase === 'done') {
        // A run ended: Reset, read once the lab is idle, Start the next.
        await page.getByRole('button', { name: 'Reset', exact: true }).click();
        await page.waitForFunction(() => document.querySelector('[data-testid="phase"]')?.textContent === 'idle');
        const r: ResetSample = { t: since(), run, ...(await readMemory()) };
        resets.push(r);
        console.error(`[soak] ${(r.t / 60).toFixed(1)} min: run ${run} ended; after Reset ${r.workerTensors} tensors, worker heap ${r.workerHeapMiB?.toFixed(1) ?? '?'} MiB, page heap ${r.pageHeapMiB.toFixed(1)} MiB`);
        run++;
        await page.getByRole('button', { name: 'Start', exact: true }).click();
        continue;
      }
      if (since() < next) {
        await page.waitForTimeout(Math.min(POLL_MS, (next - since()) * 1000));
        continue;
      }
      next += SAMPLE_S;
      const t = since();
      const { iterations, redraws } = await page.evaluate(() => {
        const r = window.__soak;
        const read = { iterations: r.iterations, redraws: r.redraws };
        r.redraws = {};
        return read;
      });
      const runIteration = Number(/Iteration (\d+)/.exec((await page.getByTestId('iteration').textContent()) ?? '')?.[1]);
      const dt = t - previous.t;
      const s: SoakSample = {
        t,
        phase,
        run,
        runIteration,
        iterations,
        ...(await readMemory()),
        iterationsPerS: (iterations - previous.iterations) / dt,
        chartUpdatesPerS: Object.values(redraws).reduce((a, b) => a + b, 0) / dt,
        redraws,
      };
      samples.push(s);
      previous = { t, iterations };
      console.error(
        `[soak] ${(t / 60).toFixed(1)} min: ${iterations} iterations (run ${run}), ${s.workerTensors} tensors, worker heap ${s.workerHeapMiB?.toFixed(1) ?? '?'} MiB, page heap ${s.pageHeapMiB.toFixed(1)} MiB, ${s.chartUpdatesPerS.toFixed(1)} redraws/s`,
      );
    }
    if (samples.length === 0) throw new Error(`--minutes ${minutes} is shorter than one sample (${SAMPLE_S} s)`);
    const figure: Omit<Figure, 'machine'> = {
      figure: 7,
      name: 'soak',
      title: `Soak: ${minutes} minute${minutes === 1 ? '' : 's'} of training in the browser`,
      config: {
        minutes,
        sampleS: SAMPLE_S,
        env: SCENARIO.env,
        leader: SCENARIO.leader,
        n: SCENARIO.n,
        markets: SCENARIO.markets,
        horizon: SCENARIO.horizon,
        hidden: SCENARIO.hidden,
        runLength: SCENARIO.iterations,
        iterations: samples.at(-1)!.iterations,
        runsEnded: resets.length,
      },
      rows: summarise(samples, resets, backend),
      notes: [
        `Command: \`npm run build && npm run bench -- 7${minutes === DEFAULT_MINUTES ? '' : ` --minutes ${minutes}`}\` (${minutes === DEFAULT_MINUTES ? 'the full soak' : `a ${minutes}-minute check; the full soak is ${DEFAULT_MINUTES} minutes`}).`,
        ...verdict(samples, resets),
        `The lab of dist/ trains run after run (the bench presses Reset, then Start, when one ends). Rows without "after Reset" are sampled every ${SAMPLE_S} s, whatever the point of the run; "after Reset" rows once per run ended, when the lab is idle again. Heaps after a full GC: the page's from CDP Performance.getMetrics, the worker's from ${workerHeap.why}. Tensors: tfjs's engine in the worker. Chart redraws: DOM updates that change a chart's SVG, counted per chart by a MutationObserver. slopePerHour: least-squares line through the samples.`,
        "Pass: the tensor count the same in every mid-run sample and after every Reset, and each heap after Reset growing by less than 10% of its first such sample along the fitted line. During a run the page's heap rises as the charts fill (up to 1000 points a series) and the worker keeps every iteration's figures for the export; both are dropped at Reset.",
      ],
    };
    mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ ...figure, machine: machine(served.chromiumVersion), scenario: SCENARIO, samples, resets }, null, 2) + '\n');
    console.error(`[soak] ${samples.length} samples and ${resets.length} after Reset written to ${path.relative(process.cwd(), file)}`);
    return figure;
  } finally {
    await context.close();
  }
}
