/**
 * The fit landscape of a calibration: the distance to the target (the calibrator's loss, W1)
 * over a grid of (mu, sigma), each cell a few markets whose lambda_i ~ N(mu, sigma) (truncated
 * at 0, capped at lambdaMax) played by the trained followers, frozen. It shows what the target
 * identifies: where the loss is flat along a curve, (mu, sigma) is not identified along it.
 *
 * Pure TypeScript over a BatchedEnv and a player of frozen episodes (the trainer's), so the
 * worker, the command line and the tests compute the same landscape.
 */
import type { BatchedEnv } from '../../engine/env';
import { wasserstein1 } from '../../engine/metrics';
import { Rng } from '../../engine/rng';
import type { StackelbergTrainer } from '../../engine/stackelberg';

export interface LandscapeSettings {
  /** Grid points per axis, 0 to lambdaMax on both. */
  side: number;
  /** Markets per cell (their prices are pooled). */
  replicates: number;
  /** Measured episodes per market, after one warm-up episode from rest at the start state. */
  episodes: number;
}

/**
 * 11 x 11 cells (steps of 0.03 for lambdaMax 0.3), 2 markets x 3 episodes of 64 steps each: 384
 * prices per cell, 242 markets played together for 4 episodes (about 2 s in Node on the wasm
 * backend, this machine).
 */
export const LANDSCAPE: LandscapeSettings = { side: 11, replicates: 2, episodes: 3 };

/** One value per cell, mu running fastest: cell j is (mu[j], sigma[j]). */
export interface FitLandscape {
  mu: Float32Array;
  sigma: Float32Array;
  /** W1 of the cell's pooled series to the target. */
  w1: Float32Array;
}

/** The grid's cells: mu and sigma each over side evenly spaced values in [0, lambdaMax]. */
export function landscapeGrid(side: number, lambdaMax: number): { mu: Float32Array; sigma: Float32Array } {
  const cells = side * side;
  const at = (k: number) => (lambdaMax * k) / (side - 1);
  return {
    mu: Float32Array.from({ length: cells }, (_, j) => at(j % side)),
    sigma: Float32Array.from({ length: cells }, (_, j) => at(Math.floor(j / side))),
  };
}

/** Plays episodes with the followers frozen (StackelbergTrainer.playFrozenEpisodes): aggregates per episode, time-major. */
export type FrozenPlayer = (env: BatchedEnv, episodes: number, rng: Rng) => Promise<Float64Array[]>;

/**
 * The landscape over `env`, an environment of the run's kind whose first side^2 x replicates
 * copies are the calibrator's with theta = (mu, sigma) (calibrate = 'distribution'); copy
 * cell x replicates + r is replicate r of cell `cell`. `sortedTarget`: the run's target.
 */
export async function fitLandscape(play: FrozenPlayer, env: BatchedEnv, sortedTarget: ArrayLike<number>, lambdaMax: number, settings: LandscapeSettings, rng: Rng): Promise<FitLandscape> {
  const { side, replicates, episodes } = settings;
  const { mu, sigma } = landscapeGrid(side, lambdaMax);
  const cells = mu.length;
  if (env.thetaDim !== 2 || env.leaderCopies !== cells * replicates) throw new Error(`fitLandscape: needs ${cells * replicates} copies with theta = (mu, sigma)`);
  for (let e = 0; e < env.leaderCopies; e++) env.theta.set([mu[Math.floor(e / replicates)], sigma[Math.floor(e / replicates)]], e * 2);
  // The first episode starts every market from rest: not what the trained markets look like.
  const played = (await play(env, 1 + episodes, rng)).slice(1);
  const E = env.copies;
  const T = played[0].length / E;
  const w1 = new Float32Array(cells);
  const prices = new Float64Array(replicates * episodes * T);
  for (let j = 0; j < cells; j++) {
    let k = 0;
    for (const aggregates of played) for (let r = 0; r < replicates; r++) for (let t = 0; t < T; t++) prices[k++] = aggregates[t * E + j * replicates + r];
    w1[j] = wasserstein1(prices, sortedTarget);
  }
  return { mu, sigma, w1 };
}

/**
 * The landscape of a trained run against its current target (null before it has one), with
 * the trainer's followers frozen on `build(markets)`, an environment of its scenario with that
 * many calibrated markets, on its own stream seeded by `seed` and `iteration`: training is
 * untouched, and the same run gives the same landscape.
 */
export async function trainedLandscape(
  trainer: StackelbergTrainer,
  build: (markets: number) => BatchedEnv,
  lambdaMax: number,
  seed: number,
  iteration: number,
  settings: LandscapeSettings = LANDSCAPE,
): Promise<FitLandscape | null> {
  const target = trainer.env.target?.();
  if (!target) return null;
  const env = build(settings.side * settings.side * settings.replicates);
  const rng = Rng.fromSeed((seed * 1_000_003 + iteration) | 0);
  return fitLandscape((e, k, r) => trainer.playFrozenEpisodes(e, k, r), env, target, lambdaMax, settings, rng);
}

/** The landscape as snapshots (the lab's chart reads these keys). */
export const landscapeSnapshots = (l: FitLandscape): Record<string, Float32Array> => ({ landscapeMu: l.mu, landscapeSigma: l.sigma, landscapeW1: l.w1 });
