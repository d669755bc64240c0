import type * as Comlink from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SimApi } from './api';
import { FIRST_SILENCE_MS, HEARTBEAT_MS, RUNNING_SILENCE_MS, silenceLimit, watchWorker } from './client';

describe('silenceLimit', () => {
  it('allows a running worker 10 s, one not yet measured 20 s or three expected first iterations, doubled per restart', () => {
    expect(silenceLimit({ rate: 4, expectedMs: 50_000, restarts: 0 })).toBe(RUNNING_SILENCE_MS);
    expect(silenceLimit({ rate: 0, expectedMs: 1_000, restarts: 0 })).toBe(FIRST_SILENCE_MS);
    expect(silenceLimit({ rate: 0, expectedMs: 16_000, restarts: 0 })).toBe(48_000);
    expect(silenceLimit({ rate: 4, expectedMs: 0, restarts: 2 })).toBe(40_000);
  });
});

/** A worker that answers pings only while `answering`, and posts what it is told to. */
function fakeWorker() {
  const target = new EventTarget();
  let answering = true;
  const pings: (() => void)[] = [];
  const api = {
    ping: () =>
      new Promise<true>((resolve) => {
        const answer = () => {
          target.dispatchEvent(new Event('message'));
          resolve(true);
        };
        if (answering) queueMicrotask(answer);
        else pings.push(answer);
      }),
  } as unknown as Comlink.Remote<SimApi>;
  return {
    api,
    worker: target as unknown as Worker,
    /** Blocks (false) or frees (true) the worker's event loop: pings wait until it is free. */
    setAnswering(on: boolean) {
      answering = on;
      if (on) pings.splice(0).forEach((answer) => answer());
    },
    /** A message of any kind: an update, a beat. */
    post: () => target.dispatchEvent(new Event('message')),
  };
}

describe('watchWorker', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => void vi.useRealTimers());

  it('takes a worker that beats through a long iteration for alive, and one that falls silent for dead', async () => {
    const w = fakeWorker();
    const dead = vi.fn();
    watchWorker(w.api, w.worker, () => RUNNING_SILENCE_MS, dead);
    await vi.advanceTimersByTimeAsync(5 * HEARTBEAT_MS);
    // A 60 s iteration: no ping is answered, but its loops beat every second.
    w.setAnswering(false);
    for (let s = 0; s < 60; s++) {
      w.post();
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(dead).not.toHaveBeenCalled();
    w.setAnswering(true);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(dead).not.toHaveBeenCalled();
    // It stops: no answers, no beats.
    w.setAnswering(false);
    await vi.advanceTimersByTimeAsync(RUNNING_SILENCE_MS);
    expect(dead).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(dead).toHaveBeenCalledTimes(1);
    expect(dead.mock.calls[0][0]).toMatch(/^stopped answering for 1[0-2] s$/);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(dead).toHaveBeenCalledTimes(1);
  });

  it('reads the limit afresh at every check, and names an uncaught error at once', async () => {
    const w = fakeWorker();
    const dead = vi.fn();
    let limit = FIRST_SILENCE_MS;
    watchWorker(w.api, w.worker, () => limit, dead);
    w.setAnswering(false);
    await vi.advanceTimersByTimeAsync(FIRST_SILENCE_MS - HEARTBEAT_MS);
    expect(dead).not.toHaveBeenCalled();
    limit = 100_000;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(dead).not.toHaveBeenCalled();

    const other = fakeWorker();
    const failed = vi.fn();
    watchWorker(other.api, other.worker, () => limit, failed);
    other.worker.dispatchEvent(Object.assign(new Event('error'), { message: 'out of memory' }));
    expect(failed).toHaveBeenCalledWith('stopped with an error (out of memory)');
  });

  it('counts a stretch in which the page itself could not run its timer as heard', async () => {
    const w = fakeWorker();
    const dead = vi.fn();
    watchWorker(w.api, w.worker, () => RUNNING_SILENCE_MS, dead);
    w.setAnswering(false);
    // The main thread is busy for 30 s: the clock moves, the watch's timer does not run.
    const now = performance.now.bind(performance);
    const stalled = vi.spyOn(performance, 'now').mockImplementation(() => now() + 30_000);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(dead).not.toHaveBeenCalled();
    // Then the worker is silent for the limit itself, and only then is it dead.
    await vi.advanceTimersByTimeAsync(RUNNING_SILENCE_MS);
    expect(dead).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(dead).toHaveBeenCalledTimes(1);
    stalled.mockRestore();
  });

  it('stops watching when told to', async () => {
    const w = fakeWorker();
    const dead = vi.fn();
    const stop = watchWorker(w.api, w.worker, () => RUNNING_SILENCE_MS, dead);
    stop();
    w.setAnswering(false);
    await vi.advanceTimersByTimeAsync(60_000);
    w.worker.dispatchEvent(new Event('error'));
    expect(dead).not.toHaveBeenCalled();
  });
});
