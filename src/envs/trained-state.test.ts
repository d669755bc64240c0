import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarioSchema, type Scenario, moduleOf } from '../scenario/schema';
import type { Experiment, IterationReport } from '../engine/experiment';
import { useNodeBackend } from '../engine/node-backend';
import { StateError, StateReader } from '../engine/persist/state';

/** One tiny scenario per environment kind, each with a learning leader where it has one. */
const KINDS: Record<string, Record<string, unknown>> = {
  // A PPO leader that updates every other episode: saved mid-way, its gathered decisions matter.
  'entrance-tobin (PPO leader)': { env: 'entrance-tobin', n: 4, markets: 2, horizon: 8, hidden: 8, leaderWarmup: 1, leaderEvery: 2 },
  'entrance-diff (fairness leader, unrolled)': { env: 'entrance-diff', n: 10, runs: 2, iterationsPerAgent: 2, leaderGradient: 'unrolled', unrollSteps: 2, lateStart: 0.2 },
  // A Bayesian-optimisation leader past its warmup, with a batch being replayed.
  'cobweb (Bayesian optimisation)': { env: 'cobweb', n: 3, markets: 2, horizon: 8, targetMarkets: 1, hidden: 8, leader: 'bayesopt', leaderWarmup: 1, leaderEvery: 2 },
  'cournot (PPO calibrator, each lambda_i)': { env: 'cournot', n: 3, markets: 2, horizon: 8, targetMarkets: 1, hidden: 8, calibrate: 'individual', leaderWarmup: 1, leaderEvery: 2 },
  // A PPO calibrator setting each stage's lambda_i, updating every other episode.
  'supply-chain (PPO calibrator, each lambda_i)': { env: 'supply-chain', markets: 2, horizon: 8, targetMarkets: 1, hidden: 8, calibrate: 'individual', leaderWarmup: 1, leaderEvery: 2 },
  'tax-economy (two seeds side by side)': { env: 'tax-economy', households: 4, economies: 2, horizon: 8, hidden: 8, seeds: 2, leaderWarmup: 1, leaderEvery: 1 },
  'market-maker (max-entropy leader, baselines)': { env: 'market-maker', n: 5, markets: 2, horizon: 8, hidden: 8, omegas: '0.2,0.8', baselines: true },
};

const TRAINED = 3;

/** What an iteration reports, without its wall time. */
const figures = ({ iteration, metrics, snapshots }: IterationReport) => ({ iteration, metrics, snapshots });

async function trained(s: Scenario, iterations: number): Promise<Experiment> {
  const e = await moduleOf(s).experiment(s);
  for (let i = 0; i < iterations; i++) await e.iterate();
  return e;
}

/** Through JSON, as a file carries it: nothing may depend on object identity or typed arrays. */
const throughJson = <T,>(x: T): T => JSON.parse(JSON.stringify(x));

describe.each(Object.entries(KINDS))('a trained %s saved and loaded', (_kind, input) => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  it('goes on exactly as the run it was saved from, and frees what it made', async () => {
    const s = scenarioSchema.parse(input);
    const original = await trained(s, TRAINED);
    const state = throughJson(await original.saveState!());
    const before = tf.memory().numTensors;
    const loaded = await moduleOf(s).experiment(s);
    loaded.loadState!(new StateReader(state));
    expect(loaded.iterationsDone).toBe(TRAINED);
    // The same seed stream: two more iterations of each give the same figures, bit for bit.
    for (let i = 0; i < 2; i++) {
      const [a, b] = [await original.iterate(), await loaded.iterate()];
      expect(figures(b)).toEqual(figures(a));
      expect(b.iteration).toBe(TRAINED + i + 1);
    }
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    original.dispose();
  });

  it('differs from an untrained run of the same scenario (the state is what was learned)', async () => {
    const s = scenarioSchema.parse(input);
    const original = await trained(s, TRAINED);
    const fresh = await trained(s, 0);
    const loaded = await moduleOf(s).experiment(s);
    loaded.loadState!(new StateReader(throughJson(await original.saveState!())));
    const [a, b] = [figures(await loaded.iterate()), figures(await fresh.iterate())];
    expect(a.iteration).toBe(TRAINED + 1);
    expect(a.metrics).not.toEqual(b.metrics);
    for (const e of [original, fresh, loaded]) e.dispose();
  });
});

describe('a saved state that does not fit the scenario', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  const refused = async (from: Record<string, unknown>, into: Record<string, unknown>): Promise<StateError> => {
    const source = await trained(scenarioSchema.parse(from), 1);
    const state = await source.saveState!();
    source.dispose();
    const s = scenarioSchema.parse(into);
    const target = await moduleOf(s).experiment(s);
    try {
      target.loadState!(new StateReader(state));
    } catch (err) {
      return err as StateError;
    } finally {
      target.dispose();
    }
    throw new Error('the state was accepted');
  };

  it('names the network whose weights have another shape', async () => {
    const base = KINDS['entrance-tobin (PPO leader)'];
    const err = await refused(base, { ...base, hidden: 16 });
    expect(err).toBeInstanceOf(StateError);
    expect(err.problems[0].field).toBe('state.followers.weights[0]');
    expect(err.message).toBe('state.followers.weights[0]: shape 4x8 in the file, 4x16 in this scenario');
  });

  it("names the market state of another size (the differentiable game's strategies)", async () => {
    const base = KINDS['entrance-diff (fairness leader, unrolled)'];
    const err = await refused(base, { ...base, n: 12 });
    expect(err.message).toBe('state.variables[0]: shape 2x10 in the file, 2x12 in this scenario');
  });

  it('names the part missing when the state comes from another kind of run', async () => {
    const err = await refused(KINDS['cobweb (Bayesian optimisation)'], KINDS['tax-economy (two seeds side by side)']);
    expect(err.message).toBe('state.runs: missing from the file (saved from another kind of run?)');
  });

  it('names a count of seeds that differs', async () => {
    const base = KINDS['tax-economy (two seeds side by side)'];
    const err = await refused(base, { ...base, seeds: 3 });
    expect(err.message).toBe('state.runs: 2 entries in the file, 3 in this scenario');
  });
});
