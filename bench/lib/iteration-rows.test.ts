import { describe, expect, it } from 'vitest';
import type { IterationProgress } from './iterations';
import { iterationRow, perIteration, type RowKey } from './iteration-rows';

const key: RowKey = { host: 'node', backend: 'webgpu', size: { n: 100, markets: 8, horizon: 128 }, hidden: 64, rows: 'distinct' };
const progress = (p: Partial<IterationProgress>): IterationProgress => ({
  adapter: { vendor: 'google', architecture: 'swiftshader' },
  warmupS: 12,
  warmup: { kernels: 14301, dispatches: 10986, readbacks: 259 },
  iterations: 0,
  seconds: 0,
  counts: null,
  done: false,
  ...p,
});

describe('figure 9 rows', () => {
  it('divides what the timed iterations counted by their number', () => {
    expect(perIteration({ kernels: 300, dispatches: 30, readbacks: 9 }, 3)).toEqual({ kernels: 100, dispatches: 10, readbacks: 3 });
    expect(perIteration({ kernels: 5, dispatches: null, readbacks: 4 }, 2)).toEqual({ kernels: 2.5, dispatches: null, readbacks: 2 });
  });

  it('a complete row: time and rate over the timed iterations, counts per iteration, no reason', () => {
    const row = iterationRow(key, { progress: progress({ iterations: 4, seconds: 8, counts: { kernels: 400, dispatches: 200, readbacks: 8 }, done: true }), problem: null }, 30);
    expect(row).toEqual({
      host: 'node',
      backend: 'webgpu',
      adapter: 'google swiftshader',
      n: 100,
      markets: 8,
      horizon: 128,
      hidden: 64,
      rows: 'distinct',
      msPerIteration: 2000,
      agentStepsPerS: (100 * 8 * 128) / 2,
      kernelsPerIteration: 100,
      dispatchesPerIteration: 50,
      readbacksPerIteration: 2,
      timedIterations: 4,
      warmupS: 12,
      countsFrom: 'timed',
      reason: null,
    });
  });

  it('without a timed iteration, the counts are the warm-up\'s and the row says so', () => {
    const row = iterationRow(key, { progress: progress({}), problem: null }, 30);
    expect(row).toMatchObject({ msPerIteration: null, agentStepsPerS: null, kernelsPerIteration: 14301, dispatchesPerIteration: 10986, readbacksPerIteration: 259, countsFrom: 'warm-up' });
    expect(row.reason).toBe("budget: no timed iteration within 30 s after the warm-up (12 s); counts are the warm-up's");
  });

  it('says how far a row got within its budget', () => {
    expect(iterationRow(key, { progress: null, problem: null }, 30)).toMatchObject({ adapter: null, kernelsPerIteration: null, countsFrom: null, reason: 'budget: the warm-up iteration did not end within 30 s' });
    const warming = iterationRow(key, { progress: progress({ warmupS: null, warmup: null }), problem: null }, 30);
    expect(warming).toMatchObject({ adapter: 'google swiftshader', kernelsPerIteration: null, warmupS: null, countsFrom: null, reason: 'budget: the warm-up iteration did not end within 30 s' });
    const stopped = progress({ iterations: 1, seconds: 9, counts: { kernels: 100, dispatches: 50, readbacks: 2 } });
    expect(iterationRow(key, { progress: stopped, problem: null }, 30).reason).toBe('budget: stopped within 30 s after 1 timed iteration');
    expect(iterationRow(key, { progress: { ...stopped, iterations: 2, done: true }, problem: null }, 30).reason).toBe('budget: 2 timed iterations fit in 30 s');
  });

  it('a problem is the reason; what was measured before it stays', () => {
    const row = iterationRow({ ...key, backend: 'wasm' }, { progress: progress({ adapter: null, warmup: { kernels: 9, dispatches: null, readbacks: 1 } }), problem: 'failed: out of memory' }, 30);
    expect(row).toMatchObject({ adapter: null, kernelsPerIteration: 9, dispatchesPerIteration: null, reason: 'failed: out of memory' });
    expect(iterationRow(key, { progress: null, problem: 'refused: n must be at most 1000' }, 30)).toMatchObject({ warmupS: null, reason: 'refused: n must be at most 1000' });
  });
});
