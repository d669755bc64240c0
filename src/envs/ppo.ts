/**
 * What every environment whose followers learn with PPO shares in its module: its experiment
 * (the StackelbergTrainer, loaded with tfjs on first use), its batched environment for the
 * conformance suite, the PPO leader's schedule, and what a run needs for the memory guard.
 */
import type { MetricSpec } from '../engine/experiment';
import { ppoLeaderSchedule } from '../engine/leader-schedule';
import { defaultLeaderObsDim, type PpoRunSettings } from '../engine/ppo-envs';
import type { PpoExperimentSpec } from '../engine/ppo-experiment';
import type { IterationWork, Workload } from '../engine/resource-limit';
import { followerLayers, PPO_LEADER_LAYERS, ppoParameters } from '../engine/rl/parameter-count';
import { runHistory } from './env-module';

export function ppoParts<S extends PpoRunSettings>(spec: PpoExperimentSpec<S>) {
  return {
    ppoEnv: (s: S) => spec.build(s),
    experiment: async (s: S) => (await import('../engine/ppo-experiment')).ppoExperiment(s, spec),
    leaderSchedule: (s: S) => ppoLeaderSchedule(s),
  };
}

/** The followers' networks as the batched environment shapes them, and the leader's observation where the environment sets its own. */
export interface PpoShapes {
  obsDim: number;
  /** Discrete actions, or the dimensions of a continuous action (`gaussian`). */
  actions: number;
  gaussian?: boolean;
  /** theta's dimensions: the PPO leader's action. */
  thetaDim: number;
  /** The PPO leader's observation (BatchedEnv's leaderObsDim), where the environment states one. */
  leaderObsDim?: number;
}

/** Trainers side by side, each with the same networks (the tax economy's seeds, the market maker's baselines). */
export interface SideBySide {
  runs: number;
  what: string;
  field: string;
}

/**
 * A PPO run's workload: its iteration's work (the environment's config), the networks of each
 * trainer (the followers' actor and critic, FiLM-conditioned; a PPO leader's), and its history.
 */
export function ppoWorkload(s: PpoRunSettings & { iterations: number }, work: IterationWork, shapes: PpoShapes, metrics: readonly MetricSpec[], side?: SideBySide): Workload {
  const followers = ppoParameters({ obsDim: shapes.obsDim, layers: followerLayers(s.hidden), actions: shapes.actions, gaussian: shapes.gaussian ?? false, conditioned: true });
  const leaderObsDim = shapes.leaderObsDim ?? defaultLeaderObsDim(shapes.thetaDim);
  const leader = s.leader === 'ppo' ? ppoParameters({ obsDim: leaderObsDim, layers: PPO_LEADER_LAYERS, actions: shapes.thetaDim, gaussian: true, conditioned: false }) : 0;
  return {
    ...work,
    held: { runs: side?.runs ?? 1, parameters: followers + leader, values: 0, what: side?.what, at: [`hidden = ${s.hidden}`], fields: side ? ['hidden', side.field] : ['hidden'] },
    history: runHistory(s.iterations, metrics, ['iterations']),
  };
}
