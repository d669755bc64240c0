/**
 * Parameters of the differentiable market entrance game (ADAGE-Diff): one schema, types
 * inferred from it, defaults beside it. Symbols as in the environment's README.
 */
import { z } from 'zod';
import { crossFieldIssue, ON_VALID_FIELDS } from '../../scenario/cross-field';
import { UNROLLED_STEP_BYTES, type IterationWork } from '../../engine/resource-limit';
import { seedShape } from '../../scenario/shapes';

/** The paper's bound on the over-use tax; tauMax may be raised to explore stronger taxes. */
export const PAPER_TAU_MAX = 0.1;

export const DIFF_LEADERS = ['none', 'fairness', 'fixed'] as const;
export type DiffLeader = (typeof DIFF_LEADERS)[number];

export const DIFF_INITS = ['zeros', 'uniform'] as const;
export const LEADER_GRADIENTS = ['rollout', 'myopic', 'unrolled'] as const;

/** The rollout leader's updates per run (it steps every I / ROLLOUT_UPDATES iterations, at least every 2). */
export const ROLLOUT_UPDATES = 50;

/** The rollout leader's candidate taxes played out at once, each on a copy of every run: tau held, tau + s, tau - s and no tax (its first plan's grid, this many at a time). */
export const ROLLOUT_CANDIDATES = 4;

/** The rollout leader's first step s, and where it starts again after no tax wins: this share of tauMax. */
export const ROLLOUT_DELTA_SHARE = 0.05;

export const entranceDiffShape = {
  n: z.number().int().min(10).max(1000).default(10).describe('N, agents'),
  c: z.number().gt(0).max(1).default(0.6).describe('capacity as a share of agents, C = c N'),
  v: z.number().min(0).max(100).default(1).describe('v, stay-out payoff'),
  leader: z.enum(DIFF_LEADERS).default('fairness').describe('who sets tau: none, the fairness leader, or a fixed tau'),
  tau: z.number().min(0).max(10).default(0.05).describe('tau of the fixed leader'),
  tauMax: z.number().gt(0).max(10).default(PAPER_TAU_MAX).describe('highest tau the leader may set'),
  alphaF: z.number().gt(0).max(1).default(0.001).describe('alpha_F, follower step'),
  alphaL: z.number().gt(0).max(10).default(0.04).describe("alpha_L, the gradient leaders' step (the rollout leader sets its own)"),
  iterationsPerAgent: z.number().int().min(1).max(1000).default(10).describe('run length I / N'),
  lateStart: z.number().min(0).max(1).default(0.5).describe('iota_G2 / I, when the second half of the agents starts (0: all from the start)'),
  init: z.enum(DIFF_INITS).default('uniform').describe('initial strategies a_i: zeros or uniform(0, 1)'),
  runs: z.number().int().min(1).max(200).default(20).describe('runs side by side, each with its own initialisation seed'),
  leaderGradient: z.enum(LEADER_GRADIENTS).default('rollout').describe("the leader: rollout (the rest of the run played out at tau, tau +- s and 0, the fairest taken), or the gradients myopic or unrolled through k follower steps"),
  unrollSteps: z.number().int().min(1).max(50).default(5).describe('k, iterations (plays and follower steps) the unrolled leader gradient looks ahead'),
};

/** Cross-field rule: the fixed tau must lie in the leader's range. */
export function checkFixedTau(p: { tau: number; tauMax: number }, ctx: z.RefinementCtx): void {
  if (p.tau > p.tauMax) crossFieldIssue(ctx, ['tau', 'tauMax'], `tau (${p.tau}) must not exceed tauMax (${p.tauMax})`, { named: true });
}

export const entranceDiffParamsSchema = z.object(entranceDiffShape).superRefine(checkFixedTau, ON_VALID_FIELDS);
export type EntranceDiffParams = z.infer<typeof entranceDiffParamsSchema> & { seed: number };

/** I, the run length: iterationsPerAgent N (the paper's I = 10 N). */
export const totalIterations = (p: { n: number; iterationsPerAgent: number }) => p.n * p.iterationsPerAgent;

/**
 * Iterations between the fairness leader's steps: 2 for the gradient leaders (the paper's
 * alternation), I / ROLLOUT_UPDATES for the rollout leader, whose step simulates the rest of the run.
 */
export const leaderPeriod = (p: { n: number; iterationsPerAgent: number; leaderGradient: string }) =>
  p.leaderGradient === 'rollout' ? Math.max(2, Math.ceil(totalIterations(p) / ROLLOUT_UPDATES)) : 2;

/**
 * What an iteration holds (resource-limit.ts): runs × N agents, and the fairness leader's
 * unrolled gradient keeps each one's tape through unrollSteps iterations ahead.
 */
export const entranceDiffWorkload = (p: { runs: number; n: number; leader: string; leaderGradient: string; unrollSteps: number }): IterationWork => {
  const unrolled = p.leader === 'fairness' && p.leaderGradient === 'unrolled';
  const rollout = p.leader === 'fairness' && p.leaderGradient === 'rollout';
  return {
    factors: [
      { label: 'runs', value: p.runs },
      { label: 'n', value: p.n },
      ...(unrolled ? [{ label: 'unrollSteps', value: p.unrollSteps }] : []),
      // The rollout leader plays every run out at once under each of its candidate taxes (leader.ts).
      ...(rollout ? [{ label: 'rollout candidates', value: ROLLOUT_CANDIDATES }] : []),
    ],
    bytesPerAgentStep: UNROLLED_STEP_BYTES,
    at: [],
    fields: unrolled ? ['runs', 'n', 'unrollSteps'] : ['runs', 'n'],
  };
};

export const entranceDiffScenarioSchema = z
  .object({
    env: z.literal('entrance-diff'),
    ...seedShape,
    ...entranceDiffShape,
  })
  .superRefine(checkFixedTau, ON_VALID_FIELDS);
export type EntranceDiffScenario = z.infer<typeof entranceDiffScenarioSchema>;
