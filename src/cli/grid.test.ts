import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../scenario/schema';
import { ScenarioError } from '../scenario/validate';
import { gridPoints, gridScenarios, inShard, parseShard, parseVary } from './grid';
import { UsageError } from './scenario-input';

const base = defaultScenario();

describe('--vary', () => {
  it('reads an inclusive range without float drift', () => {
    expect(parseVary('c=0.2:0.8:0.2', base)).toEqual({ field: 'c', values: [0.2, 0.4, 0.6, 0.8] });
    expect(parseVary('c=0.1:0.9:0.1', base).values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(parseVary('tau=0:0.1:0.025', base).values).toEqual([0, 0.025, 0.05, 0.075, 0.1]);
    expect(parseVary('leaderLr=1e-3:3e-3:1e-3', base).values).toEqual([0.001, 0.002, 0.003]);
    // An end the step does not reach is not passed.
    expect(parseVary('n=10:25:10', base).values).toEqual([10, 20]);
  });

  it('reads lists of numbers and words', () => {
    expect(parseVary('n=10,100', base)).toEqual({ field: 'n', values: [10, 100] });
    expect(parseVary('leader=none,ppo', base)).toEqual({ field: 'leader', values: ['none', 'ppo'] });
  });

  it('refuses unknown fields, the seed and malformed ranges, naming them', () => {
    expect(() => parseVary('q=1,2', base)).toThrow(/unknown scenario field q/);
    for (const key of ['constructor', '__proto__', 'toString']) expect(() => parseVary(`${key}=1,2`, base)).toThrow(`unknown scenario field ${key}`);
    expect(() => parseVary('seed=1,2', base)).toThrow(/use --seeds/);
    expect(() => parseVary('c=0.8:0.2:0.2', base)).toThrow(UsageError);
    expect(() => parseVary('c=0.2:0.8', base)).toThrow(/three numbers/);
    expect(() => parseVary('c', base)).toThrow(/field=/);
  });

  it('takes the cartesian product, the first --vary outermost', () => {
    const points = gridPoints([parseVary('c=0.4,0.6', base), parseVary('n=10,20,30', base)]);
    expect(points).toHaveLength(6);
    expect(points[0]).toEqual({ c: 0.4, n: 10 });
    expect(points[5]).toEqual({ c: 0.6, n: 30 });
  });

  it('validates every grid point and names the field and the point', () => {
    const points = gridPoints([parseVary('c=0.5,1.5', base), parseVary('n=10', base)]);
    try {
      gridScenarios(base, points);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      expect((err as ScenarioError).problems[0].message).toBe('grid point c=1.5, n=10: c (capacity as a share of traders, C = c n) must be a number from 0 to 1, got 1.5');
    }
  });
});

describe('--shard', () => {
  it('splits the task list into disjoint round-robin slices that cover it', () => {
    const shards = [1, 2, 3].map((i) => parseShard(`${i}/3`));
    const owners = Array.from({ length: 10 }, (_, t) => shards.filter((s) => inShard(t, s)).map((s) => s.index));
    expect(owners).toEqual([[1], [2], [3], [1], [2], [3], [1], [2], [3], [1]]);
    expect(inShard(7, null)).toBe(true);
  });

  it('refuses a shard outside 1..k', () => {
    for (const bad of ['0/3', '4/3', '1/0', '2', 'a/b']) expect(() => parseShard(bad), bad).toThrow(/expected i\/k/);
  });
});
