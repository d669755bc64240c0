/**
 * Words for one leader step (SimApi.stepLeader), for a class following the game one leader
 * decision at a time: what the leader chose (theta) and how the followers' figures moved,
 * from the environment's headline figures.
 */
import { moduleOf, viewOf } from '../../envs/catalog';
import type { EnvId } from '../../scenario/schema';
import type { LeaderStep } from '../../worker/api';
import { percentChange, shown } from '../../envs/view/figure-text';

function move(label: string, before: number | undefined, after: number, digits: number): string {
  if (before === undefined) return `${label} ${shown(after, digits)}`;
  return `${label} ${shown(before, digits)} → ${shown(after, digits)}${percentChange(after, before)}`;
}

export interface Commentary {
  title: string;
  leader: string;
  followers: string;
}

export function leaderCommentary(env: EnvId, step: LeaderStep): Commentary {
  const episodes = step.to - step.from + 1;
  const span = step.from === step.to ? `Iteration ${step.to}` : `Iterations ${step.from}–${step.to}`;
  const trained = `the followers trained for ${episodes} episode${episodes === 1 ? '' : 's'}`;
  const title = step.leaderLearned ? `${span}: ${trained}, then the leader learned from how they responded.` : `${span}: ${trained}; the leader did not learn (it is fixed, or its next update is after the run's end).`;
  const headline = viewOf(env).headline;
  // The headline figures that are the leader's choice, theta; the rest are the followers' response.
  const thetaKeys = moduleOf(env).theta.metrics;
  const describe = (keys: (k: string) => boolean) =>
    headline
      .filter((h) => keys(h.key))
      .map((h) => move(h.label, step.before?.[h.key], step.after[h.key], h.digits))
      .join('; ');
  return {
    title,
    leader: `The leader set θ: ${describe((k) => thetaKeys.includes(k))}.`,
    followers: `The followers' response: ${describe((k) => !thetaKeys.includes(k))}.`,
  };
}
