/**
 * A run's baseline: the same scenario and seed with the leader switched off (or, where the
 * environment has no "off", held at one fixed theta), so a comparison shows what the leader
 * changes and nothing else. Each environment's module states its own; pure: the lab runs the
 * result in a second worker.
 */
import type { Baseline } from '../envs/env-module';
import { moduleOf, type Scenario } from './schema';

export type { Baseline };

/** The baseline of a run (see the module comment); says so when the run has no leader to switch off. */
export function baselineOf(s: Scenario): Baseline<Scenario> {
  const b = moduleOf(s).baseline(s);
  if (b.scenario.leader !== s.leader) return b;
  return { ...b, description: `${b.description} This run's leader is the same, so the two lines coincide.` };
}

/** A run's leader, named for the one-line difference ("Learned tax: ..."). */
export function leaderName(s: Scenario): string {
  return moduleOf(s).leaderName(s);
}
