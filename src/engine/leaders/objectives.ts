/**
 * Leader objectives: what makes the task. The same leader learns any of them; only its reward
 * changes. Each maps one episode's outcome in one market to the leader's reward.
 */
import { wasserstein1 } from '../metrics';

export interface EpisodeOutcome {
  /** Sample std of the follower aggregate (demand D) over the episode. */
  volatility: number;
  /** Mean follower reward per agent and step, after tax. */
  welfare: number;
  /** Scale that makes volatility O(1) (e.g. the largest binomial std, sqrt(n) / 2). */
  volatilityScale: number;
  /**
   * The aggregate (demand D_t, price p_t) through the episode, in this copy and the copies that
   * play its theta with it (Leader.replicates), one after another.
   */
  series: ArrayLike<number>;
  /** What a calibration should reproduce, sorted (BatchedEnv.target); null where there is none. */
  target: Float64Array | null;
  /** The entropy of the leader's distribution over theta (Leader.entropy); NaN where it has none. */
  leaderEntropy: number;
  /** The environment's own welfare measure of the market, O(1) (BatchedEnv.socialWelfare); NaN where it has none. */
  socialWelfare: number;
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
  socialWelfare: {
    label: 'Raise social welfare (policy design: the environment’s W, everyone’s gains and losses)',
    reward: (o: EpisodeOutcome) => o.socialWelfare,
  },
  adversarial: {
    label: 'Adversarial (−welfare)',
    reward: (o: EpisodeOutcome) => -o.welfare,
  },
  calibration: {
    label: 'Calibration (−distance of the simulated from the target distribution)',
    /**
     * -|phi_t - p_t| averaged over the episode, with phi_t the target's value at p_t's rank
     * (quantile matching): the 1-Wasserstein distance. Independent draws of phi would reward a
     * simulator that always sits at the target's median, not one that fluctuates like it.
     */
    reward: (o: EpisodeOutcome) => (o.target ? -wasserstein1(o.series, o.target) : NaN),
  },
  robustness: {
    label: 'Robust learning (entropy of the distribution of preferences trained on)',
    reward: (o: EpisodeOutcome) => o.leaderEntropy,
  },
} as const;

export type ObjectiveId = keyof typeof OBJECTIVES;
export const OBJECTIVE_IDS = Object.keys(OBJECTIVES) as [ObjectiveId, ...ObjectiveId[]];
