/** One seed of one scenario, trained for its environment's run length on the current tfjs backend. */
import type { TrainedState } from '../engine/experiment';
import type { Scenario } from '../scenario/schema';
import { iterationRow, type IterationRow } from './run-metrics';
import { moduleOf } from '../scenario/schema';

export interface Trained {
  rows: IterationRow[];
  /** The evaluation episodes after training (Experiment.evaluate), if asked for and the environment explores. */
  evaluation?: IterationRow[];
  /** The last iteration's snapshots (each iteration's replace the previous ones). */
  snapshots: Record<string, Float32Array>;
  /** The trained state after the last iteration, if asked for (a finished run to ship as a policies file). */
  state?: TrainedState;
}

export interface TrainOptions {
  /** Evaluation episodes after training (0: none). */
  evaluate?: number;
  /** Keep the trained state (Trained.state). */
  saveState?: boolean;
}

export async function trainScenario(scenario: Scenario, onIteration: (row: IterationRow) => void, { evaluate = 0, saveState = false }: TrainOptions = {}): Promise<Trained> {
  const env = moduleOf(scenario);
  const experiment = await env.experiment(scenario);
  try {
    const rows: IterationRow[] = [];
    let snapshots: Record<string, Float32Array> = {};
    for (let i = env.iterations(scenario); i > 0; i--) {
      const report = await experiment.iterate();
      const row = iterationRow(report);
      rows.push(row);
      snapshots = report.snapshots;
      onIteration(row);
    }
    const evaluation = evaluate > 0 && experiment.evaluate ? (await experiment.evaluate(evaluate)).map(iterationRow) : undefined;
    const state = saveState ? await experiment.saveState() : undefined;
    return { rows, snapshots, ...(evaluation && { evaluation }), ...(state && { state }) };
  } finally {
    experiment.dispose();
  }
}
