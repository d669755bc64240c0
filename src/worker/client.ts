/**
 * The UI thread's handle on the simulation worker: one long-lived comlink wrap.
 */
import * as Comlink from 'comlink';
import type { SimApi } from './api';

export function createSimWorker(): { api: Comlink.Remote<SimApi>; worker: Worker } {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'adage-sim' });
  return { api: Comlink.wrap<SimApi>(worker), worker };
}
