/**
 * The learning rates of a scenario, whichever environment: what "resume with smaller steps" scales
 * after a divergence (alpha_L and alpha_F of the papers).
 */
import type { Scenario } from './schema';

/** What "resume with smaller steps" after a divergence multiplies every learning rate by. */
export const STEP_FACTOR = 0.5;

/** Every scenario field that is a learning rate: PPO environments' alpha_L, alpha_F; ADAGE-Diff's. */
export const LEARNING_RATE_FIELDS = ['leaderLr', 'followerLr', 'alphaL', 'alphaF'] as const;

/** The learning rates `s` has, by field. */
export function learningRates(s: Scenario): Record<string, number> {
  const fields = s as Record<string, unknown>;
  return Object.fromEntries(LEARNING_RATE_FIELDS.filter((k) => typeof fields[k] === 'number').map((k) => [k, fields[k] as number]));
}

/** `s` with every learning rate multiplied by `factor` (unvalidated: the caller parses it). */
export function withScaledLearningRates(s: Scenario, factor: number): Record<string, unknown> {
  const scaled = Object.fromEntries(Object.entries(learningRates(s)).map(([k, v]) => [k, v * factor]));
  return { ...s, ...scaled };
}
