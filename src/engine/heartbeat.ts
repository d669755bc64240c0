/**
 * A long computation's sign of life. On the CPU backends an iteration never yields to its
 * thread's event loop (wasm's reads resolve at once), so a worker cannot answer the page's pings
 * until the iteration ends, however long that is. The training loops call beat() once per
 * episode step and per minibatch instead; the simulation worker passes the beat on to the page
 * (worker/sim.worker.ts), at most every BEAT_MS, and the page's watchdog hears it as an answer.
 * Where nothing listens (Node, the CLI, the tests) a beat costs one comparison.
 */

/** At most one beat this often: a message to the page per step would be thousands an iteration. */
export const BEAT_MS = 250;

let listener: (() => void) | null = null;
let last = -Infinity;

/** Who hears the beats (null: nobody). */
export function listenToBeats(fn: (() => void) | null): void {
  listener = fn;
  last = -Infinity;
}

export function beat(): void {
  if (!listener) return;
  const now = performance.now();
  if (now - last < BEAT_MS) return;
  last = now;
  listener();
}
