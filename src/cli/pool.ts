/**
 * Runs scenarios (one seed each) over worker threads, all cores by default. Each thread loads
 * tfjs and picks its backend once (task-worker.ts); results come back in task order.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import Tinypool from 'tinypool';
import type { Scenario } from '../scenario/schema';
import type { TaskResult } from './task-worker';
import { moduleOf } from '../scenario/schema';

export interface PoolOptions {
  workers?: number;
  /** Called with the number of iterations just finished, by any task. */
  onProgress?: (iterations: number) => void;
  /** Bring back each task's last snapshots (TaskResult.snapshots). */
  snapshots?: boolean;
  /** Evaluation episodes after each task's training (TaskResult.evaluation). */
  evaluate?: number;
  /** Bring back each task's trained state (TaskResult.state). */
  state?: boolean;
}

export async function runScenarios(scenarios: readonly Scenario[], { workers, onProgress, snapshots = false, evaluate = 0, state = false }: PoolOptions = {}): Promise<TaskResult[]> {
  const threads = Math.max(1, Math.min(workers ?? availableParallelism(), scenarios.length));
  const pool = new Tinypool({
    filename: new URL('./task-worker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  try {
    return await Promise.all(
      scenarios.map((scenario) => {
        const { port1, port2 } = new MessageChannel();
        let seen = 0;
        port1.on('message', () => {
          seen++;
          onProgress?.(1);
        });
        const done = pool.run({ scenario, progress: port2, snapshots, evaluate, state }, { transferList: [port2] }) as Promise<TaskResult>;
        // A tick may still be in flight when the result arrives; count the rest at once.
        return done.finally(() => {
          port1.close();
          onProgress?.(moduleOf(scenario).iterations(scenario) - seen);
        });
      }),
    );
  } finally {
    await pool.destroy();
  }
}

/** The backend the tasks trained on ("wasm"; "wasm+cpu" if some thread had to fall back). */
export function backendOf(results: readonly { backend: string }[]): string {
  return [...new Set(results.flatMap((r) => r.backend.split('+')))].join('+');
}
