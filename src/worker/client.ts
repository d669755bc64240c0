/**
 * The UI thread's handle on a simulation worker: one long-lived comlink wrap, and a watch that
 * tells when the worker has died or hung.
 */
import * as Comlink from 'comlink';
import { estimatedBytes, type Workload } from '../engine/resource-limit';
import type { SimApi } from './api';

/** `name`: the worker's self.name, which tells the run's worker from the baseline's in dev tools. */
export function createSimWorker(name: 'adage-sim' | 'adage-baseline' = 'adage-sim'): { api: Comlink.Remote<SimApi>; worker: Worker } {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name });
  return { api: Comlink.wrap<SimApi>(worker), worker };
}

/** How often a watched worker is asked whether it is alive, and its silence judged. */
export const HEARTBEAT_MS = 2000;

/**
 * The silence allowed to a worker that is running at a measured rate: it answers between
 * iterations and beats during them (engine/heartbeat.ts) at least once per episode step and
 * minibatch, so ten seconds without a word is not a slow iteration.
 */
export const RUNNING_SILENCE_MS = 10_000;

/**
 * The silence allowed before iterations are measured (starting, loading, paused, the first
 * iteration): the first use of each kernel comes between two beats there, and a GPU backend
 * compiles its shaders then (SwiftShader's webgpu spent ~9 s doing so at a small size).
 */
export const FIRST_SILENCE_MS = 20_000;

/**
 * The first iteration's expected time in a browser tab, per MB of the scenario's memory estimate
 * (resource-limit.ts), which grows with the same agent-steps and hidden units as the work: the
 * entrance game at n = 1000, 8 markets, T = 128, hidden 64 (887 MB then; 940 MB since the
 * estimate counts the networks, the history and the lab's own 48 MB) took 16 s for its first
 * iteration in Chromium on wasm on a 2-core machine when issue 22 was filed (18 ms per MB), and
 * 3 to 6 s on the same machine since. Per MB the environments differ (an iteration of their
 * defaults took 3 to 130 ms per MB in Node, the market maker's six trainers the most), but every
 * default took at most 1.5 s in Node, well inside FIRST_SILENCE_MS in a tab.
 */
export const FIRST_ITERATION_MS_PER_MB = 20;

export const expectedFirstIterationMs = (w: Workload) => (estimatedBytes(w) / 1e6) * FIRST_ITERATION_MS_PER_MB;

/**
 * How long a worker may be silent before it is taken for dead: RUNNING_SILENCE_MS while it runs
 * at a measured `rate` (iterations a second, 0 if not measured), else FIRST_SILENCE_MS or three
 * times the scenario's expected first iteration (`expectedMs`), should a stretch between two
 * beats be a good part of it. Doubled after each of the run's `restarts`, so that a machine
 * slower than thought cannot restart forever.
 */
export function silenceLimit({ rate, expectedMs, restarts }: { rate: number; expectedMs: number; restarts: number }): number {
  const ms = rate > 0 ? RUNNING_SILENCE_MS : Math.max(FIRST_SILENCE_MS, 3 * expectedMs);
  return ms * 2 ** restarts;
}

/**
 * Calls `onDead` once, with the reason, when the worker throws an uncaught error or has been
 * silent for longer than `limitMs()` (silenceLimit): any message from it (an answer, an update,
 * a beat) ends a silence. A ping goes out every HEARTBEAT_MS while none is awaited, from the
 * start: while the worker chooses its backend it waits on calibration workers of its own, free to
 * answer. A page too busy to run the watch's timer (a stalled main thread) cannot tell whether
 * messages came, so such a stretch counts as heard. Returns a function that stops the watch.
 */
export function watchWorker(api: Comlink.Remote<SimApi>, worker: Worker, limitMs: () => number, onDead: (reason: string) => void): () => void {
  let stopped = false;
  let heard = performance.now();
  let ticked = heard;
  let waiting = false;
  const onMessage = () => (heard = performance.now());
  const onError = (e: ErrorEvent) => dead(`stopped with an error (${e.message || 'no message'})`);
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - ticked > 2 * HEARTBEAT_MS) heard = now;
    ticked = now;
    const silent = now - heard;
    if (silent > limitMs()) return dead(`stopped answering for ${Math.round(silent / 1000)} s`);
    if (waiting) return;
    waiting = true;
    const answered = () => (waiting = false);
    api.ping().then(answered, answered);
  }, HEARTBEAT_MS);
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  function stop() {
    stopped = true;
    clearInterval(timer);
    worker.removeEventListener('message', onMessage);
    worker.removeEventListener('error', onError);
  }
  function dead(reason: string) {
    if (stopped) return;
    stop();
    onDead(reason);
  }
  return stop;
}
