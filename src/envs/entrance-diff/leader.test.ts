/**
 * The fairness leader's gradients against finite differences of the objective each one
 * differentiates, at one state (wasm backend).
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../engine/node-backend';
import { Rng } from '../../engine/rng';
import { FairnessLeader, type LeaderView } from './leader';
import type { Game } from './model';

let view: LeaderView;
beforeAll(async () => {
  await useNodeBackend();
  view = randomView();
});
afterAll(() => {
  for (const t of [view.a, view.returns, view.utilitySum, view.taxBaseSum]) t.dispose();
});

const runs = 4;
const game: Game = { n: 10, capacity: 6, v: 1 };
const tau0 = [0.02, 0.05, 0.08, 0.01];

/** A state such as 40 iterations might leave: strategies spread out, returns 20 to 40, some tax paid. */
function randomView(): LeaderView {
  const rng = Rng.fromSeed(5);
  const cells = runs * game.n;
  return {
    a: tf.tensor2d(Float32Array.from({ length: cells }, () => rng.uniform()), [runs, game.n]),
    utilitySum: tf.tensor2d(Float32Array.from({ length: cells }, () => 20 + 20 * rng.uniform()), [runs, game.n]),
    taxBaseSum: tf.tensor2d(Float32Array.from({ length: cells }, () => 3 * rng.uniform()), [runs, game.n]),
    returns: tf.tensor2d(Float32Array.from({ length: cells }, () => 20 + 20 * rng.uniform()), [runs, game.n]),
    nextIteration: 40,
    remaining: 60,
  };
}

/** alpha_F for every agent (0: the followers do not move in the lookahead). */
function leaderWith(lookahead: number, alphaF: number): { leader: FairnessLeader; dispose(): void } {
  const step = tf.fill([1, game.n], alphaF);
  const leader = new FairnessLeader(game, { alphaL: 0.04, tauMax: 0.1, lookahead, stepSize: () => step }, runs);
  return { leader, dispose: () => step.dispose() };
}

/** sum_i sum_j |R_i - R_j| / (2 N^2 mean R'), R' = R - min(0, min R), in float64, for each row. */
function pairwiseGinis(returns: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < returns.length / n; r++) {
    const row = Array.from({ length: n }, (_, i) => returns[r * n + i]);
    const shift = Math.min(0, ...row);
    const x = row.map((v) => v - shift);
    const total = x.reduce((s, v) => s + v, 0);
    let pairs = 0;
    for (const xi of x) for (const xj of x) pairs += Math.abs(xi - xj);
    out.push(total > 0 ? pairs / (2 * n * total) : 0);
  }
  return out;
}

/** U_L = -G of the leader's projected returns at the given tau per run, by the pairwise formula. */
async function fairness(leader: FairnessLeader, tau: number[]): Promise<number[]> {
  const returns = tf.tidy(() => leader.projectedReturns(view, tf.tensor2d(tau, [runs, 1])));
  const values = await returns.data();
  returns.dispose();
  return pairwiseGinis(values, game.n).map((g) => -g);
}

/** Central differences of U_L in each run's tau (the runs are independent). */
async function finiteDifference(leader: FairnessLeader, h: number): Promise<number[]> {
  const up = await fairness(leader, tau0.map((t) => t + h));
  const down = await fairness(leader, tau0.map((t) => t - h));
  return up.map((u, r) => (u - down[r]) / (2 * h));
}

async function autodiff(leader: FairnessLeader): Promise<number[]> {
  const tau = tf.tensor2d(tau0, [runs, 1]);
  const grad = await leader.gradient(view, tau);
  const values = Array.from(await grad.data());
  tau.dispose();
  grad.dispose();
  return values;
}

/**
 * The objectives are smooth in tau near tau0 (no ranks cross), so a central difference with
 * h = 1e-3 is near exact; what is left is float32 rounding of returns of about 30 (an ulp is
 * 2e-6), which moves G by about 1e-8 to 1e-7 and the difference quotient by up to about 5e-5.
 * Measured: at most 1.1e-5.
 */
const FD_TOLERANCE = 3e-5;

const fmt = (xs: number[]) => xs.map((x) => x.toExponential(4)).join(' ');

describe('the myopic leader gradient', () => {
  it('equals a finite difference of -G(Rpre - tau T)', async () => {
    const { leader, dispose } = leaderWith(0, 0.001);
    const [auto, numeric] = [await autodiff(leader), await finiteDifference(leader, 1e-3)];
    dispose();
    console.log(`myopic dU_L/dtau: autodiff ${fmt(auto)}; finite difference ${fmt(numeric)}`);
    auto.forEach((g, r) => expect(Math.abs(g - numeric[r]), `run ${r}`).toBeLessThan(FD_TOLERANCE));
    // Not trivially 0: taxing those who paid more tax (the over-users) changes the Gini.
    for (const g of auto) expect(Math.abs(g)).toBeGreaterThan(1e-3);
  });
});

describe('the unrolled leader gradient (hypergradient)', () => {
  // alpha_F = 0.02 rather than the default 0.001, so that the followers' response within the
  // k = 5 iterations is large enough to tell from the finite difference's float32 error.
  it('equals a finite difference of the same k-step objective, and carries the followers\u2019 response', async () => {
    const unrolled = leaderWith(5, 0.02);
    const frozen = leaderWith(5, 0);
    const auto = await autodiff(unrolled.leader);
    const numeric = await finiteDifference(unrolled.leader, 1e-3);
    const withoutResponse = await autodiff(frozen.leader);
    unrolled.dispose();
    frozen.dispose();
    console.log(`unrolled (k = 5) dU_L/dtau: autodiff ${fmt(auto)}; finite difference ${fmt(numeric)}; followers frozen ${fmt(withoutResponse)}`);
    auto.forEach((g, r) => {
      const error = Math.abs(g - numeric[r]);
      expect(error, `run ${r}`).toBeLessThan(FD_TOLERANCE);
      // The part that comes through the followers' steps is resolved: well above the error.
      expect(Math.abs(g - withoutResponse[r]), `run ${r}`).toBeGreaterThan(10 * error);
    });
  });
});
