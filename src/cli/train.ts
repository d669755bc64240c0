/** One seed of one scenario, trained for scenario.iterations on the current tfjs backend. */
import { StackelbergTrainer } from '../engine/stackelberg';
import type { Scenario } from '../scenario/schema';
import { iterationRow, type IterationRow } from './run-metrics';

export async function trainScenario(scenario: Scenario, onIteration: (row: IterationRow) => void): Promise<IterationRow[]> {
  const trainer = new StackelbergTrainer(scenario);
  try {
    const rows: IterationRow[] = [];
    for (let i = 0; i < scenario.iterations; i++) {
      const m = await trainer.iterate();
      const row = iterationRow(m);
      rows.push(row);
      onIteration(row);
    }
    return rows;
  } finally {
    trainer.dispose();
  }
}
