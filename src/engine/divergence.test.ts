import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/validate';
import { assertFinite, DivergenceError, namedParameterSums, nonFinite } from './divergence';
import { useNodeBackend } from './node-backend';
import { moduleOf } from '../scenario/schema';

/** The variables tfjs holds now, by name, so a test can tell which ones an experiment made. */
const variableNames = () => new Set(Object.keys(tf.engine().state.registeredVariables));

/** Forces a divergence: entry 0 of the first variable made since `before` becomes NaN. */
async function poisonFirstNewVariable(before: Set<string>): Promise<void> {
  const v = Object.values(tf.engine().state.registeredVariables).find((x) => !before.has(x.name))!;
  const values = (await v.data()).slice();
  values[0] = NaN;
  v.assign(tf.tensor(values, v.shape));
}

/** Builds the scenario's experiment, plays one iteration, poisons its first variable and plays the second: its error. */
async function divergeSecondIteration(fields: Record<string, unknown>): Promise<DivergenceError> {
  const s = parseScenario(fields, 'strict').scenario;
  const before = variableNames();
  const experiment = await moduleOf(s).experiment(s);
  await experiment.iterate();
  await poisonFirstNewVariable(before);
  const err = await experiment.iterate().catch((e: unknown) => e);
  experiment.dispose();
  expect(err).toBeInstanceOf(DivergenceError);
  return err as DivergenceError;
}

describe('divergence (NaN or infinity in an iteration)', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  it('names what is not finite, how many entries and the first', () => {
    expect(nonFinite('the rewards', [1, 2, 3])).toBeNull();
    expect(nonFinite('the value loss', [NaN])).toBe('the value loss is NaN');
    expect(nonFinite('theta', [-Infinity])).toBe('theta is -Infinity');
    expect(nonFinite('the rewards', [0, Infinity, NaN, 1])).toBe('the rewards hold Infinity (at 2 of 4 entries, first index 1)');
  });

  it('throws one error for the iteration listing every bad quantity, and nothing when all are finite', () => {
    expect(() => assertFinite(3, { a: 1, b: [2, 3] })).not.toThrow();
    let caught: unknown;
    try {
      assertFinite(7, { 'the policy loss': NaN, 'the rewards': [1, 2], theta: [0.1, Infinity] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DivergenceError);
    const d = caught as DivergenceError;
    expect(d.iteration).toBe(7);
    expect(d.problems).toEqual(['the policy loss is NaN', 'theta hold Infinity (at 1 of 2 entries, first index 1)']);
    expect(d.message).toBe('training diverged in iteration 7: the policy loss is NaN; theta hold Infinity (at 1 of 2 entries, first index 1)');
  });

  it('names each parameter tensor\'s sum by its place and shape', () => {
    expect(namedParameterSums('the net', [[2, 2], [2]], [10, NaN])).toEqual({
      'the net parameters (tensor 1 of 2, shape [2, 2])': 10,
      'the net parameters (tensor 2 of 2, shape [2])': NaN,
    });
  });

  it('a PPO experiment stops in the iteration after a weight turns NaN, naming the loss and the weights', async () => {
    const { iteration, problems } = await divergeSecondIteration({ env: 'entrance-tobin', n: 4, markets: 1, horizon: 8, hidden: 8, iterations: 5, leader: 'fixed' });
    expect(iteration).toBe(2);
    expect(problems).toContain("the followers' policy loss is NaN");
    expect(problems.some((p) => p.startsWith("the followers' networks' parameters (tensor 1 of"))).toBe(true);
  });

  it('the differentiable game stops when a strategy turns NaN, naming the strategies', async () => {
    const { problems } = await divergeSecondIteration({ env: 'entrance-diff', n: 10, runs: 2 });
    expect(problems[0]).toMatch(/^the strategies a hold NaN \(at \d+ of 20 entries, first index 0\)$/);
  });
});
