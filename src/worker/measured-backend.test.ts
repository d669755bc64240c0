import { describe, expect, it } from 'vitest';
import { defaultScenario, type Scenario } from '../scenario/schema';
import { workloadKey } from './measured-backend';

describe('workloadKey', () => {
  it('is the scenario’s size as its environment counts an iteration: what a seed or a learning rate leaves alone', () => {
    const s = defaultScenario('entrance-tobin');
    expect(workloadKey(s)).toBe('entrance-tobin n=10 markets=8 horizon=128 hidden = 64');
    expect(workloadKey({ ...s, seed: 9, followerLr: 0.01 } as Scenario)).toBe(workloadKey(s));
    expect(workloadKey({ ...s, hidden: 256 } as Scenario)).toBe('entrance-tobin n=10 markets=8 horizon=128 hidden = 256');
    expect(workloadKey(defaultScenario('tax-economy'))).toMatch(/^tax-economy /);
  });
});
