/**
 * The page of figure 9's Chromium rows (bench/lib/chromium-iterations.ts opens one per row):
 * a dedicated worker measures the row, as the lab's worker trains, and what it sends is kept
 * in `window.benchRow` for the bench to read.
 */
import type { RowMessage, RowRequest } from '../lib/iterations';

declare global {
  interface Window {
    benchRow: { start(r: RowRequest): void; messages: RowMessage[] };
  }
}

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const messages: RowMessage[] = [];
worker.onmessage = (e: MessageEvent<RowMessage>) => messages.push(e.data);
worker.onerror = (e) => messages.push({ error: `the worker failed: ${e.message || 'it did not load'}` });
window.benchRow = { start: (r) => worker.postMessage(r), messages };
