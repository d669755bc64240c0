import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { MaxEntLeader } from './maxent';

describe('the maximum-entropy leader over a set of preferences', () => {
  it('is uniform without a prior, with entropy log K', async () => {
    const leader = new MaxEntLeader([0, 0.25, 0.5, 0.75, 1], null, Rng.fromSeed(1));
    expect(leader.probabilities).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(leader.entropy).toBeCloseTo(Math.log(5), 12);
  });
  it('follows a prior given by the user: the distribution of maximum entropy relative to it', async () => {
    const leader = new MaxEntLeader([0, 0.5, 1], [1, 0, 3], Rng.fromSeed(1));
    expect(leader.probabilities).toEqual([0.25, 0, 0.75]);
    // -(0.25 log 0.25 + 0.75 log 0.75)
    expect(leader.entropy).toBeCloseTo(0.5623351446, 9);
    const draws = await leader.act(new Float32Array(0), 20_000);
    const share = (v: number) => draws.filter((x) => x === v).length / draws.length;
    expect(share(0.5)).toBe(0);
    expect(share(0)).toBeGreaterThan(0.24);
    expect(share(0)).toBeLessThan(0.26);
    expect(share(1)).toBeGreaterThan(0.74);
  });
});
