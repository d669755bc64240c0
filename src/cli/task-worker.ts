/** A pool thread: picks its tfjs backend once, then trains one seed per task. */
import type { MessagePort } from 'node:worker_threads';
import { useNodeBackend } from '../engine/node-backend';
import type { Scenario } from '../scenario/schema';
import type { IterationRow } from './run-metrics';
import { trainScenario } from './train';

export interface Task {
  scenario: Scenario;
  /** Receives the iteration number after each iteration, for the progress bar. */
  progress: MessagePort;
  /** Whether to send back the last iteration's snapshots (run --snapshots); a sweep has no use for them. */
  snapshots: boolean;
}

export interface TaskResult {
  backend: string;
  rows: IterationRow[];
  /** The last iteration's snapshots, if the task asked for them. */
  snapshots?: Record<string, Float32Array>;
}

const backend = await useNodeBackend();

export default async function runTask({ scenario, progress, snapshots }: Task): Promise<TaskResult> {
  try {
    const trained = await trainScenario(scenario, (row) => progress.postMessage(row.iteration));
    return { backend: backend.name, rows: trained.rows, ...(snapshots && { snapshots: trained.snapshots }) };
  } finally {
    progress.close();
  }
}
