/**
 * Leader objectives: what makes the task. The same leader learns any of them; only its reward
 * changes. Each maps one episode's outcome in one market to the leader's reward.
 */
export interface EpisodeOutcome {
  /** Sample std of the follower aggregate (demand D) over the episode. */
  volatility: number;
  /** Mean follower reward per agent and step, after tax. */
  welfare: number;
  /** Scale that makes volatility O(1) (e.g. the largest binomial std, sqrt(n) / 2). */
  volatilityScale: number;
}

export const OBJECTIVES = {
  volatility: {
    label: 'Reduce volatility (scenario generation: −std D)',
    reward: (o: EpisodeOutcome) => -o.volatility / o.volatilityScale,
  },
  welfare: {
    label: 'Raise welfare (policy design: mean trader reward)',
    reward: (o: EpisodeOutcome) => o.welfare,
  },
  adversarial: {
    label: 'Adversarial (−welfare)',
    reward: (o: EpisodeOutcome) => -o.welfare,
  },
} as const;

export type ObjectiveId = keyof typeof OBJECTIVES;
export const OBJECTIVE_IDS = Object.keys(OBJECTIVES) as [ObjectiveId, ...ObjectiveId[]];
