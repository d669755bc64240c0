import { describe, expect, it } from 'vitest';
import { StateReader } from '../persist/state';
import { Rng } from '../rng';
import { BayesOptLeader, type BayesOptLeaderConfig } from './bayesopt';

const NO_OBS = new Float32Array(0);
const OPTIMUM = [0.3, 0.7];
const NOISE = 0.02;

/** The known noisy objective: a concave bowl with its top at OPTIMUM. */
function bowl(theta: ArrayLike<number>, noise: Rng): number {
  return -((theta[0] - OPTIMUM[0]) ** 2 + (theta[1] - OPTIMUM[1]) ** 2) + NOISE * noise.normal();
}

/** Plays `episodes` exploring episodes of `copies` against f; returns every theta played. */
async function train(leader: BayesOptLeader, f: (theta: Float32Array) => number, episodes: number, copies: number, d = OPTIMUM.length): Promise<Float32Array[]> {
  const played: Float32Array[] = [];
  for (let t = 0; t < episodes; t++) {
    const theta = await leader.act(NO_OBS, copies, true);
    expect(theta.length).toBe(copies * d);
    const rewards = Float32Array.from({ length: copies }, (_, e) => f(theta.subarray(e * d, (e + 1) * d)));
    await leader.feedback(rewards);
    played.push(theta);
  }
  return played;
}

const distance = (p: ArrayLike<number>) => Math.hypot(p[0] - OPTIMUM[0], p[1] - OPTIMUM[1]);

describe('BayesOptLeader', () => {
  it('finds the top of a noisy 2-D bowl, closer than random search on the same budget', async () => {
    const copies = 4;
    const episodes = 40;
    const boDistances: number[] = [];
    const randomDistances: number[] = [];
    for (const seed of [1, 2, 3]) {
      const root = Rng.fromSeed(seed);
      const leader = new BayesOptLeader({ lo: [0, 0], hi: [1, 1], every: 1, warmup: 5 }, root.split());
      const noise = root.split();
      await train(leader, (theta) => bowl(theta, noise), episodes, copies);
      const final = await leader.act(NO_OBS, copies, false);
      for (let e = 1; e < copies; e++) expect([final[2 * e], final[2 * e + 1]]).toEqual([final[0], final[1]]);
      boDistances.push(distance(final));

      // Random search: the point with the best observed (noisy) reward among as many samples.
      const search = root.split();
      let bestReward = -Infinity;
      let bestPoint = [0, 0];
      for (let i = 0; i < episodes * copies; i++) {
        const p = [search.uniform(), search.uniform()];
        const r = bowl(p, noise);
        if (r > bestReward) [bestReward, bestPoint] = [r, p];
      }
      randomDistances.push(distance(bestPoint));
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    console.log('distance to the optimum: BO', boDistances, 'mean', mean(boDistances), '| random search', randomDistances, 'mean', mean(randomDistances));
    for (const dist of boDistances) expect(dist).toBeLessThan(0.1);
    expect(mean(boDistances)).toBeLessThan(mean(randomDistances));
  });

  it('scales to a 1-D box other than [0, 1]', async () => {
    const config: BayesOptLeaderConfig = { lo: [0], hi: [0.1], every: 2, warmup: 3 };
    const noise = Rng.fromSeed(11);
    const leader = new BayesOptLeader(config, Rng.fromSeed(10));
    const played = await train(leader, ([tau]) => -(((tau - 0.07) / 0.1) ** 2) + NOISE * noise.normal(), 20, 4, 1);
    // theta is a Float32Array: the upper bound itself arrives as fround(0.1), a hair above 0.1.
    for (const theta of played) for (const tau of theta) expect(tau >= 0 && tau <= Math.fround(0.1)).toBe(true);
    const [tau] = await leader.act(NO_OBS, 1, false);
    console.log('1-D box [0, 0.1]: believed best tau', tau, '(optimum 0.07)');
    expect(Math.abs(tau - 0.07)).toBeLessThan(0.01);
  });

  it('replays each batch for `every` episodes', async () => {
    const leader = new BayesOptLeader({ lo: [0, 0], hi: [1, 1], every: 3, warmup: 2 }, Rng.fromSeed(4));
    const played = await train(leader, (theta) => bowl(theta, Rng.fromSeed(0)), 8, 4);
    // Warmup: distinct design points; then batches at episodes 2 and 5, each played 3 times.
    expect(played[1]).not.toEqual(played[0]);
    expect(played[3]).toEqual(played[2]);
    expect(played[4]).toEqual(played[2]);
    expect(played[5]).not.toEqual(played[2]);
    expect(played[6]).toEqual(played[5]);
    expect(played[7]).toEqual(played[5]);
  });

  it('takes narrower bounds mid-run: every theta after is inside them, and its best guess sits at the bound nearest the optimum', async () => {
    // The optimum 0.07 is inside [0, 0.1] and outside [0, 0.05]: the bound binds.
    const noise = Rng.fromSeed(12);
    const leader = new BayesOptLeader({ lo: [0], hi: [0.1], every: 1, warmup: 3 }, Rng.fromSeed(13));
    const f = ([tau]: Float32Array) => -(((tau - 0.07) / 0.1) ** 2) + NOISE * noise.normal();
    await train(leader, f, 10, 4, 1);
    expect((await leader.act(NO_OBS, 1, false))[0]).toBeGreaterThan(0.05);
    leader.retune({ lo: [0], hi: [0.05], lr: 0, every: 1 });
    const after = await train(leader, f, 6, 4, 1);
    for (const theta of after) for (const tau of theta) expect(tau).toBeLessThanOrEqual(Math.fround(0.05));
    expect((await leader.act(NO_OBS, 1, false))[0]).toBeCloseTo(0.05, 2);
  });

  it('moves its next batch to a new `every` as the schedule counts it from the warm-up', async () => {
    const leader = new BayesOptLeader({ lo: [0, 0], hi: [1, 1], every: 3, warmup: 2 }, Rng.fromSeed(4));
    const f = (theta: Float32Array) => bowl(theta, Rng.fromSeed(0));
    const played = await train(leader, f, 4, 4);
    // Batches at 2 and 5 with every = 3; with every = 2 from episode 4 on: at 4 and 6.
    leader.retune({ lo: [0, 0], hi: [1, 1], lr: 0, every: 2 });
    played.push(...(await train(leader, f, 4, 4)));
    expect(played[3]).toEqual(played[2]);
    expect(played[4]).not.toEqual(played[3]);
    expect(played[5]).toEqual(played[4]);
    expect(played[6]).not.toEqual(played[5]);
    expect(played[7]).toEqual(played[6]);
  });

  it('plays each candidate in `replicates` copies in a row and observes it once, with their mean reward', async () => {
    const leader = new BayesOptLeader({ lo: [0, 0], hi: [1, 1], every: 1, warmup: 1, replicates: 3 }, Rng.fromSeed(5));
    const observed = async () => Array.from(new StateReader(await leader.saveState()).get('ys').array('float64'));
    for (let episode = 0; episode < 2; episode++) {
      // 8 copies: candidates in copies 0-2, 3-5 and 6-7 (the warmup's design, then the GP's batch).
      const theta = await leader.act(NO_OBS, 8, true);
      const point = (e: number) => Array.from(theta.subarray(2 * e, 2 * e + 2));
      for (const [first, last] of [[0, 2], [3, 5], [6, 7]]) for (let e = first + 1; e <= last; e++) expect(point(e)).toEqual(point(first));
      expect(point(3)).not.toEqual(point(0));
      expect(point(6)).not.toEqual(point(3));
      // A non-finite reward leaves its candidate's other copies; a candidate with none is not observed.
      const before = await observed();
      await leader.feedback(Float32Array.of(1, 2, 6, NaN, 4, NaN, NaN, NaN));
      expect((await observed()).slice(before.length)).toEqual([3, 4]);
    }
  });

  it('is deterministic given the seed, and exploit calls record nothing', async () => {
    const config: BayesOptLeaderConfig = { lo: [0, -1], hi: [1, 1], every: 2, warmup: 3 };
    const f = (theta: Float32Array) => -((theta[0] - 0.6) ** 2) - theta[1] ** 2;
    const a = new BayesOptLeader(config, Rng.fromSeed(9));
    const b = new BayesOptLeader(config, Rng.fromSeed(9));
    // Before any observation the best guess is the centre of the box.
    expect(Array.from(await b.act(NO_OBS, 2, false))).toEqual([0.5, 0, 0.5, 0]);
    const playedA = await train(a, f, 10, 3);
    const playedB: Float32Array[] = [];
    for (let t = 0; t < 10; t++) {
      playedB.push(...(await train(b, f, 1, 3)));
      await b.act(NO_OBS, 3, false);
      await b.feedback(Float32Array.of(100, 100, 100));
    }
    expect(playedB).toEqual(playedA);
    expect(await b.act(NO_OBS, 3, false)).toEqual(await a.act(NO_OBS, 3, false));
  });
});
