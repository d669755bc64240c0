/** One seed of one scenario, trained for its environment's run length on the current tfjs backend. */
import type { Scenario } from '../scenario/schema';
import { iterationRow, type IterationRow } from './run-metrics';
import { moduleOf } from '../scenario/schema';

export async function trainScenario(scenario: Scenario, onIteration: (row: IterationRow) => void): Promise<IterationRow[]> {
  const env = moduleOf(scenario);
  const experiment = await env.experiment(scenario);
  try {
    const rows: IterationRow[] = [];
    for (let i = env.iterations(scenario); i > 0; i--) {
      const row = iterationRow(await experiment.iterate());
      rows.push(row);
      onIteration(row);
    }
    return rows;
  } finally {
    experiment.dispose();
  }
}
