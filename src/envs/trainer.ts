/**
 * A StackelbergTrainer for a scenario of any PPO environment, built through its module: what
 * tests and benchmarks drive directly (the lab and the command line go through module.experiment).
 */
import type { PpoRunSettings } from '../engine/ppo-envs';
import type { RowGrouping } from '../engine/rl/unique-rows';
import { StackelbergTrainer } from '../engine/stackelberg';
import { moduleOf, type Scenario } from '../scenario/schema';

export function trainerOf(s: Scenario, grouping?: RowGrouping): StackelbergTrainer {
  const m = moduleOf(s);
  if (!m.ppoEnv) throw new Error(`${s.env}: its followers do not learn with PPO`);
  // A PPO environment's scenario carries the run's settings (scenario/shapes.ts ppoShape).
  return new StackelbergTrainer(s as unknown as PpoRunSettings, () => m.ppoEnv!(s), grouping);
}
