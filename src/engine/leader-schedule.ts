/**
 * When a scenario's leader learns, so the lab can run "one leader update at a time": after
 * iteration warmup + every, warmup + 2 every, ... (PpoLeader.feedback's schedule; the Bayesian-
 * optimisation leader chooses its next batch on the same one). An environment whose leader keeps
 * another rhythm states its own (its module's leaderSchedule).
 */
export interface LeaderSchedule {
  warmup: number;
  every: number;
}

/** The PPO and Bayesian-optimisation leaders' schedule; null for a fixed leader or none. */
export function ppoLeaderSchedule(s: { leader: string; leaderWarmup: number; leaderEvery: number }): LeaderSchedule | null {
  return s.leader === 'ppo' || s.leader === 'bayesopt' ? { warmup: s.leaderWarmup, every: s.leaderEvery } : null;
}

/** The iteration count at which the leader has next learned, from `done` iterations (done + 1 without a schedule). */
export function nextLeaderUpdate(schedule: LeaderSchedule | null, done: number): number {
  if (!schedule) return done + 1;
  const { warmup, every } = schedule;
  if (done < warmup + every) return warmup + every;
  return done + every - ((done - warmup) % every);
}
