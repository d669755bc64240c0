import { describe, expect, it } from 'vitest';
import { nextLeaderUpdate } from '../engine/leader-schedule';
import { moduleOf, scenarioSchema, type Scenario } from '../scenario/schema';

/** The scenario's schedule, as its module states it. */
const leaderSchedule = (s: Scenario) => moduleOf(s).leaderSchedule(s);

describe('leader schedule', () => {
  it("follows the PPO leader's warm-up and update interval", () => {
    const s = leaderSchedule(scenarioSchema.parse({ env: 'entrance-tobin', leaderWarmup: 20, leaderEvery: 2 }));
    expect(s).toEqual({ warmup: 20, every: 2 });
    // Its first update comes after episode 22 (PpoLeader.feedback), then every second one.
    expect([0, 5, 21, 22, 23, 24].map((d) => nextLeaderUpdate(s, d))).toEqual([22, 22, 22, 24, 24, 26]);
  });

  it('steps the differentiable leader after every second iteration, and a fixed leader not at all', () => {
    const diff = leaderSchedule(scenarioSchema.parse({ env: 'entrance-diff' }));
    expect([0, 1, 2, 3].map((d) => nextLeaderUpdate(diff, d))).toEqual([2, 2, 4, 4]);
    expect(leaderSchedule(scenarioSchema.parse({ env: 'entrance-diff', leader: 'none' }))).toBeNull();
    // The rollout leader steps 50 times a run (I = 1000 at N = 100: every 20); its gradients every 2.
    expect(leaderSchedule(scenarioSchema.parse({ env: 'entrance-diff', n: 100 }))).toEqual({ warmup: 0, every: 20 });
    expect(leaderSchedule(scenarioSchema.parse({ env: 'entrance-diff', n: 100, leaderGradient: 'myopic' }))).toEqual({ warmup: 0, every: 2 });
    expect(leaderSchedule(scenarioSchema.parse({ env: 'tax-economy', leader: 'fixed' }))).toBeNull();
    expect(leaderSchedule(scenarioSchema.parse({ env: 'market-maker', leader: 'fixed' }))).toBeNull();
    expect(leaderSchedule(scenarioSchema.parse({ env: 'market-maker' }))).toEqual({ warmup: 0, every: 1 });
    // Without a learning leader, one step is one iteration.
    expect(nextLeaderUpdate(null, 7)).toBe(8);
  });
});
