/**
 * The memory guard (engine/resource-limit.ts) as every boundary sees it, through the
 * scenario schema: per environment, the largest setting whose estimate fits 1 GB is taken and
 * the next one refused with a message naming the fields, their product and the limit; links fall
 * back field by field; defaults and presets stay well inside. Boundaries are worked out by hand
 * from the measured costs: 800 + 65 hidden bytes per agent-step (the traders of an entrance
 * market reach the networks as 4 rows per market and step), 120 more per run side by side, 560
 * per agent and lookahead step of the unrolled gradient.
 */
import { describe, expect, it } from 'vitest';
import { estimatedBytes, MEMORY_LIMIT_BYTES, workloadProblem, type Workload } from '../engine/resource-limit';
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

describe('the memory limit', () => {
  it('takes a workload of exactly 1 GB and refuses one agent-step more, saying what to lower', () => {
    const workload = (a: number, b: number): Workload => ({ factors: [{ label: 'a', value: a }, { label: '(b + 1)', value: b + 1 }], bytesPerAgentStep: 1000, at: ['hidden = 8'], fields: ['a', 'b'] });
    expect(estimatedBytes(workload(1000, 999))).toBe(MEMORY_LIMIT_BYTES);
    expect(workloadProblem(workload(1000, 999))).toBeNull();
    expect(workloadProblem(workload(1_000_001, 0))).toBe(
      'a × (b + 1) = 1,000,001 × 1 = 1,000,001 agent-steps per iteration would need about 1.00 GB of memory at hidden = 8; the lab allows 1 GB, at most 1,000,000 agent-steps here: lower a or b',
    );
  });

  it('entrance-tobin: n × markets × horizon, the networks counted as seeing 16 rows per market and step', () => {
    // hidden 64, n = 1000: 800 + 65 x 64 x 16 / 1000 = 866.56 bytes, at most 1,153,988 agent-steps.
    expect(refused({ env: 'entrance-tobin', n: 1000, markets: 2, horizon: 576 })).toEqual({});
    expect(refused({ env: 'entrance-tobin', n: 1000, markets: 2, horizon: 577 })).toEqual({
      n: 'n × markets × horizon = 1,000 × 2 × 577 = 1,154,000 agent-steps per iteration would need about 1.00 GB of memory at hidden = 64; the lab allows 1 GB, at most 1,153,988 agent-steps here: lower n, markets, horizon or hidden; hidden = 64 is the default',
    });
  });

  it('cobweb: n × (markets + 1 + targetMarkets) × horizon', () => {
    // hidden 64: 4,960 bytes, at most 201,612 agent-steps; 20 x (64 + 1 + 32) = 1,940 per step.
    expect(refused({ env: 'cobweb', n: 20, markets: 64, targetMarkets: 32, horizon: 103 })).toEqual({});
    const { n } = refused({ env: 'cobweb', n: 20, markets: 64, targetMarkets: 32, horizon: 104 });
    expect(n).toBe(
      'n × (markets + 1 + targetMarkets) × horizon = 20 × 97 × 104 = 201,760 agent-steps per iteration would need about 1.00 GB of memory at hidden = 64; the lab allows 1 GB, at most 201,612 agent-steps here: lower n, markets, targetMarkets, horizon or hidden; hidden = 64 is the default',
    );
  });

  it('cournot: n × (markets + 1 + targetMarkets) × horizon', () => {
    // hidden 64: at most 201,612 agent-steps; 20 x (64 + 1 + 32) = 1,940 per step.
    expect(refused({ env: 'cournot', n: 20, markets: 64, targetMarkets: 32, horizon: 103 })).toEqual({});
    const { n } = refused({ env: 'cournot', n: 20, markets: 64, targetMarkets: 32, horizon: 104 });
    expect(n).toBe(
      'n × (markets + 1 + targetMarkets) × horizon = 20 × 97 × 104 = 201,760 agent-steps per iteration would need about 1.00 GB of memory at hidden = 64; the lab allows 1 GB, at most 201,612 agent-steps here: lower n, markets, targetMarkets, horizon or hidden; hidden = 64 is the default',
    );
  });

  it('supply-chain: 4 stages × (markets + 1 + targetMarkets) × horizon, the stages a constant and not a field to lower', () => {
    // hidden 256: 800 + 65 x 256 = 17,440 bytes, at most 57,339 agent-steps; 4 x (64 + 1 + 32) = 388 per week.
    // (At hidden 64 no setting reaches the limit: 4 x 97 x 512 = 198,656 agent-steps, at most 201,612.)
    expect(refused({ env: 'supply-chain', markets: 64, targetMarkets: 32, horizon: 512, hidden: 64 })).toEqual({});
    expect(refused({ env: 'supply-chain', markets: 64, targetMarkets: 32, horizon: 147, hidden: 256 })).toEqual({});
    expect(refused({ env: 'supply-chain', markets: 64, targetMarkets: 32, horizon: 148, hidden: 256 })).toEqual({
      markets:
        'stages × (markets + 1 + targetMarkets) × horizon = 4 × 97 × 148 = 57,424 agent-steps per iteration would need about 1.00 GB of memory at hidden = 256; the lab allows 1 GB, at most 57,339 agent-steps here: lower markets, targetMarkets, horizon or hidden',
    });
  });

  it('tax-economy: households × (economies + 2) × horizon, and each seed run beside it', () => {
    // hidden 64: 4,960 bytes, at most 201,612 agent-steps; 1000 x (4 + 2) = 6,000 per step.
    expect(refused({ env: 'tax-economy', households: 1000, economies: 4, horizon: 33 })).toEqual({});
    expect(Object.keys(refused({ env: 'tax-economy', households: 1000, economies: 4, horizon: 34 }))).toEqual(['households']);
    // 8 seeds: 4,960 + 7 x 120 = 5,800 bytes, at most 172,413 agent-steps.
    expect(refused({ env: 'tax-economy', households: 1000, economies: 4, horizon: 28, seeds: 8 })).toEqual({});
    expect(refused({ env: 'tax-economy', households: 1000, economies: 4, horizon: 29, seeds: 8 })).toEqual({
      households:
        'households × (economies + 2) × horizon = 1,000 × 6 × 29 = 174,000 agent-steps per iteration would need about 1.01 GB of memory at hidden = 64, seeds = 8; the lab allows 1 GB, at most 172,413 agent-steps here: lower households, economies, horizon, hidden or seeds; economies = 4 and hidden = 64 are the defaults',
    });
    // The widest networks on 100 households for 64 steps: 800 + 65 x 512 = 34,080 bytes x 38,400 agent-steps
    // (on the default 30 households for 32 steps they fit); the first of the fields given is named.
    expect(Object.keys(refused({ env: 'tax-economy', households: 100, horizon: 64, hidden: 512 }))).toEqual(['households']);
  });

  it('market-maker: markets × horizon, and a baseline run per omega', () => {
    // hidden 128: 800 + 65 x 128 = 9,120 bytes, at most 109,649 agent-steps.
    expect(refused({ env: 'market-maker', markets: 256, horizon: 428, hidden: 128, baselines: false })).toEqual({});
    expect(Object.keys(refused({ env: 'market-maker', markets: 256, horizon: 429, hidden: 128, baselines: false }))).toEqual(['markets']);
    // With the 5 baselines: 9,120 + 5 x 120 = 9,720 bytes, at most 102,880 agent-steps.
    expect(refused({ env: 'market-maker', markets: 256, horizon: 401, hidden: 128 })).toEqual({});
    expect(refused({ env: 'market-maker', markets: 256, horizon: 402, hidden: 128 }).markets).toBe(
      'markets × horizon = 256 × 402 = 102,912 agent-steps per iteration would need about 1.00 GB of memory at hidden = 128, 5 baselines (one per omega); the lab allows 1 GB, at most 102,880 agent-steps here: lower markets, horizon, hidden or omegas; omegas = "0,0.25,0.5,0.75,1" is the default',
    );
  });

  it('entrance-diff: runs × n × unrollSteps for the unrolled leader gradient; the myopic one always fits', () => {
    // 560 bytes, at most 1,785,714 agent-steps.
    const unrolled = { env: 'entrance-diff', runs: 200, n: 1000, leaderGradient: 'unrolled' };
    expect(refused({ ...unrolled, unrollSteps: 8 })).toEqual({});
    expect(refused({ ...unrolled, unrollSteps: 9 })).toEqual({
      runs: 'runs × n × unrollSteps = 200 × 1,000 × 9 = 1,800,000 agent-steps per iteration would need about 1.01 GB of memory; the lab allows 1 GB, at most 1,785,714 agent-steps here: lower runs, n or unrollSteps',
    });
    expect(refused({ ...unrolled, unrollSteps: 50, leaderGradient: 'myopic' })).toEqual({});
    expect(refused({ ...unrolled, unrollSteps: 50, leader: 'none' })).toEqual({});
  });

  it('names as defaults the values it cites that the input never gave, and only those', () => {
    const { n } = refused({ env: 'entrance-tobin', n: 1000, horizon: 1024 });
    expect(n).toMatch(/^n × markets × horizon = 1,000 × 8 × 1,024 = 8,192,000 agent-steps .* at hidden = 64; .*: lower n, markets, horizon or hidden; markets = 8 and hidden = 64 are the defaults$/);
    expect(refused({ env: 'entrance-tobin', n: 1000, markets: 8, horizon: 1024, hidden: 32 }).n).toMatch(/or hidden; markets = 8 is the default$/);
    expect(refused({ env: 'entrance-tobin', n: 1000, markets: 16, horizon: 1024, hidden: 32 }).n).toMatch(/: lower n, markets, horizon or hidden$/);
  });

  it('a link past the limit falls back one given field at a time, each named, until it fits', () => {
    const { scenario, problems } = decodeScenario('#v=1&env=entrance-tobin&n=1000&markets=64&horizon=1024&seed=4');
    expect(scenario).toEqual(scenarioSchema.parse({ env: 'entrance-tobin', n: 10, markets: 8, horizon: 1024, seed: 4 }));
    expect(problems.map((p) => p.field)).toEqual(['n', 'markets']);
    expect(problems[0].message).toMatch(/^n × markets × horizon = 1,000 × 64 × 1,024 = 65,536,000 agent-steps per iteration would need about 57 GB .*: lower n, markets, horizon or hidden; hidden = 64 is the default; using the default n = 10$/);
    expect(problems[1].message).toMatch(/^n × markets × horizon = 10 × 64 × 1,024 = 655,360 agent-steps .*; n = 10 and hidden = 64 are the defaults; using the default markets = 8$/);
    // Only as many of the sizes the link gave are dropped as it takes: households, and the rest then fits.
    const wide = decodeScenario('env=tax-economy&households=100&horizon=64&hidden=512&seed=2');
    expect(wide.scenario).toEqual(scenarioSchema.parse({ env: 'tax-economy', horizon: 64, hidden: 512, seed: 2 }));
    expect(wide.problems.map((p) => p.field)).toEqual(['households']);
    expect(() => decodeScenario('env=tax-economy&households=100&horizon=64&hidden=512', 'strict')).toThrow(ScenarioError);
  });

  it('leaves every default and preset well inside (a quarter of the limit at most)', () => {
    const scenarios = [...ENV_IDS.map((env) => defaultScenario(env)), ...PRESETS.flatMap((p) => [undefined, ...(p.variants ?? [])].map((v) => presetScenario(p, v)))];
    for (const s of scenarios) expect(estimatedBytes(workloadOf(s)), s.env).toBeLessThanOrEqual(MEMORY_LIMIT_BYTES / 4);
  });
});
