import { describe, expect, it } from 'vitest';
import { leaderCommentary } from './leader-commentary';

describe("commentary on one leader step", () => {
  it("says what the leader chose and how the followers' figures moved, with relative changes", () => {
    const c = leaderCommentary('entrance-tobin', {
      from: 21,
      to: 22,
      leaderLearned: true,
      before: { iteration: 20, attendance: 5.5, volatility: 1.6, theta: 0.05, welfare: 1.2 },
      after: { iteration: 22, attendance: 5.8, volatility: 1.2, theta: 0.061, welfare: 1.1 },
    });
    expect(c.title).toBe('Iterations 21–22: the followers trained for 2 episodes, then the leader learned from how they responded.');
    // (0.061 - 0.05) / 0.05 = +22%; (1.2 - 1.6) / 1.6 = -25%.
    expect(c.leader).toBe("The leader set θ: τ 0.050 → 0.061 (+22%).");
    expect(c.followers).toBe("The followers' response: attendance D 5.50 → 5.80 (+5%); std(D) 1.60 → 1.20 (−25%); welfare 1.20 → 1.10 (−8%).");
  });

  it('gives values alone at the start, and says when the leader does not learn', () => {
    const c = leaderCommentary('cobweb', {
      from: 1,
      to: 1,
      leaderLearned: false,
      before: null,
      after: { iteration: 1, w1: 0.4, mu: 0.1, sigma: 0.05, maeCalibrated: 0.2 },
    });
    expect(c.title).toBe("Iteration 1: the followers trained for 1 episode; the leader did not learn (it is fixed, or its next update is after the run's end).");
    expect(c.leader).toBe("The leader set θ: μ 0.100; σ 0.050.");
    expect(c.followers).toBe("The followers' response: distance W1 0.400; MAE calibrated 0.200.");
  });
});
