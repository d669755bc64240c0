/**
 * The memory and checkpoint guards (engine/resource-limit.ts) as every boundary sees them,
 * through the scenario schema: per environment, the largest setting whose estimate fits 1 GB is
 * taken and the next one refused with a message naming the parts, the estimate, the limit and
 * the fields to lower; links fall back field by field; defaults and presets stay well inside.
 * Boundaries are worked out by hand from the measured costs: 48 MB for the lab, then per run
 * 3 MB, 28 bytes per value held (3 per parameter: the weight and Adam's two moments) and 100 per
 * parameter of one run's update; 60 bytes per number of the history (the iteration and each
 * figure, every iteration); an iteration's 800 + 65 hidden bytes per agent-step (the traders of
 * an entrance market reach the networks as 16 rows per market and step), 240 more per run side
 * by side, 560 per agent and lookahead step of the unrolled gradient. A checkpoint is 16/3
 * characters per value held and 32 per number of the history.
 */
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_LIMIT_CHARS, checkpointChars, estimatedBytes, MEMORY_LIMIT_BYTES, workloadProblem, type Workload } from '../engine/resource-limit';
import { PRESETS, presetScenario } from '../envs/catalog';
import { decodeScenario } from './codec';
import { defaultScenario, ENV_IDS, scenarioSchema, workloadOf } from './schema';
import { parseScenario, ScenarioError } from './validate';

/** The problems strict parsing names, by field (none: the scenario is taken). */
function refused(fields: Record<string, unknown>): Record<string, string> {
  try {
    parseScenario(fields, 'strict');
    return {};
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return Object.fromEntries(err.problems.map((p) => [p.field, p.message]));
  }
}

/** The link (issue 22, point 9): 100 omegas in its 200 characters, each 0 or 1. */
const HUNDRED_OMEGAS = Array.from({ length: 100 }, (_, k) => k % 2).join(',');

/**
 * Peak resident memory over a fresh Node process's baseline (MiB), the highest of three runs of
 * `node --import tsx bench/iteration-memory.ts environments` (tfjs-wasm, 2-core machine): each
 * environment's defaults built, two iterations (the differentiable game four) and the run's last
 * checkpoint (saveState, the policies document with a history row per iteration, its JSON).
 */
const MEASURED_DEFAULT_PEAK_MIB: Record<(typeof ENV_IDS)[number], number> = {
  'entrance-tobin': 53,
  'entrance-diff': 14,
  cobweb: 37,
  cournot: 25,
  'supply-chain': 31,
  'tax-economy': 43,
  'market-maker': 67,
  pigouvian: 14,
};

describe('the memory limit', () => {
  it('takes a workload of exactly 1 GB and refuses one agent-step more, saying what to lower', () => {
    // 48 MB for the lab and 3 MB for the run leave 949 MB: 949,000 agent-steps of 1,000 bytes.
    const workload = (a: number, b: number): Workload => ({
      factors: [{ label: 'a', value: a }, { label: '(b + 1)', value: b + 1 }],
      bytesPerAgentStep: 1000,
      at: ['hidden = 8'],
      fields: ['a', 'b'],
      held: { runs: 1, parameters: 0, values: 0, at: [], fields: ['c'] },
      history: { iterations: 0, numbers: 0, fields: ['d'] },
    });
    expect(estimatedBytes(workload(1000, 948))).toBe(MEMORY_LIMIT_BYTES);
    expect(workloadProblem(workload(1000, 948))).toBeNull();
    expect(workloadProblem(workload(949_001, 0))).toEqual({
      message: 'a × (b + 1) = 949,001 × 1 = 949,001 agent-steps per iteration at hidden = 8 would need about 1.00 GB of memory; the lab allows 1 GB, at most 949,000 agent-steps here: lower a or b',
      fields: ['a', 'b'],
    });
  });

  it('entrance-tobin: n × markets × horizon, the networks counted as seeing 16 rows per market and step', () => {
    // hidden 64, n = 1000: 800 + 65 x 64 x 16 / 1000 = 866.56 bytes per agent-step; networks of
    // 10,342 parameters (the traders' and the PPO leader's): 3 MB + 28 x 31,026 + 100 x 10,342 =
    // 5.90 MB; a history of 200 x 12 numbers, 0.14 MB; with the lab's 48 MB, 946.95 MB are left:
    // at most 1,092,772 agent-steps.
    expect(refused({ env: 'entrance-tobin', n: 1000, markets: 2, horizon: 546 })).toEqual({});
    expect(refused({ env: 'entrance-tobin', n: 1000, markets: 2, horizon: 547 })).toEqual({
      n: 'n × markets × horizon = 1,000 × 2 × 547 = 1,094,000 agent-steps per iteration at hidden = 64 would need about 1.00 GB of memory; the lab allows 1 GB, at most 1,092,772 agent-steps here: lower n, markets, horizon or hidden; hidden = 64 is the default',
    });
  });

  it('cobweb: n × (markets + 1 + targetMarkets) × horizon', () => {
    // hidden 64: 4,960 bytes per agent-step; 53.40 MB held (11,627 parameters, 160 x 27 history
    // numbers and the lab's): at most 190,847 agent-steps; 20 x (64 + 1 + 32) = 1,940 per step.
    expect(refused({ env: 'cobweb', n: 20, markets: 64, targetMarkets: 32, horizon: 98 })).toEqual({});
    const { n } = refused({ env: 'cobweb', n: 20, markets: 64, targetMarkets: 32, horizon: 99 });
    expect(n).toBe(
      'n × (markets + 1 + targetMarkets) × horizon = 20 × 97 × 99 = 192,060 agent-steps per iteration at hidden = 64 would need about 1.01 GB of memory; the lab allows 1 GB, at most 190,847 agent-steps here: lower n, markets, targetMarkets, horizon or hidden; hidden = 64 is the default',
    );
  });

  it('cournot: n × (markets + 1 + targetMarkets) × horizon', () => {
    // hidden 64: 53.49 MB held (11,755 parameters, 160 x 34 history numbers): at most 190,828 agent-steps.
    expect(refused({ env: 'cournot', n: 20, markets: 64, targetMarkets: 32, horizon: 98 })).toEqual({});
    const { n } = refused({ env: 'cournot', n: 20, markets: 64, targetMarkets: 32, horizon: 99 });
    expect(n).toBe(
      'n × (markets + 1 + targetMarkets) × horizon = 20 × 97 × 99 = 192,060 agent-steps per iteration at hidden = 64 would need about 1.01 GB of memory; the lab allows 1 GB, at most 190,828 agent-steps here: lower n, markets, targetMarkets, horizon or hidden; hidden = 64 is the default',
    );
  });

  it('supply-chain: 4 stages × (markets + 1 + targetMarkets) × horizon, the stages a constant and not a field to lower', () => {
    // hidden 256: 800 + 65 x 256 = 17,440 bytes per agent-step; 77.52 MB held (141,535
    // parameters: 3 MB + 28 x 424,605 + 100 x 141,535, and the history and the lab's): at most
    // 52,894 agent-steps; 4 x (64 + 1 + 32) = 388 per week.
    expect(refused({ env: 'supply-chain', markets: 64, targetMarkets: 32, horizon: 136, hidden: 256 })).toEqual({});
    expect(refused({ env: 'supply-chain', markets: 64, targetMarkets: 32, horizon: 137, hidden: 256 })).toEqual({
      markets:
        'stages × (markets + 1 + targetMarkets) × horizon = 4 × 97 × 137 = 53,156 agent-steps per iteration at hidden = 256 would need about 1.00 GB of memory; the lab allows 1 GB, at most 52,894 agent-steps here: lower markets, targetMarkets, horizon or hidden',
    });
    // At hidden 64, 53.57 MB held: at most 190,812 agent-steps, 491 weeks.
    expect(refused({ env: 'supply-chain', markets: 64, targetMarkets: 32, horizon: 491, hidden: 64 })).toEqual({});
    expect(Object.keys(refused({ env: 'supply-chain', markets: 64, targetMarkets: 32, horizon: 492, hidden: 64 }))).toEqual(['markets']);
  });

  it('tax-economy: households × (economies + 2) × horizon, and each seed run beside it', () => {
    // hidden 64: 4,960 bytes per agent-step, 53.31 MB held: at most 190,864 agent-steps; 1000 x (4 + 2) = 6,000 per step.
    expect(refused({ env: 'tax-economy', households: 1000, economies: 4, horizon: 31 })).toEqual({});
    expect(Object.keys(refused({ env: 'tax-economy', households: 1000, economies: 4, horizon: 32 }))).toEqual(['households']);
    // 8 seeds: 4,960 + 7 x 240 = 6,640 bytes per agent-step; 8 runs of 10,942 parameters:
    // 8 x 3 MB + 28 x 262,608 + 100 x 10,942 = 32.45 MB, 80.75 MB held: at most 138,441 agent-steps.
    expect(refused({ env: 'tax-economy', households: 1000, economies: 4, horizon: 23, seeds: 8 })).toEqual({});
    expect(refused({ env: 'tax-economy', households: 1000, economies: 4, horizon: 24, seeds: 8 })).toEqual({
      households:
        'households × (economies + 2) × horizon = 1,000 × 6 × 24 = 144,000 agent-steps per iteration at hidden = 64, seeds = 8 would need about 1.04 GB of memory; the lab allows 1 GB, at most 138,441 agent-steps here: lower households, economies, horizon, hidden or seeds; economies = 4 and hidden = 64 are the defaults',
    });
    // The widest networks on 100 households for 64 steps: 800 + 65 x 512 = 34,080 bytes x 38,400 agent-steps
    // (on the default 30 households for 32 steps they fit); the first of the fields given is named.
    expect(Object.keys(refused({ env: 'tax-economy', households: 100, horizon: 64, hidden: 512 }))).toEqual(['households']);
  });

  it('market-maker: markets × horizon, and a baseline run per omega', () => {
    // hidden 128: 800 + 65 x 128 = 9,120 bytes per agent-step; 58.08 MB held (37,654
    // parameters): at most 103,280 agent-steps.
    expect(refused({ env: 'market-maker', markets: 256, horizon: 403, hidden: 128, baselines: false })).toEqual({});
    expect(Object.keys(refused({ env: 'market-maker', markets: 256, horizon: 404, hidden: 128, baselines: false }))).toEqual(['markets']);
    // With the 5 baselines: 9,120 + 5 x 240 = 10,320 bytes per agent-step; 6 runs: 6 x 3 MB +
    // 28 x 677,772 + 100 x 37,654 = 40.74 MB, 88.90 MB held: at most 88,284 agent-steps.
    expect(refused({ env: 'market-maker', markets: 256, horizon: 344, hidden: 128 })).toEqual({});
    expect(refused({ env: 'market-maker', markets: 256, horizon: 345, hidden: 128 }).markets).toBe(
      'markets × horizon = 256 × 345 = 88,320 agent-steps per iteration at hidden = 128, 5 baselines (one per omega) would need about 1.00 GB of memory; the lab allows 1 GB, at most 88,284 agent-steps here: lower markets, horizon, hidden or omegas; omegas = "0,0.25,0.5,0.75,1" is the default',
    );
  });

  it("refuses the issue's link, 100 omegas at hidden 512, by its networks' weights, Adam's moments and checkpoint", () => {
    // 101 runs of 543,766 parameters: 101 x 3 x 543,766 x 4 bytes = 659 MB of variables, which a
    // checkpoint writes as 101 x 3 x 543,766 x 16 / 3 = 878,725,856 characters of base64; with
    // 28 bytes per value held and the rest, about 5.14 GB.
    expect(refused({ env: 'market-maker', hidden: 512, omegas: HUNDRED_OMEGAS })).toEqual({
      hidden:
        '101 runs (the conditional market maker and 100 baselines, one per omega) of 543,766 parameters each at hidden = 512 would need about 5.14 GB of memory and make a checkpoint of about 879 million characters; the lab allows 1 GB and 250 million characters (a JavaScript string holds at most 536,870,888): lower hidden or omegas',
    });
    // Its link falls back to the default hidden, where the 101 runs fit (about 0.50 GB; 253 MiB measured).
    const { scenario, problems } = decodeScenario(`env=market-maker&hidden=512&omegas=${HUNDRED_OMEGAS}`);
    expect(problems.map((p) => p.field)).toEqual(['hidden']);
    expect(scenario).toMatchObject({ hidden: 64, omegas: HUNDRED_OMEGAS });
  });

  it("refuses a run whose checkpoint's history would pass the string limit, though its memory fits", () => {
    // The differentiable game, N = 1000 for I = 650 N iterations: 650,000 rows of 12 numbers at
    // 32 characters, and 20 x 4,001 values held at 16/3: 250,026,773 characters; at 649 N, 249,642,773.
    const long = { env: 'entrance-diff', n: 1000, leader: 'none' };
    expect(refused({ ...long, iterationsPerAgent: 649 })).toEqual({});
    expect(refused({ ...long, iterationsPerAgent: 650 })).toEqual({
      iterationsPerAgent: 'a history of 650,000 iterations would make a checkpoint of about 251 million characters; the lab allows 250 million characters (a JavaScript string holds at most 536,870,888): lower iterationsPerAgent or n',
    });
    expect(estimatedBytes(workloadOf(scenarioSchema.parse({ ...long, iterationsPerAgent: 649 })))).toBeLessThan(MEMORY_LIMIT_BYTES);
  });

  it('entrance-diff: runs × n × unrollSteps for the unrolled leader gradient; the myopic one always fits', () => {
    // 560 bytes per agent-step; 80.61 MB held (200 x 4,001 values, 10,000 x 12 history numbers and the lab's): at most 1,641,775 agent-steps.
    const unrolled = { env: 'entrance-diff', runs: 200, n: 1000, leaderGradient: 'unrolled' };
    expect(refused({ ...unrolled, unrollSteps: 8 })).toEqual({});
    expect(refused({ ...unrolled, unrollSteps: 9 })).toEqual({
      runs: 'runs × n × unrollSteps = 200 × 1,000 × 9 = 1,800,000 agent-steps per iteration would need about 1.09 GB of memory; the lab allows 1 GB, at most 1,641,775 agent-steps here: lower runs, n or unrollSteps',
    });
    expect(refused({ ...unrolled, unrollSteps: 50, leaderGradient: 'myopic' })).toEqual({});
    expect(refused({ ...unrolled, unrollSteps: 50, leader: 'none' })).toEqual({});
  });

  it("estimates each environment's defaults at or above the peak measured for them", () => {
    for (const env of ENV_IDS) expect(estimatedBytes(workloadOf(defaultScenario(env))), env).toBeGreaterThanOrEqual(MEASURED_DEFAULT_PEAK_MIB[env] * 2 ** 20);
  });

  it('names as defaults the values it cites that the input never gave, and only those', () => {
    const { n } = refused({ env: 'entrance-tobin', n: 1000, horizon: 1024 });
    expect(n).toMatch(/^n × markets × horizon = 1,000 × 8 × 1,024 = 8,192,000 agent-steps per iteration at hidden = 64 would need .*: lower n, markets, horizon or hidden; markets = 8 and hidden = 64 are the defaults$/);
    expect(refused({ env: 'entrance-tobin', n: 1000, markets: 8, horizon: 1024, hidden: 32 }).n).toMatch(/or hidden; markets = 8 is the default$/);
    expect(refused({ env: 'entrance-tobin', n: 1000, markets: 16, horizon: 1024, hidden: 32 }).n).toMatch(/: lower n, markets, horizon or hidden$/);
  });

  it('a link past the limit falls back one given field at a time, each named, until it fits', () => {
    const { scenario, problems } = decodeScenario('#v=1&env=entrance-tobin&n=1000&markets=64&horizon=1024&seed=4');
    expect(scenario).toEqual(scenarioSchema.parse({ env: 'entrance-tobin', n: 10, markets: 8, horizon: 1024, seed: 4 }));
    expect(problems.map((p) => p.field)).toEqual(['n', 'markets']);
    expect(problems[0].message).toMatch(/^n × markets × horizon = 1,000 × 64 × 1,024 = 65,536,000 agent-steps per iteration at hidden = 64 would need about 57 GB .*: lower n, markets, horizon or hidden; hidden = 64 is the default; using the default n = 10$/);
    expect(problems[1].message).toMatch(/^n × markets × horizon = 10 × 64 × 1,024 = 655,360 agent-steps .*; n = 10 and hidden = 64 are the defaults; using the default markets = 8$/);
    // Only as many of the sizes the link gave are dropped as it takes: households, and the rest then fits.
    const wide = decodeScenario('env=tax-economy&households=100&horizon=64&hidden=512&seed=2');
    expect(wide.scenario).toEqual(scenarioSchema.parse({ env: 'tax-economy', horizon: 64, hidden: 512, seed: 2 }));
    expect(wide.problems.map((p) => p.field)).toEqual(['households']);
    expect(() => decodeScenario('env=tax-economy&households=100&horizon=64&hidden=512', 'strict')).toThrow(ScenarioError);
  });

  it('leaves every default and preset well inside (a quarter of the memory limit and a hundredth of the checkpoint limit at most)', () => {
    const scenarios = [...ENV_IDS.map((env) => defaultScenario(env)), ...PRESETS.flatMap((p) => [undefined, ...(p.variants ?? [])].map((v) => presetScenario(p, v)))];
    for (const s of scenarios) {
      expect(estimatedBytes(workloadOf(s)), s.env).toBeLessThanOrEqual(MEMORY_LIMIT_BYTES / 4);
      expect(checkpointChars(workloadOf(s)), s.env).toBeLessThanOrEqual(CHECKPOINT_LIMIT_CHARS / 100);
    }
  });
});
