/**
 * Why the Bayesian calibrator plays each candidate in several markets (`replicates`): W1 to the
 * target measured on one market's episode against the same on several markets' pooled prices.
 * Trains a scenario as bench/cobweb-landscape.ts does, then plays frozen markets with every
 * lambda_i = mu (sigma 0) at mu = 0, 0.05, ..., 0.3, 16 markets each for 6 episodes after a
 * warm-up, and prints per mu the mean and std of W1 to the run's target over single
 * market-episodes (what a calibrator sees with replicates = 1) and over 4 and 8 markets pooled.
 *
 *   node --import tsx bench/cobweb-pooling.ts '<scenario fields as JSON>' [training=150]
 *   e.g. '{"seed":12,"leader":"bayesopt","leaderEvery":1,"targetMu":0.3,"targetSigma":0,"calibrate":"mu","sigma":0,"replicates":1}'
 *
 * A benchmark, not a test: it prints figures and asserts nothing (about a minute on one core).
 */
import { CobwebEnv } from '../src/envs/cobweb/env';
import { cobwebScenarioSchema } from '../src/envs/cobweb/config';
import { describeOutcome, trainAndEvaluate } from '../src/envs/cobweb/calibrate.testing';
import { trainerOf } from '../src/envs/trainer';
import { mean, sampleStd, wasserstein1 } from '../src/engine/metrics';
import { Rng } from '../src/engine/rng';
import { nodeBackend } from './lib/node';

const MUS = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
const MARKETS = 16;
const EPISODES = 6;

const [fields = '{}', training = '150'] = process.argv.slice(2);
const s = cobwebScenarioSchema.parse({ env: 'cobweb', ...JSON.parse(fields) });
console.log(`backend ${await nodeBackend()}; ${training} training + 10 evaluation iterations of ${fields}`);
const trainer = trainerOf(s);
try {
  console.log(`evaluation: ${describeOutcome(await trainAndEvaluate(trainer, Number(training), 10), s.targetMu, s.targetSigma)}`);
  const target = trainer.env.target!()!;
  const env = new CobwebEnv({ ...s, markets: MUS.length * MARKETS, calibrate: 'distribution', target: 'synthetic', targetMarkets: 1, targetData: '' });
  for (let e = 0; e < env.leaderCopies; e++) env.theta.set([MUS[Math.floor(e / MARKETS)], 0], e * 2);
  const played = (await trainer.playFrozenEpisodes(env, 1 + EPISODES, Rng.fromSeed(s.seed + 1000))).slice(1);
  const E = env.copies;
  const T = played[0].length / E;
  /** W1 of the prices of `count` markets from `first` in one episode, pooled. */
  const w1 = (aggregates: Float64Array, first: number, count: number) =>
    wasserstein1(Float64Array.from({ length: count * T }, (_, k) => aggregates[(k % T) * E + first + Math.floor(k / T)]), target);
  const line = (xs: number[]) => `${mean(xs).toFixed(3)} (std ${sampleStd(xs).toFixed(3)})`;
  console.log(`W1 to the target (${target.length} prices) of markets at lambda = mu: one market's episode | 4 pooled | 8 pooled`);
  MUS.forEach((mu, j) => {
    const per = (count: number) => played.flatMap((a) => Array.from({ length: MARKETS / count }, (_, g) => w1(a, j * MARKETS + g * count, count)));
    console.log(`  mu ${mu.toFixed(2)}: ${line(per(1))} | ${line(per(4))} | ${line(per(8))}`);
  });
} finally {
  trainer.dispose();
}
