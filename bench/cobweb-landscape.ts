/**
 * The cobweb calibration and its fit landscape, the evidence behind the README's account of
 * what prices identify. Trains a scenario (leader exploring), plays evaluation iterations with
 * the calibrator's learned choice (no exploration noise, as calibration.test.ts does), then
 * prints the run's figures over the evaluation and the landscape (W1 to the target over an
 * 11 x 11 grid of (mu, sigma), the trained producers frozen; src/envs/calibration/landscape.ts)
 * beside each cell's mean lambda_i, and the (mu, sigma) whose markets add as much price variance
 * as the target's (the curve of equal E[v(lambda_i)], v from the measured price std, README).
 *
 *   node --import tsx bench/cobweb-landscape.ts '<scenario fields as JSON>' [training=150] [evaluation=10] [landscape]
 *   e.g. '{"seed":7,"leader":"ppo","leaderLr":0.01,"leaderEvery":1,"targetMu":0.12,"targetSigma":0}'
 *
 * landscape: 'none', or side,replicates,episodes (default LANDSCAPE's 11,2,3). The landscape is
 * drawn twice, on two streams, and their mean absolute difference printed: its noise.
 *
 * A benchmark, not a test: it prints figures and asserts nothing. 160 iterations take about a
 * minute on one core.
 */
import { LAMBDA_MAX } from '../src/envs/cobweb/config';
import { CobwebEnv } from '../src/envs/cobweb/env';
import { drawLambda } from '../src/envs/calibration/population';
import { LANDSCAPE, trainedLandscape } from '../src/envs/calibration/landscape';
import { trainerOf } from '../src/envs/trainer';
import { mean } from '../src/engine/metrics';
import { Rng } from '../src/engine/rng';
import { cobwebScenarioSchema } from '../src/envs/cobweb/config';
import { describeOutcome, trainAndEvaluate } from '../src/envs/cobweb/calibrate.testing';
import { nodeBackend } from './lib/node';

/** lambda_i ~ N(mu, sigma) truncated at 0 and capped at LAMBDA_MAX, 20000 draws (the same stream each time). */
function lambdas(mu: number, sigma: number): Float64Array {
  const rng = Rng.fromSeed(1);
  return Float64Array.from({ length: 20_000 }, () => drawLambda(mu, sigma, LAMBDA_MAX, rng));
}

/**
 * Price std with every producer at one lambda, measured (README, LAMBDA_MAX): v(lambda) =
 * std^2 - std(0)^2 is a producer's share of the price variance, piecewise linear between them.
 */
const STD_AT: [number, number][] = [
  [0, 0.69],
  [0.03, 0.76],
  [0.1, 1.37],
  [0.2, 1.51],
  [0.3, 1.55],
];
function v(lambda: number): number {
  const k = Math.max(1, STD_AT.findIndex(([l]) => l >= lambda));
  const [[l0, s0], [l1, s1]] = [STD_AT[k - 1], STD_AT[k]];
  const std = s0 + ((s1 - s0) * (lambda - l0)) / (l1 - l0);
  return std * std - STD_AT[0][1] ** 2;
}
const meanV = (mu: number, sigma: number) => mean(Array.from(lambdas(mu, sigma), v));

/** For each sigma, the mu whose E[v(lambda_i)] equals v(muStar) (bisection; E[v] rises with mu), or none. */
function sameVarianceCurve(muStar: number, sigmas: number[]): string {
  const goal = v(muStar);
  return sigmas
    .map((sigma) => {
      if (meanV(0, sigma) > goal) return `(none, ${sigma.toFixed(2)})`;
      let [lo, hi] = [0, LAMBDA_MAX];
      for (let k = 0; k < 16; k++) [lo, hi] = meanV((lo + hi) / 2, sigma) < goal ? [(lo + hi) / 2, hi] : [lo, (lo + hi) / 2];
      const mu = (lo + hi) / 2;
      return `(${mu.toFixed(3)}, ${sigma.toFixed(2)}) mean lambda ${mean(Array.from(lambdas(mu, sigma))).toFixed(3)}`;
    })
    .join('\n  ');
}

async function main(): Promise<void> {
  const [fields = '{}', training = '150', evaluation = '10', grid = ''] = process.argv.slice(2);
  const s = cobwebScenarioSchema.parse({ env: 'cobweb', ...JSON.parse(fields) });
  const [TRAINING, EVALUATION] = [Number(training), Number(evaluation)];
  console.log(`backend ${await nodeBackend()}; ${TRAINING} training + ${EVALUATION} evaluation iterations of ${JSON.stringify(fields)}`);
  const trainer = trainerOf(s);
  const t0 = performance.now();
  try {
    const o = await trainAndEvaluate(trainer, TRAINING, EVALUATION);
    console.log(`trained in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    console.log(`evaluation: ${describeOutcome(o, s.targetMu, s.targetSigma)}`);
    if (grid === 'none') return;
    const [side, replicates, episodes] = grid ? grid.split(',').map(Number) : [LANDSCAPE.side, LANDSCAPE.replicates, LANDSCAPE.episodes];
    const settings = { side, replicates, episodes };
    const build = (markets: number) => new CobwebEnv({ ...s, markets, calibrate: 'distribution', target: 'synthetic', targetMarkets: 1, targetData: '' });
    const t1 = performance.now();
    const l = (await trainedLandscape(trainer, build, LAMBDA_MAX, s.seed, TRAINING + EVALUATION, settings))!;
    console.log(`landscape (${side} x ${side}, ${replicates} markets x ${episodes} episodes per cell) in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    const again = (await trainedLandscape(trainer, build, LAMBDA_MAX, s.seed, TRAINING + EVALUATION + 1, settings))!;
    console.log(`noise: mean |W1 - W1 on another stream| over the cells ${mean(Array.from(l.w1, (w, j) => Math.abs(w - again.w1[j]))).toFixed(3)}`);
    console.log(`W1 to the target; rows sigma, columns mu\nsigma\\mu ${Array.from(l.mu.subarray(0, side), (m) => m.toFixed(2).padStart(6)).join('')}`);
    for (let r = side - 1; r >= 0; r--) console.log(`${l.sigma[r * side].toFixed(2).padStart(8)} ${Array.from(l.w1.subarray(r * side, (r + 1) * side), (w) => w.toFixed(3).padStart(6)).join('')}`);
    const order = Array.from(l.w1.keys()).sort((a, b) => l.w1[a] - l.w1[b]);
    console.log('the 12 best cells: (mu, sigma) W1 mean-lambda');
    for (const j of order.slice(0, 12)) console.log(`  (${l.mu[j].toFixed(2)}, ${l.sigma[j].toFixed(2)}) ${l.w1[j].toFixed(3)} ${mean(Array.from(lambdas(l.mu[j], l.sigma[j]))).toFixed(3)}`);
    const sigmas = Array.from({ length: side }, (_, k) => l.sigma[k * side]);
    console.log(`equal E[v(lambda_i)] to all at mu* = ${s.targetMu} (price variance added per producer, from the measured std):\n  ${sameVarianceCurve(s.targetMu, sigmas)}`);
    console.log(`sigma = 0 row: ${Array.from({ length: side }, (_, k) => `${l.mu[k].toFixed(2)}:${l.w1[k].toFixed(3)}`).join(' ')}`);
  } finally {
    trainer.dispose();
  }
}

await main();
