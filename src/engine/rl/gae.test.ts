import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gae } from './gae';

/**
 * Reference straight from the definition, time-major (index = t * batch + b):
 *   delta_t = r_t + gamma V_t+1 - V_t  (V_steps = nextValues),
 *   A_t = sum_l (gamma lambda)^l delta_t+l,  R_t = A_t + V_t.
 */
function naiveGae(r: Float32Array, v: Float32Array, next: Float32Array, steps: number, gamma: number, lambda: number) {
  const batch = next.length;
  const value = (t: number, b: number) => (t === steps ? next[b] : v[t * batch + b]);
  const delta = (t: number, b: number) => r[t * batch + b] + gamma * value(t + 1, b) - value(t, b);
  const advantages = new Float64Array(steps * batch);
  const returns = new Float64Array(steps * batch);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) {
      let a = 0;
      for (let l = 0; t + l < steps; l++) a += (gamma * lambda) ** l * delta(t + l, b);
      advantages[t * batch + b] = a;
      returns[t * batch + b] = a + value(t, b);
    }
  }
  return { advantages, returns };
}

function randomArray(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal());
}

describe('gae', () => {
  it('matches the definition on random data (batch 3, 7 steps)', () => {
    const rng = Rng.fromSeed(7);
    const batch = 3;
    const steps = 7;
    const rewards = randomArray(rng, steps * batch);
    const values = randomArray(rng, steps * batch);
    const nextValues = randomArray(rng, batch);
    for (const [gamma, lambda] of [[0.99, 0.95], [0.9, 0.5], [0.8, 0], [0.7, 1]]) {
      const got = gae(rewards, values, nextValues, steps, gamma, lambda);
      const want = naiveGae(rewards, values, nextValues, steps, gamma, lambda);
      for (let i = 0; i < steps * batch; i++) {
        expect(got.advantages[i], `advantage ${i}, gamma ${gamma}, lambda ${lambda}`).toBeCloseTo(want.advantages[i], 5);
        expect(got.returns[i], `return ${i}, gamma ${gamma}, lambda ${lambda}`).toBeCloseTo(want.returns[i], 5);
      }
    }
  });

  it('matches a hand-computed 2-step case and keeps batch columns apart', () => {
    // gamma = 0.9, lambda = 0.5, so gamma lambda = 0.45. Time-major: [t0b0, t0b1, t1b0, t1b1].
    // Column 0: r = [1, 2], V = [0.5, 1], V_next = 2.
    //   delta_1 = 2 + 0.9 * 2 - 1 = 2.8,  A_1 = 2.8,                 R_1 = 2.8 + 1 = 3.8
    //   delta_0 = 1 + 0.9 * 1 - 0.5 = 1.4, A_0 = 1.4 + 0.45 * 2.8 = 2.66, R_0 = 2.66 + 0.5 = 3.16
    // Column 1: r = [0, 0], V = [0, 0], V_next = 10.
    //   delta_1 = 0 + 0.9 * 10 - 0 = 9, A_1 = 9, R_1 = 9
    //   delta_0 = 0,                    A_0 = 0.45 * 9 = 4.05, R_0 = 4.05
    const { advantages, returns } = gae(
      Float32Array.from([1, 0, 2, 0]),
      Float32Array.from([0.5, 0, 1, 0]),
      Float32Array.from([2, 10]),
      2,
      0.9,
      0.5,
    );
    [2.66, 4.05, 2.8, 9].forEach((x, i) => expect(advantages[i], `advantage ${i}`).toBeCloseTo(x, 5));
    [3.16, 4.05, 3.8, 9].forEach((x, i) => expect(returns[i], `return ${i}`).toBeCloseTo(x, 5));
  });
});
