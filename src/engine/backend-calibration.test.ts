import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cacheKey,
  chooseByMeasurement,
  FIRST_ALLOWANCE_MS,
  MAX_TIMED,
  measureWithin,
  SET_UP_LIMIT_MS,
  timeIterations,
  type CalibrationHost,
  type Candidate,
  type Limits,
  type Progress,
} from './backend-calibration';
import { BACKEND_ORDER, type BackendName, type Figure } from './backend-names';

const GPU: Candidate = { name: 'webgpu', identity: 'webgpu: nvidia hopper' };
const WASM: Candidate = { name: 'wasm', identity: 'wasm: 16 cores' };
const CPU: Candidate = { name: 'cpu', identity: 'cpu: 16 cores' };

/** A host whose backends measure as `figures` say (an Error: it fails), with a cache that outlives it. */
function fakeHost(figures: Partial<Record<BackendName, Figure | Error>>, candidates: Candidate[] = [GPU, WASM, CPU], cache = new Map<string, Figure>()) {
  const calls = { screened: 0, measured: [] as { name: BackendName; limits: Limits }[], announced: [] as BackendName[], chosen: [] as { order: readonly BackendName[]; preferred?: BackendName }[] };
  const host: CalibrationHost = {
    screen: async () => {
      calls.screened++;
      return { candidates, skipped: [{ name: 'webgl', reason: 'software renderer' }] };
    },
    measure: async (name, limits) => {
      calls.measured.push({ name, limits });
      const f = figures[name];
      if (!f || f instanceof Error) throw f ?? new Error(`no figure for ${name}`);
      return f;
    },
    cache: { get: async (key) => cache.get(key), set: async (key, f) => void cache.set(key, f) },
    onMeasuring: (name) => calls.announced.push(name),
    // As chooseBackend: the preferred, else the first of the order that could run here.
    choose: async (order, preferred) => {
      calls.chosen.push({ order, preferred });
      return { name: preferred ?? order.find((n) => candidates.some((c) => c.name === n))!, skipped: [] };
    },
  };
  return { host, calls, cache };
}

const rate = (itPerS: number): Figure => ({ kind: 'rate', itPerS });
const SIZE = 'entrance-tobin n=10 markets=8 horizon=128 hidden = 64';

describe('chooseByMeasurement', () => {
  it('runs the fastest, wasm measured first and the GPU within limits set by it', async () => {
    const { host, calls } = fakeHost({ wasm: rate(2), webgpu: rate(5) });
    const report = await chooseByMeasurement(host, { lost: [], workloadKey: SIZE });
    expect(report.name).toBe('webgpu');
    expect(calls.announced).toEqual(['wasm', 'webgpu']);
    expect(calls.measured).toEqual([
      { name: 'wasm', limits: { firstMs: Infinity, iterationMs: Infinity } },
      { name: 'webgpu', limits: { firstMs: FIRST_ALLOWANCE_MS + 500, iterationMs: 500 } },
    ]);
    // Fastest first, and cpu behind them all as the fallback.
    expect(calls.chosen).toEqual([{ order: ['webgpu', 'wasm', 'cpu'], preferred: undefined }]);
    expect(report.measured).toEqual([
      { name: 'webgpu', figure: rate(5), earlier: false },
      { name: 'wasm', figure: rate(2), earlier: false },
    ]);
    expect(report.skipped).toEqual([{ name: 'webgl', reason: 'software renderer' }]);
  });

  it('keeps wasm when the GPU is slower, whether stopped while timed or in its first iteration', async () => {
    for (const webgpu of [{ kind: 'under', itPerS: 2 }, { kind: 'slowStart', ms: 20_500 }] as Figure[]) {
      const { host, calls } = fakeHost({ wasm: rate(2), webgpu });
      const report = await chooseByMeasurement(host, { lost: [], workloadKey: SIZE });
      expect(report.name).toBe('wasm');
      expect(calls.chosen[0].order).toEqual(['wasm', 'webgpu', 'cpu']);
      expect(report.measured!.map((m) => m.figure)).toEqual([rate(2), webgpu]);
    }
  });

  it('uses the figures cached for the device and size: a second visit measures nothing, another size does', async () => {
    const first = fakeHost({ wasm: rate(3), webgpu: rate(1.5) });
    await chooseByMeasurement(first.host, { lost: [], workloadKey: SIZE });
    const again = fakeHost({}, undefined, first.cache);
    const report = await chooseByMeasurement(again.host, { lost: [], workloadKey: SIZE });
    expect(again.calls.measured).toEqual([]);
    expect(again.calls.announced).toEqual([]);
    expect(report.name).toBe('wasm');
    expect(report.measured).toEqual([
      { name: 'wasm', figure: rate(3), earlier: true },
      { name: 'webgpu', figure: rate(1.5), earlier: true },
    ]);
    const bigger = fakeHost({ wasm: rate(0.2), webgpu: rate(0.9) }, undefined, first.cache);
    expect((await chooseByMeasurement(bigger.host, { lost: [], workloadKey: 'entrance-tobin n=1000 markets=8 horizon=128 hidden = 256' })).name).toBe('webgpu');
    expect(bigger.calls.measured.map((m) => m.name)).toEqual(['wasm', 'webgpu']);
  });

  it('measures only what is not cached, within limits set by the cached reference', async () => {
    const cache = new Map<string, Figure>([[cacheKey(WASM.identity, SIZE), rate(4)]]);
    const { host, calls } = fakeHost({ webgpu: { kind: 'under', itPerS: 4 } }, undefined, cache);
    const report = await chooseByMeasurement(host, { lost: [], workloadKey: SIZE });
    expect(calls.measured).toEqual([{ name: 'webgpu', limits: { firstMs: FIRST_ALLOWANCE_MS + 250, iterationMs: 250 } }]);
    expect(report.measured).toEqual([
      { name: 'wasm', figure: rate(4), earlier: true },
      { name: 'webgpu', figure: { kind: 'under', itPerS: 4 }, earlier: false },
    ]);
  });

  it('a backend asked for by name wins, unmeasured', async () => {
    const { host, calls } = fakeHost({ wasm: rate(9), webgpu: rate(1) });
    const report = await chooseByMeasurement(host, { preferred: 'webgpu', lost: ['webgl'], workloadKey: SIZE });
    expect(report).toEqual({ name: 'webgpu', skipped: [] });
    expect(calls.screened).toBe(0);
    expect(calls.measured).toEqual([]);
    expect(calls.chosen).toEqual([{ order: BACKEND_ORDER, preferred: 'webgpu' }]);
  });

  it('a backend that fails while measured is skipped with its reason, and measured again next time', async () => {
    const { host, cache } = fakeHost({ wasm: rate(2), webgpu: new Error('Dispatch size exceeds WebGPU limits in Y or Z dimension') });
    const report = await chooseByMeasurement(host, { lost: [], workloadKey: SIZE });
    expect(report.name).toBe('wasm');
    expect(report.skipped).toEqual([
      { name: 'webgl', reason: 'software renderer' },
      { name: 'webgpu', reason: 'failed while being measured: Dispatch size exceeds WebGPU limits in Y or Z dimension' },
    ]);
    expect(report.measured).toEqual([{ name: 'wasm', figure: rate(2), earlier: false }]);
    const again = fakeHost({ webgpu: rate(8) }, undefined, cache);
    expect((await chooseByMeasurement(again.host, { lost: [], workloadKey: SIZE })).name).toBe('webgpu');
    expect(again.calls.measured.map((m) => m.name)).toEqual(['webgpu']);
  });

  it('with one contender (no GPU: wasm, and cpu the fallback) nothing is measured', async () => {
    const { host, calls } = fakeHost({ wasm: rate(2) }, [WASM, CPU]);
    const report = await chooseByMeasurement(host, { lost: ['webgpu'], workloadKey: SIZE });
    expect(report).toEqual({ name: 'wasm', skipped: [] });
    expect(calls.measured).toEqual([]);
    // The rank order as before, which sets up (and skips, with reasons) on its own.
    expect(calls.chosen).toEqual([{ order: BACKEND_ORDER, preferred: undefined }]);
  });
});

describe('timeIterations', () => {
  /** A clock that iterations move: the first takes `firstMs`, each later one `ms`. */
  function clocked(firstMs: number, ms: number) {
    let t = 0;
    let calls = 0;
    const events: string[] = [];
    const progress = { first: () => events.push('first'), timed: (done: number) => events.push(`timed ${done}`) };
    return { iterate: async () => void (t += calls++ === 0 ? firstMs : ms), now: () => t, progress, events, iterations: () => calls };
  }

  it('leaves the first iteration out and times until MIN_TIMED_MS have passed', async () => {
    const c = clocked(9000, 300);
    expect(await timeIterations(c.iterate, c.now, c.progress)).toBeCloseTo(1000 / 300);
    expect(c.events).toEqual(['first', 'timed 1', 'timed 2']);
  });

  it('times at least one iteration, however long, and at most MAX_TIMED', async () => {
    const slow = clocked(100, 4000);
    expect(await timeIterations(slow.iterate, slow.now, slow.progress)).toBeCloseTo(0.25);
    expect(slow.iterations()).toBe(2);
    const quick = clocked(100, 10);
    expect(await timeIterations(quick.iterate, quick.now, quick.progress)).toBeCloseTo(100);
    expect(quick.iterations()).toBe(1 + MAX_TIMED);
  });
});

describe('measureWithin', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  /**
   * A measurement set up after `setUpMs`, whose first iteration then takes `firstMs` and its timed
   * ones each of `timedMs` in turn; or that fails at `failAt`. Records when it was stopped.
   */
  function scripted(setUpMs: number, firstMs: number, timedMs: number[], failAt?: number) {
    const state = { stoppedAt: -1 };
    const start = (progress: Progress) => {
      const itPerS = new Promise<number>((resolve, reject) => {
        if (failAt !== undefined) setTimeout(() => reject(new Error('out of memory')), failAt);
        // Infinity: it hangs in its set-up.
        if (setUpMs === Infinity) return;
        setTimeout(() => progress.setUp(), setUpMs);
        let t = setUpMs + firstMs;
        setTimeout(() => progress.first(), t);
        timedMs.forEach((ms, k) => setTimeout(() => progress.timed(k + 1), (t += ms)));
        setTimeout(() => resolve((timedMs.length * 1000) / (t - setUpMs - firstMs)), t);
      });
      return { itPerS, stop: () => (state.stoppedAt = Date.now()) };
    };
    return { start, state };
  }

  async function run(limits: Limits, s: ReturnType<typeof scripted>): Promise<Figure | Error> {
    const figure = measureWithin(limits, s.start, () => Date.now()).catch((err: Error) => err);
    await vi.runAllTimersAsync();
    return figure;
  }

  const LIMITS: Limits = { firstMs: 20_500, iterationMs: 500 };

  it('a faster backend ends in time with its rate, and is stopped (freed) once done', async () => {
    const s = scripted(3000, 15_000, [400, 400]);
    expect(await run(LIMITS, s)).toEqual({ kind: 'rate', itPerS: 2.5 });
    expect(s.state.stoppedAt).toBe(18_800);
  });

  it('the reference, without limits, takes as long as its iterations take', async () => {
    const s = scripted(1000, 120_000, [60_000]);
    expect(await run({ firstMs: Infinity, iterationMs: Infinity }, s)).toEqual({ kind: 'rate', itPerS: 1000 / 60_000 });
    expect(s.state.stoppedAt).toBe(181_000);
  });

  it('is stopped once its timed iterations, the one under way counted, pass the fastest’s', async () => {
    // 450 ms, then 600: at 2 x 500 ms into its timing it cannot beat the fastest any more.
    const s = scripted(1000, 1000, [450, 600]);
    expect(await run(LIMITS, s)).toEqual({ kind: 'under', itPerS: 2 });
    expect(s.state.stoppedAt).toBe(3000);
  });

  it('is stopped when its first iteration passes its limit', async () => {
    const s = scripted(2000, 150_000, [150_000]);
    expect(await run(LIMITS, s)).toEqual({ kind: 'slowStart', ms: 20_500 });
    expect(s.state.stoppedAt).toBe(22_500);
  });

  it('a set-up that passes its limit is taken for a hang, the reference’s too', async () => {
    const s = scripted(Infinity, 0, []);
    expect(await run({ firstMs: Infinity, iterationMs: Infinity }, s)).toEqual(new Error(`its set-up took over ${SET_UP_LIMIT_MS / 1000} s`));
    expect(s.state.stoppedAt).toBe(SET_UP_LIMIT_MS);
  });

  it('a failure rejects with its error, and the measurement is stopped', async () => {
    const s = scripted(100, 1000, [100], 500);
    expect(await run(LIMITS, s)).toEqual(new Error('out of memory'));
    expect(s.state.stoppedAt).toBe(500);
  });
});
