/**
 * When a scenario's leader learns, so the lab can run "one leader update at a time": after
 * iteration warmup + every, warmup + 2 every, ... (PpoLeader.feedback's schedule; the Bayesian-
 * optimisation leader chooses its next batch on the same one; ADAGE-Diff's leader steps after
 * every second iteration; the maximum-entropy leader recomputes every episode).
 */
import type { Scenario } from '../scenario/schema';

export interface LeaderSchedule {
  warmup: number;
  every: number;
}

/** null: the leader does not learn (a fixed tax, no tax, a fixed preference). */
export function leaderSchedule(s: Scenario): LeaderSchedule | null {
  switch (s.env) {
    case 'entrance-diff':
      return s.leader === 'fairness' ? { warmup: 0, every: 2 } : null;
    case 'market-maker':
      return s.leader === 'fixed' ? null : { warmup: 0, every: 1 };
    default:
      return s.leader === 'ppo' || s.leader === 'bayesopt' ? { warmup: s.leaderWarmup, every: s.leaderEvery } : null;
  }
}

/** The iteration count at which the leader has next learned, from `done` iterations (done + 1 without a schedule). */
export function nextLeaderUpdate(schedule: LeaderSchedule | null, done: number): number {
  if (!schedule) return done + 1;
  const { warmup, every } = schedule;
  if (done < warmup + every) return warmup + every;
  return done + every - ((done - warmup) % every);
}
