/**
 * A saved trained state loaded into a scenario it does not fit is refused, naming the part (the
 * conformance suite checks that a state that fits goes on bit for bit). On the modules' tiny
 * scenarios.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { moduleOf, scenarioSchema, type Scenario } from '../scenario/schema';
import type { Experiment } from '../engine/experiment';
import { useNodeBackend } from '../engine/node-backend';
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
});
