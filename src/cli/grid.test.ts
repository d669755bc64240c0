import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../scenario/schema';
import { ScenarioError } from '../scenario/validate';
import { checkGridSize, gridPoints, gridScenarios, inShard, MAX_SWEEP_RUNS, parseShard, parseVary, resolveShard } from './grid';
import { sweepCommand } from './sweep-command';
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

describe('the size of a grid', () => {
  const scenario = base;

  it('is counted before any point is built: a grid of more than MAX_SWEEP_RUNS runs is refused, naming each --vary and the product', () => {
    const vary = [parseVary('n=2:1000:1', scenario), parseVary('c=0.001:0.999:0.001', scenario)];
    expect(() => checkGridSize(vary, 1)).toThrow('--vary n (999 values) x --vary c (999 values) x --seeds 1 = 998,001 runs, more than the 100,000 one command takes: use coarser steps or fewer values');
    // The seeds count: 20,000 points are taken with 5 seeds, not with 6.
    const twenty = [parseVary('n=2:201:1', scenario), parseVary('c=0.01:1:0.01', scenario)];
    expect(() => checkGridSize(twenty, 5)).not.toThrow();
    expect(() => checkGridSize(twenty, 6)).toThrow('= 120,000 runs');
    expect(MAX_SWEEP_RUNS).toBe(100_000);
  });

  it('is checked by the sweep command before it trains (a usage error, exit 2)', async () => {
    const o = { scenario: '#v=1&env=entrance-tobin', vary: ['n=2:1000:1', 'c=0.001:0.999:0.001'], seeds: 1 };
    await expect(sweepCommand(o)).rejects.toThrow(UsageError);
    await expect(sweepCommand(o)).rejects.toThrow('998,001 runs');
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

describe('the shard of a job array', () => {
  const shardOf = (shards: number | undefined, env: NodeJS.ProcessEnv) => resolveShard(undefined, shards, env)?.shard;
  const slurm = (id: number, min: number, count: number, step?: number) => ({
    SLURM_ARRAY_TASK_ID: String(id),
    SLURM_ARRAY_TASK_MIN: String(min),
    SLURM_ARRAY_TASK_COUNT: String(count),
    ...(step && { SLURM_ARRAY_TASK_STEP: String(step) }),
  });

  it('takes a Slurm array task as its shard, counted from the array start, k from the array size', () => {
    // --array=0-3 and --array=1-4 are the same four shards.
    expect([0, 1, 2, 3].map((id) => shardOf(undefined, slurm(id, 0, 4)))).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })));
    expect([1, 2, 3, 4].map((id) => shardOf(undefined, slurm(id, 1, 4)))).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })));
    expect(shardOf(undefined, slurm(12, 0, 4, 4))).toEqual({ index: 4, count: 4 }); // --array=0-12:4
    expect(shardOf(4, slurm(2, 0, 4))).toEqual({ index: 3, count: 4 });
    expect(resolveShard(undefined, undefined, slurm(1, 0, 4))!.source).toBe('SLURM_ARRAY_TASK_ID=1 of 4 tasks from 0');
  });

  it('takes a Kubernetes Indexed Job completion index (from 0) with --shards k', () => {
    expect([0, 1, 2].map((i) => shardOf(3, { JOB_COMPLETION_INDEX: String(i) }))).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    expect(() => shardOf(undefined, { JOB_COMPLETION_INDEX: '1' })).toThrow("JOB_COMPLETION_INDEX=1 is set: give --shards k, the Job's completions");
    expect(() => shardOf(3, { JOB_COMPLETION_INDEX: '3' })).toThrow('JOB_COMPLETION_INDEX=3 is not below --shards 3');
  });

  it('runs the whole task list outside a job array, and --shard i/k wins over the environment', () => {
    expect(resolveShard(undefined, undefined, {})).toBeNull();
    expect(resolveShard('2/5', undefined, slurm(0, 0, 4))).toEqual({ shard: { index: 2, count: 5 }, source: '--shard 2/5', fromJob: false });
  });

  it('refuses what does not add up, naming the variable', () => {
    expect(() => shardOf(3, {})).toThrow('--shards 3 takes this process\'s index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX, and neither is set: give --shard i/k');
    expect(() => resolveShard('1/2', 2, {})).toThrow('not both');
    expect(() => shardOf(5, slurm(0, 0, 4))).toThrow('--shards 5, but this Slurm array has SLURM_ARRAY_TASK_COUNT=4 tasks');
    expect(() => shardOf(undefined, slurm(5, 1, 4))).toThrow('SLURM_ARRAY_TASK_ID=5 is not one of 4 tasks from 1 in steps of 1: run the sweep as an array --array=1-4');
    expect(() => shardOf(undefined, { SLURM_ARRAY_TASK_ID: '0' })).toThrow('SLURM_ARRAY_TASK_ID=0 is set but not SLURM_ARRAY_TASK_COUNT: give --shards k');
    expect(() => shardOf(2, { JOB_COMPLETION_INDEX: 'x' })).toThrow('JOB_COMPLETION_INDEX=x: expected a whole number from 0');
  });
});
