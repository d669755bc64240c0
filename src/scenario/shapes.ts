/**
 * The fields every environment's scenario shares (the seed) and those of every environment whose
 * followers learn with PPO (the run, the leader and the followers' learning). An environment's
 * schema (src/envs/<id>/config.ts) spreads them beside its own fields.
 */
import { z } from 'zod';

export const LEADER_KINDS = ['ppo', 'bayesopt', 'fixed', 'none'] as const;
export type LeaderKind = (typeof LEADER_KINDS)[number];

export const seedShape = {
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1).describe('random seed'),
};

/** Defaults of a PPO experiment's run and leader, which an environment may tune. */
export const PPO_DEFAULTS = { iterations: 200, leaderLr: 3e-3, leaderEvery: 2, leaderWarmup: 20 };

/** A calibration's leader moves faster (its tests: alpha_L 0.01, an update every episode). */
export const CALIBRATION_PPO_DEFAULTS = { iterations: 160, leaderLr: 0.01, leaderEvery: 1, leaderWarmup: 20 };

/** PPO's passes over each iteration's batch (CleanRL's update_epochs): the followers' default and the PPO leader's. */
export const PPO_EPOCHS = 4;

/** A PPO experiment's run, leader and follower learning (environments with RL followers); an environment may set its followers' alpha_F. */
export const ppoShape = (d: typeof PPO_DEFAULTS & { followerLr?: number } = PPO_DEFAULTS) => ({
  iterations: z.number().int().min(1).max(100_000).default(d.iterations).describe('training iterations (episodes)'),
  leader: z.enum(LEADER_KINDS).default('ppo').describe('who sets theta'),
  leaderLr: z.number().gt(0).max(1).default(d.leaderLr).describe('alpha_L, leader learning rate'),
  leaderEvery: z.number().int().min(1).max(100).default(d.leaderEvery).describe('episodes between leader updates'),
  leaderWarmup: z.number().int().min(0).max(100_000).default(d.leaderWarmup).describe('episodes of follower learning before the first leader update'),
  followerLr: z.number().gt(0).max(1).default(d.followerLr ?? 1e-3).describe('alpha_F, follower learning rate'),
  // Fewer passes make an iteration cheaper (1 takes a quarter of the update's time) and learn
  // less from each episode.
  epochs: z.number().int().min(1).max(32).default(PPO_EPOCHS).describe("PPO epochs: passes over each iteration's batch in the followers' update"),
  hidden: z.number().int().min(4).max(512).default(64).describe('units in each of the 2 hidden layers'),
});
