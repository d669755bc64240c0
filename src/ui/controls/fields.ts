/**
 * How each scenario field appears in the form: label, unit, input step, and whether it can
 * change while a run exists. Ranges come from the schema, so form and validation agree.
 */
import type { Scenario } from '../../scenario/schema';

export interface FieldSpec {
  key: keyof Scenario & string;
  label: string;
  unit?: string;
  step: number;
  /** Shown as a slider beside the number box. */
  slider?: boolean;
  /** Only shown for these leader kinds. */
  leaders?: Scenario['leader'][];
}

export const ENV_FIELDS: FieldSpec[] = [
  { key: 'n', label: 'Traders n', unit: 'per market', step: 1 },
  { key: 'c', label: 'Capacity share c', unit: 'C = c·n', step: 0.05, slider: true },
  { key: 'horizon', label: 'Episode length T', unit: 'steps', step: 8 },
  { key: 'markets', label: 'Parallel markets', unit: 'copies', step: 1 },
];

export const LEADER_FIELDS: FieldSpec[] = [
  { key: 'tau', label: 'Tax τ', unit: 'share of r*', step: 0.005, slider: true, leaders: ['fixed'] },
  { key: 'tauMin', label: 'Lowest tax τ_min', unit: 'share of r*', step: 0.005, leaders: ['ppo'] },
  { key: 'tauMax', label: 'Highest tax τ_max', unit: 'share of r*', step: 0.005, leaders: ['ppo'] },
  { key: 'leaderLr', label: 'Leader step α_L', step: 0.0005, leaders: ['ppo'] },
  { key: 'leaderWarmup', label: 'Followers learn first for', unit: 'episodes', step: 10, leaders: ['ppo'] },
  { key: 'leaderEvery', label: 'Leader updates every', unit: 'episodes', step: 1, leaders: ['ppo'] },
];

export const RUN_FIELDS: FieldSpec[] = [
  { key: 'followerLr', label: 'Follower step α_F', step: 0.0001 },
  { key: 'hidden', label: 'Hidden units', unit: 'per layer (2 layers)', step: 8 },
  { key: 'iterations', label: 'Iterations', unit: 'episodes', step: 10 },
  { key: 'seed', label: 'Seed', step: 1 },
];
