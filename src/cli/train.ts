/** One seed of one scenario, trained for its environment's run length on the current tfjs backend. */
import type { Scenario } from '../scenario/schema';
import { iterationRow, type IterationRow } from './run-metrics';
import { moduleOf } from '../scenario/schema';

export interface Trained {
  rows: IterationRow[];
  /** The last iteration's snapshots (each iteration's replace the previous ones). */
  snapshots: Record<string, Float32Array>;
}

export async function trainScenario(scenario: Scenario, onIteration: (row: IterationRow) => void): Promise<Trained> {
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
    return { rows, snapshots };
  } finally {
    experiment.dispose();
  }
}
