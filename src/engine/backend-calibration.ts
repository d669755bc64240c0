/**
 * The backend chosen by measurement, not by rank. On an H200 at the default size webgpu ran two
 * to three times slower than wasm (a fixed cost per kernel, issue 19), so no order of backends is
 * right everywhere: each backend that could run here trains the scenario itself for a moment and
 * the fastest runs it. The host (the worker) screens the backends, measures each in a worker of
 * its own (which can be stopped mid-iteration), keeps the figures per device and size, and sets
 * the winner up.
 *
 * The rule:
 * - a backend asked for by name (`?backend=`) is used as it is, unmeasured;
 * - with fewer than two contenders there is nothing to compare (no GPU: wasm alone);
 * - cpu never contends: its kernels are tfjs' plain JavaScript, which wasm runs compiled; it stays
 *   the fallback;
 * - a figure cached for the same device and size is used as it is (a second visit measures nothing);
 * - wasm is measured first, in full, as the reference: it starts in a moment and compiles nothing;
 * - a backend is measured by one untimed iteration (first-use costs: shader compiles, allocations)
 *   and then timed ones (timeIterations);
 * - once a fastest figure exists, a backend is stopped as soon as it can no longer beat it: when
 *   its timed iterations, the one under way counted, have taken longer than the fastest's, or when
 *   its first iteration has taken FIRST_ALLOWANCE_MS more than the fastest's iteration. A GPU
 *   that loses is so cut short after a fraction of one iteration;
 * - a backend that fails while measured, or whose set-up passes SET_UP_LIMIT_MS (a hang), is
 *   skipped with its reason, and measured again next time.
 */
import { BACKEND_ORDER, type BackendName, type BackendReport, type Figure, type Measurement } from './backend-names';

/** Timed iterations go on until this much is timed (a small scenario's iterations are short and noisy)... */
export const MIN_TIMED_MS = 500;
/** ... or this many are done. */
export const MAX_TIMED = 5;
/** A set-up (a worker's start, the backend's, the experiment built) that takes longer is taken for a hang. */
export const SET_UP_LIMIT_MS = 30_000;
/**
 * What a contender's first iteration may take beyond the fastest's iteration time: its first use
 * of each kernel (SwiftShader's webgpu spent ~9 s compiling shaders at a small size).
 */
export const FIRST_ALLOWANCE_MS = 20_000;

export interface Candidate {
  name: BackendName;
  /** Its device (the GPU adapter, the renderer, the processor): figures are cached under it. */
  identity: string;
}

/**
 * When a measurement is stopped (besides SET_UP_LIMIT_MS): `firstMs` into its first iteration;
 * then once its timed iterations, the one under way counted, pass `iterationMs` each. Infinity:
 * not stopped.
 */
export interface Limits {
  firstMs: number;
  iterationMs: number;
}

/** Figures kept from earlier calibrations, by device and size. */
export interface FigureCache {
  get(key: string): Promise<Figure | undefined>;
  set(key: string, figure: Figure): Promise<void>;
}

export interface CalibrationHost {
  /** The backends that could run here (not set up yet), and why the others cannot. */
  screen(lost: readonly BackendName[]): Promise<{ candidates: Candidate[]; skipped: BackendReport['skipped'] }>;
  /** Calibrates `name` on the scenario within `limits` (measureWithin); throws if the backend fails. */
  measure(name: BackendName, limits: Limits): Promise<Figure>;
  cache: FigureCache;
  /** Told as each backend's measuring begins, so the page can say so. */
  onMeasuring(name: BackendName): void;
  /** Sets up the first backend of `order` that works, `preferred` first (engine/backend.ts chooseBackend). */
  choose(order: readonly BackendName[], preferred: BackendName | undefined, lost: readonly BackendName[]): Promise<BackendReport>;
}

export interface CalibrationRequest {
  /** Asked for by name: used without measuring. */
  preferred?: BackendName;
  /** Their device was lost in this session. */
  lost: readonly BackendName[];
  /** The scenario's size (what an iteration costs depends on): the cache's other half. */
  workloadKey: string;
}

/** The cache's key: the device and the scenario's size. */
export const cacheKey = (identity: string, workloadKey: string) => `${identity} | ${workloadKey}`;

/** Chooses and sets up the backend by the rule above. */
export async function chooseByMeasurement(host: CalibrationHost, { preferred, lost, workloadKey }: CalibrationRequest): Promise<BackendReport> {
  if (preferred) return host.choose(BACKEND_ORDER, preferred, lost);
  const { candidates, skipped } = await host.screen(lost);
  const contenders = candidates.filter((c) => c.name !== 'cpu');
  if (contenders.length < 2) return host.choose(BACKEND_ORDER, undefined, lost);
  const measured: Measurement[] = [];
  const failed: BackendReport['skipped'] = [];
  // BACKEND_ORDER backwards: wasm, the reference, first.
  for (const { name, identity } of contenders.reverse()) {
    const key = cacheKey(identity, workloadKey);
    const cached = await host.cache.get(key);
    if (cached) {
      measured.push({ name, figure: cached, earlier: true });
      continue;
    }
    host.onMeasuring(name);
    try {
      const figure = await host.measure(name, limitsAfter(measured));
      measured.push({ name, figure, earlier: false });
      await host.cache.set(key, figure);
    } catch (err) {
      failed.push({ name, reason: `failed while being measured: ${(err as Error).message}` });
    }
  }
  measured.sort((a, b) => faster(a.figure, b.figure));
  const report = await host.choose([...measured.map((m) => m.name), 'cpu'], undefined, lost);
  return { ...report, skipped: [...skipped, ...failed, ...report.skipped], measured };
}

/** Measured rates first, then those stopped while timed (each lost to a rate at least its bound), then slow starters. */
const KIND_RANK: Record<Figure['kind'], number> = { rate: 2, under: 1, slowStart: 0 };
const speed = (f: Figure) => (f.kind === 'slowStart' ? -f.ms : f.itPerS);
/** Sorts the faster figure first. */
const faster = (a: Figure, b: Figure) => KIND_RANK[b.kind] - KIND_RANK[a.kind] || speed(b) - speed(a);

/** The limits for the next backend, from the fastest rate measured so far (none yet: unlimited). */
function limitsAfter(measured: readonly Measurement[]): Limits {
  const rates = measured.flatMap((m) => (m.figure.kind === 'rate' ? [m.figure.itPerS] : []));
  if (!rates.length) return { firstMs: Infinity, iterationMs: Infinity };
  const iterationMs = 1000 / Math.max(...rates);
  return { firstMs: FIRST_ALLOWANCE_MS + iterationMs, iterationMs };
}

/** What a measurement tells its watcher as it goes (measureWithin). */
export interface Progress {
  /** The backend is set up and the experiment built: its first iteration begins. */
  setUp(): void;
  /** The untimed first iteration has ended. */
  first(): void;
  /** `done` timed iterations have ended. */
  timed(done: number): void;
}

/**
 * One untimed iteration, then timed ones until MIN_TIMED_MS have passed or MAX_TIMED are done;
 * returns the timed iterations per second.
 */
export async function timeIterations(iterate: () => Promise<unknown>, now: () => number, progress: Omit<Progress, 'setUp'>): Promise<number> {
  await iterate();
  progress.first();
  const start = now();
  let done = 0;
  do {
    await iterate();
    progress.timed(++done);
  } while (done < MAX_TIMED && now() - start < MIN_TIMED_MS);
  return (done * 1000) / (now() - start);
}

/** A measurement under way elsewhere (in a worker of its own): its rate to come, and how to stop it. */
export interface RunningMeasurement {
  itPerS: Promise<number>;
  /** Ends it (and frees what it holds); called once it is over, whichever way. */
  stop(): void;
}

/**
 * Watches a measurement started by `start` and stops it at SET_UP_LIMIT_MS and `limits` (see
 * Limits): its figure is its rate if it ends in time, else what it was stopped at. Rejects if it
 * fails or its set-up passes the limit.
 */
export function measureWithin(limits: Limits, start: (progress: Progress) => RunningMeasurement, now: () => number = () => performance.now()): Promise<Figure> {
  return new Promise((resolve, reject) => {
    let over = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const end = (settle: () => void) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      running.stop();
      settle();
    };
    /** Stops it `ms` from now, settled by `settle`, unless it gets further first. */
    const stopIn = (ms: number, settle: () => void) => {
      clearTimeout(timer);
      if (Number.isFinite(ms)) timer = setTimeout(() => end(settle), Math.max(0, ms));
    };
    const under = () => resolve({ kind: 'under', itPerS: 1000 / limits.iterationMs });
    let timedFrom = 0;
    const running = start({
      setUp: () => stopIn(limits.firstMs, () => resolve({ kind: 'slowStart', ms: limits.firstMs })),
      first: () => {
        timedFrom = now();
        stopIn(limits.iterationMs, under);
      },
      timed: (done) => stopIn(timedFrom + (done + 1) * limits.iterationMs - now(), under),
    });
    stopIn(SET_UP_LIMIT_MS, () => reject(new Error(`its set-up took over ${SET_UP_LIMIT_MS / 1000} s`)));
    running.itPerS.then(
      (itPerS) => end(() => resolve({ kind: 'rate', itPerS })),
      (err: unknown) => end(() => reject(err instanceof Error ? err : new Error(String(err)))),
    );
  });
}
