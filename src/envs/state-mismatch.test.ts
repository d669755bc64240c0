/**
 * A saved trained state loaded into a scenario it does not fit is refused, naming the part (the
 * conformance suite checks that a state that fits goes on bit for bit). On the modules' tiny
 * scenarios.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { moduleOf, scenarioSchema, type Scenario } from '../scenario/schema';
import type { Experiment } from '../engine/experiment';
import { useNodeBackend } from '../engine/node-backend';
import { encodeArray } from '../engine/persist/arrays';
import { StateError, StateReader } from '../engine/persist/state';

const tiny = (env: Scenario['env']): Record<string, unknown> => ({ env, ...moduleOf(env).tiny });

async function trained(s: Scenario, iterations: number): Promise<Experiment> {
  const e = await moduleOf(s).experiment(s);
  for (let i = 0; i < iterations; i++) await e.iterate();
  return e;
}

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
    const base = tiny('entrance-tobin');
    const err = await refused(base, { ...base, hidden: 16 });
    expect(err).toBeInstanceOf(StateError);
    expect(err.problems[0].field).toBe('state.followers.weights[0]');
    expect(err.message).toBe('state.followers.weights[0]: shape 4x8 in the file, 4x16 in this scenario');
  });

  it("names the market state of another size (the differentiable game's strategies)", async () => {
    const base = tiny('entrance-diff');
    const err = await refused(base, { ...base, n: 12 });
    expect(err.message).toBe('state.variables[0]: shape 2x10 in the file, 2x12 in this scenario');
  });

  it('names the part missing when the state comes from another kind of run', async () => {
    const err = await refused(tiny('cobweb'), tiny('tax-economy'));
    expect(err.message).toBe('state.runs: missing from the file (saved from another kind of run?)');
  });

  it('names a count of seeds that differs', async () => {
    const base = tiny('tax-economy');
    const err = await refused(base, { ...base, seeds: 3 });
    expect(err.message).toBe('state.runs: 2 entries in the file, 3 in this scenario');
  });

  /** A state saved after one iteration, changed by `tamper`, loaded into a fresh experiment of the same scenario. */
  const loadTampered = async (s: Scenario, tamper: (state: Record<string, unknown>) => void): Promise<Experiment> => {
    const source = await trained(s, 1);
    const state = JSON.parse(JSON.stringify(await source.saveState()));
    source.dispose();
    tamper(state);
    const target = await moduleOf(s).experiment(s);
    try {
      target.loadState(new StateReader(state));
    } catch (err) {
      target.dispose();
      throw err;
    }
    return target;
  };
  /** The record at a dotted path of a state tree. */
  const part = (st: Record<string, unknown>, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], st) as Record<string, unknown>;
  const play = async (e: Experiment, n: number) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push((await e.iterate()).metrics);
    e.dispose();
    return out;
  };

  // Issue 22: a file's state could override the scenario it was checked by (tau past tauMax, a
  // trillion agents that hung every step, a NaN capacity that diverged at once).
  it.each([
    ['entrance-diff', 'leader.config', { tauMax: 50, alphaL: 1000, lookahead: 1e6 }],
    ['entrance-tobin', 'env', { agents: 1e12, capacity: NaN, copies: 1e9, rewardScale: -1 }],
    ['cournot', 'env.population.p', { n: 1e9, qMax: -1, hidden: 'big' }],
  ] as const)("%s: what the scenario sets (%s) is the scenario's, whatever the file says: the run goes on as from the untouched file", async (env, path, patch) => {
    const s = scenarioSchema.parse(tiny(env));
    const clean = await play(await loadTampered(s, () => undefined), 2);
    expect(await play(await loadTampered(s, (st) => Object.assign(part(st, path), patch)), 2)).toEqual(clean);
  });

  it('refuses a carried number or array entry that is not finite, naming its path', async () => {
    const s = scenarioSchema.parse(tiny('entrance-tobin'));
    // NaN as a file carries it ({"$number": "NaN"}, read back as NaN before the state is loaded).
    await expect(loadTampered(s, (st) => (part(st, 'env').steps = NaN))).rejects.toThrow('state.env.steps: expected a finite number, got NaN');
    const err = await loadTampered(s, (st) => {
      // An encoded array decoded, one entry made non-finite, encoded again as the file holds it.
      const market = part(st, 'env');
      const values = new StateReader(market.demandSum, 'state.env.demandSum').array('float64');
      values[1] = Infinity;
      market.demandSum = encodeArray(values);
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateError);
    expect((err as StateError).message).toBe('state.env.demandSum: entry 1 is Infinity, where this scenario holds finite numbers');
  });
});
