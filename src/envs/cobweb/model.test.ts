/**
 * The cobweb market's equations against hand-computed values, and the bounded-rationality
 * term the PPO loss adds, against the exact KL divergence to the uniform policy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../engine/node-backend';
import { CategoricalHead } from '../../engine/rl/heads';
import { Mlp } from '../../engine/rl/mlp';
import { DEFAULT_PPO, ppoLoss, type GroupedMinibatch } from '../../engine/rl/ppo';
import { Rng } from '../../engine/rng';
import { A, B, klToUniform, LEVELS, marketPrice, predictionLevel, producerReward, rationalPrice, supply } from './model';

beforeAll(async () => {
  await useNodeBackend();
});

describe('supply, price and payoff', () => {
  it('S(x) = tanh(2 (x - 6)) + 1 at hand-computed points', () => {
    expect(supply(6)).toBe(1);
    // tanh(-1) = -0.7615941559557649, tanh(2) = 0.9640275800758169
    expect(supply(5.5)).toBeCloseTo(0.2384058440442351, 14);
    expect(supply(7)).toBeCloseTo(1.9640275800758169, 14);
    expect(supply(0)).toBeCloseTo(0, 9);
    expect(supply(10)).toBeCloseTo(2, 6);
  });

  it('p_t = (a - sum_j S(p-hat_j)) / b + eps_t', () => {
    // Six producers at 6: (13.8 - 6) / 1.5 = 5.2.
    expect(marketPrice([6, 6, 6, 6, 6, 6], 0)).toBeCloseTo(5.2, 12);
    // Six at 5.5: (13.8 - 6 x 0.2384058440442351) / 1.5 = 8.246376623823059, plus eps = 0.3.
    expect(marketPrice([5.5, 5.5, 5.5, 5.5, 5.5, 5.5], 0.3)).toBeCloseTo(8.546376623823059, 12);
    // Mixed: three at 7, three at 0: (13.8 - 3 x 1.9640275800758169 - 3 x S(0)) / 1.5.
    expect(marketPrice([7, 7, 7, 0, 0, 0], 0)).toBeCloseTo((13.8 - 3 * 1.9640275800758169 - 3 * (Math.tanh(-12) + 1)) / 1.5, 12);
  });

  it('payoff max(0, 1300 - 260 (p - p-hat)^2)', () => {
    expect(producerReward(5.2, 5.2)).toBe(1300);
    expect(producerReward(5.2, 6)).toBeCloseTo(1300 - 260 * 0.64, 10); // 1133.6
    expect(producerReward(5.2, 7.4)).toBeCloseTo(1300 - 260 * 4.84, 10); // 41.6
    expect(producerReward(5.2, 8)).toBe(0); // 1300 - 2038.4 < 0
  });

  it('predictions are 21 levels 0, 0.5, ..., 10', () => {
    expect(LEVELS).toBe(21);
    expect(predictionLevel(0)).toBe(0);
    expect(predictionLevel(12)).toBe(6);
    expect(predictionLevel(20)).toBe(10);
  });
});

describe('the rational-expectations price p*', () => {
  it('is about 5.91 for n = 6 and solves p = (a - n S(p)) / b', () => {
    const pStar = rationalPrice(6);
    console.log(`p* (n = 6) = ${pStar.toFixed(6)}`);
    expect(pStar).toBeCloseTo(5.91, 2);
    expect(Math.abs(pStar - (A - 6 * supply(pStar)) / B)).toBeLessThan(1e-10);
  });

  it('solves the fixed point for other n too, falling as more producers supply', () => {
    let previous = Infinity;
    for (const n of [2, 4, 6, 10, 20]) {
      const p = rationalPrice(n);
      expect(Math.abs(p - (A - n * supply(p)) / B)).toBeLessThan(1e-10);
      expect(p).toBeLessThan(previous);
      previous = p;
    }
  });
});

describe('the bounded-rationality term', () => {
  /** softmax by hand. */
  const softmax = (logits: number[]) => {
    const m = Math.max(...logits);
    const e = logits.map((l) => Math.exp(l - m));
    const z = e.reduce((s, v) => s + v, 0);
    return e.map((v) => v / z);
  };

  it('klToUniform is sum pi log(K pi): 0 for the uniform policy, log K for a sure one', () => {
    expect(klToUniform(new Array(LEVELS).fill(1 / LEVELS))).toBeCloseTo(0, 12);
    expect(klToUniform([1, 0, 0, 0])).toBeCloseTo(Math.log(4), 12);
    // pi = (1/2, 1/4, 1/4): 1/2 log(3/2) + 2 (1/4) log(3/4) = 0.0589885...
    expect(klToUniform([0.5, 0.25, 0.25])).toBeCloseTo(0.5 * Math.log(1.5) + 0.5 * Math.log(0.75), 12);
  });

  it("the trainer's term lambda (log K - H(pi)) equals lambda KL(pi || uniform) for a categorical with given logits", async () => {
    // A policy network whose output ignores the observation: last layer W = 0, bias = the logits.
    const logits = Array.from({ length: LEVELS }, (_, k) => (k === 12 ? 3 : k === 11 || k === 13 ? 1.5 : -0.1 * Math.abs(k - 12)));
    const pi = softmax(logits);
    const exactKl = pi.reduce((s, p) => s + p * Math.log(LEVELS * p), 0);
    const rng = Rng.fromSeed(3);
    const policy = new CategoricalHead(4, LEVELS, [8], rng, 3);
    const critic = new Mlp([4, 8, 1], rng, 3);
    const last = policy.net.layers[policy.net.layers.length - 1];
    last.w.assign(tf.zeros(last.w.shape));
    last.b.assign(tf.tensor1d(logits));
    const lambda = 0.25;
    // One row, zero advantages and returns: only the entropy and KL terms differ between the two losses.
    const mb: GroupedMinibatch = {
      groups: 1,
      rows: 1,
      obs: Float32Array.of(0.59, 0.6, 0.58, lambda),
      actions: Int32Array.of(12),
      logp: Float32Array.of(Math.log(pi[12])),
      count: Float32Array.of(1),
      advPos: Float32Array.of(0),
      advNeg: Float32Array.of(0),
      retMean: Float32Array.of(0),
      retSpread: 0,
    };
    const losses = tf.tidy(() => {
      const cfg = { ...DEFAULT_PPO, klToUniform: { column: 3, logK: Math.log(LEVELS) } };
      return tf.stack([ppoLoss(policy, critic, 4, mb, cfg).loss, ppoLoss(policy, critic, 4, mb, DEFAULT_PPO).loss]);
    });
    const [withKl, without] = await losses.data();
    losses.dispose();
    console.log(`KL(pi || uniform) = ${exactKl.toFixed(6)}; trainer's term / lambda = ${((withKl - without) / lambda).toFixed(6)}`);
    expect(withKl - without).toBeCloseTo(lambda * exactKl, 5);
    expect(klToUniform(pi)).toBeCloseTo(exactKl, 12);
    policy.dispose();
    critic.dispose();
  });
});
