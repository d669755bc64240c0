/**
 * The UI thread's handle on a simulation worker: one long-lived comlink wrap, and a watch that
 * tells when the worker has died or hung.
 */
import * as Comlink from 'comlink';
import type { SimApi } from './api';

/** `name`: the worker's self.name, which tells the run's worker from the baseline's in dev tools. */
export function createSimWorker(name: 'adage-sim' | 'adage-baseline' = 'adage-sim'): { api: Comlink.Remote<SimApi>; worker: Worker } {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name });
  return { api: Comlink.wrap<SimApi>(worker), worker };
}

/** How often a watched worker is asked whether it is alive. */
export const HEARTBEAT_MS = 2000;

/**
 * How long a worker may leave a ping unanswered: it answers between iterations, so at least
 * `baseMs` and five of its iterations at its current `rate` (iterations a second, 0 if unknown).
 */
export function silenceLimit(baseMs: number, rate: number): number {
  return Math.max(baseMs, rate > 0 ? 5000 / rate : 0);
}

/**
 * Calls `onDead` once, with the reason, when the worker throws an uncaught error or leaves a ping
 * unanswered for longer than `limitMs()` (silenceLimit). Pings go from the start: while the
 * worker chooses its backend it waits on calibration workers of its own, free to answer (a
 * calibration may take longer than the limit). Returns a function that stops the watch.
 */
export function watchWorker(api: Comlink.Remote<SimApi>, worker: Worker, limitMs: () => number, onDead: (reason: string) => void): () => void {
  let stopped = false;
  let waiting = false;
  const dead = (reason: string) => {
    if (stopped) return;
    stop();
    onDead(reason);
  };
  const onError = (e: ErrorEvent) => dead(`stopped with an error (${e.message || 'no message'})`);
  worker.addEventListener('error', onError);
  const timer = setInterval(async () => {
    if (waiting) return;
    waiting = true;
    const limit = limitMs();
    const answered = await Promise.race([api.ping(), new Promise<false>((r) => setTimeout(() => r(false), limit))]);
    waiting = false;
    if (!answered) dead(`stopped answering for ${Math.round(limit / 1000)} s`);
  }, HEARTBEAT_MS);
  function stop() {
    stopped = true;
    clearInterval(timer);
    worker.removeEventListener('error', onError);
  }
  return stop;
}
