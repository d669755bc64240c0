/** A pool thread: picks its tfjs backend once, then trains one seed per task. */
import type { MessagePort } from 'node:worker_threads';
import { useNodeBackend } from '../engine/node-backend';
import type { TrainedState } from '../engine/experiment';
import type { Scenario } from '../scenario/schema';
import type { IterationRow } from './run-metrics';
import { trainScenario } from './train';

export interface Task {
  scenario: Scenario;
  /** Receives the iteration number after each iteration, for the progress bar. */
  progress: MessagePort;
  /** Whether to send back the last iteration's snapshots (run --snapshots); a sweep has no use for them. */
  snapshots: boolean;
  /** Evaluation episodes after training (run and sweep --evaluate); 0 for none. */
  evaluate: number;
  /** Whether to send back the trained state (finished runs); runs that only report figures do not need it. */
  state: boolean;
}

export interface TaskResult {
  backend: string;
  rows: IterationRow[];
  evaluation?: IterationRow[];
  /** The last iteration's snapshots, if the task asked for them. */
  snapshots?: Record<string, Float32Array>;
  /** The trained state, if the task asked for it. */
  state?: TrainedState;
}

const backend = await useNodeBackend();

export default async function runTask({ scenario, progress, snapshots, evaluate, state }: Task): Promise<TaskResult> {
  try {
    const trained = await trainScenario(scenario, (row) => progress.postMessage(row.iteration), { evaluate, saveState: state });
    return { backend: backend.name, rows: trained.rows, evaluation: trained.evaluation, ...(snapshots && { snapshots: trained.snapshots }), ...(trained.state && { state: trained.state }) };
  } finally {
    progress.close();
  }
}
