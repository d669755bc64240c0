/**
 * What every environment whose followers learn with PPO shares in its module: its experiment
 * (the StackelbergTrainer, loaded with tfjs on first use), its batched environment for the
 * conformance suite, and the PPO leader's schedule.
 */
import { ppoLeaderSchedule } from '../engine/leader-schedule';
import type { PpoRunSettings } from '../engine/ppo-envs';
import type { PpoExperimentSpec } from '../engine/ppo-experiment';

export function ppoParts<S extends PpoRunSettings>(spec: PpoExperimentSpec<S>) {
  return {
    ppoEnv: (s: S) => spec.build(s),
    experiment: async (s: S) => (await import('../engine/ppo-experiment')).ppoExperiment(s, spec),
    leaderSchedule: (s: S) => ppoLeaderSchedule(s),
  };
}
