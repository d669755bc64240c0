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
}

export interface TaskResult {
  backend: string;
  rows: IterationRow[];
}

const backend = await useNodeBackend();

export default async function runTask({ scenario, progress }: Task): Promise<TaskResult> {
  try {
    const rows = await trainScenario(scenario, (row) => progress.postMessage(row.iteration));
    return { backend: backend.name, rows };
  } finally {
    progress.close();
  }
}
