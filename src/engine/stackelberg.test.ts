import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EntranceScenario } from '../scenario/schema';
import { entranceScenarioSchema } from '../envs/entrance-tobin/config';
import { useNodeBackend } from './node-backend';
import { StackelbergTrainer, type IterationMetrics, type LiveLeaderSettings } from './stackelberg';
import { trainerOf } from '../envs/trainer';

beforeAll(async () => {
  await useNodeBackend();
});

/**
 * A small, fast scenario: 10 traders, 2 markets, 16 steps, 16 hidden units. A PPO leader (the
 * default) updates every 2 episodes from the start, so short runs exercise its update too.
 */
function small(overrides: Partial<EntranceScenario> = {}): EntranceScenario {
  return entranceScenarioSchema.parse({
    env: 'entrance-tobin', n: 10, markets: 2, horizon: 16, hidden: 16, leaderWarmup: 0, leaderEvery: 2, ...overrides,
  });
}

async function run(trainer: StackelbergTrainer, iterations: number): Promise<IterationMetrics[]> {
  const out: IterationMetrics[] = [];
  for (let i = 0; i < iterations; i++) out.push(await trainer.iterate());
  return out;
}

/** Everything but the wall time, which is not deterministic. */
function comparable(m: IterationMetrics) {
  const { ms: _ms, series, ...rest } = m;
  return { ...rest, series: Array.from(series) };
}

function observeAll(trainer: StackelbergTrainer): Float32Array {
  const { env } = trainer;
  const obs = new Float32Array(env.copies * env.agents * env.obsDim);
  env.observe(obs);
  return obs;
}

describe('StackelbergTrainer determinism', () => {
  it('gives identical metrics for the same seed and different ones for another seed', async () => {
    const a = trainerOf(small({ seed: 3 }));
    const b = trainerOf(small({ seed: 3 }));
    const c = trainerOf(small({ seed: 4 }));
    try {
      const ma = (await run(a, 3)).map(comparable);
      const mb = (await run(b, 3)).map(comparable);
      const mc = (await run(c, 3)).map(comparable);
      expect(ma[2].iteration).toBe(3);
      for (const m of ma) {
        for (const k of ['welfare', 'volatility', 'attendance', 'theta', 'policyLoss', 'valueLoss', 'entropy'] as const) {
          expect(Number.isFinite(m[k]), k).toBe(true);
        }
        expect(m.series.length).toBe(16);
      }
      expect(mb).toEqual(ma);
      expect(mc).not.toEqual(ma);
      // Not only the leader's theta: the followers' play differs too.
      expect(mc.map((m) => m.series)).not.toEqual(ma.map((m) => m.series));
    } finally {
      a.dispose();
      b.dispose();
      c.dispose();
    }
  });
});

describe('grouping identical rows', () => {
  // Traders of a market who share a last action see the same observation; the trainer
  // evaluates such rows once. That must be the per-row computation, not an approximation.
  it('trains as the per-row computation does: same play, losses equal to float rounding', async () => {
    const grouped = trainerOf(small({ seed: 7, leader: 'fixed', tau: 0.05 }));
    const perRow = trainerOf(small({ seed: 7, leader: 'fixed', tau: 0.05 }), 'none');
    try {
      const [a, b] = [await run(grouped, 4), await run(perRow, 4)];
      for (let i = 0; i < a.length; i++) {
        expect(Array.from(a[i].series)).toEqual(Array.from(b[i].series));
        expect(a[i].welfare).toBe(b[i].welfare);
        for (const k of ['policyLoss', 'valueLoss', 'entropy', 'approxKl'] as const) expect(a[i][k], k).toBeCloseTo(b[i][k], 5);
      }
    } finally {
      grouped.dispose();
      perRow.dispose();
    }
  });
});

describe('StackelbergTrainer tensor hygiene', () => {
  it('keeps the tensor count flat across iterations', async () => {
    // The followers (iteration 1) and the PPO leader (iteration 2: no warmup, every 2 episodes)
    // create their Adam slots on their first updates, so the count settles after a few iterations.
    const trainer = trainerOf(small({ seed: 5, leader: 'ppo' }));
    try {
      await run(trainer, 3);
      const settled = tf.memory().numTensors;
      await run(trainer, 7);
      expect(trainer.iterationsDone).toBe(10);
      expect(tf.memory().numTensors).toBe(settled);
    } finally {
      trainer.dispose();
    }
  });

  it('frees every tensor it made on dispose', async () => {
    const before = tf.memory().numTensors;
    const trainer = trainerOf(small({ seed: 5, leader: 'ppo' }));
    await run(trainer, 3);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('PPO epochs (scenario field epochs)', () => {
  it('sets how many passes the followers make over each batch: 4 minibatch steps a pass', async () => {
    const steps: number[] = [];
    for (const epochs of [1, 4]) {
      const trainer = trainerOf(small({ seed: 3, leader: 'none', epochs }));
      try {
        await run(trainer, 2);
        const followers = (await trainer.saveState()).followers as { optimizer: { t: number } };
        steps.push(followers.optimizer.t);
      } finally {
        trainer.dispose();
      }
    }
    expect(steps).toEqual([2 * 1 * 4, 2 * 4 * 4]);
  });
});

/** A live change of one or more of the leader's settings, the others as the trainer has them. */
function live(trainer: StackelbergTrainer, change: Partial<LiveLeaderSettings>): LiveLeaderSettings {
  const { leaderLr, leaderEvery } = trainer.scenario;
  return { fixedTheta: Float32Array.of(0), thetaRange: trainer.thetaRange, leaderLr, leaderEvery, ...change };
}

describe('theta propagation', () => {
  it("puts the fixed leader's tau into every market and every follower's observation", async () => {
    const trainer = trainerOf(small({ leader: 'fixed', tau: 0.08 }));
    try {
      const m = await trainer.iterate();
      expect(m.theta).toBeCloseTo(0.08, 6);
      expect(m.thetaStd).toBeCloseTo(0, 6);
      expect(Array.from(trainer.env.theta)).toHaveLength(2);
      for (const theta of trainer.env.theta) expect(theta).toBeCloseTo(0.08, 6);
      const obs = observeAll(trainer);
      for (let i = 3; i < obs.length; i += trainer.env.obsDim) expect(obs[i]).toBeCloseTo(0.8, 6); // 0.08 / 0.1

      trainer.applyLive(live(trainer, { fixedTheta: Float32Array.of(0.02) }));
      const m2 = await trainer.iterate();
      expect(m2.theta).toBeCloseTo(0.02, 6);
      for (const theta of trainer.env.theta) expect(theta).toBeCloseTo(0.02, 6);
      const obs2 = observeAll(trainer);
      for (let i = 3; i < obs2.length; i += trainer.env.obsDim) expect(obs2[i]).toBeCloseTo(0.2, 6); // 0.02 / 0.1
    } finally {
      trainer.dispose();
    }
  });

  it("keeps tau = 0 under the no-tax baseline, even if the slider moves", async () => {
    const trainer = trainerOf(small({ leader: 'none', tau: 0.08 }));
    try {
      trainer.applyLive(live(trainer, { fixedTheta: Float32Array.of(0.05) }));
      const m = await trainer.iterate();
      expect(m.theta).toBe(0);
      expect(Array.from(trainer.env.theta)).toEqual([0, 0]);
    } finally {
      trainer.dispose();
    }
  });
});

describe("a learning leader's live settings", () => {
  it("keeps every market's tau within bounds moved mid-run", async () => {
    const trainer = trainerOf(small({ seed: 6, tauMin: 0, tauMax: 0.1 }));
    try {
      await run(trainer, 3);
      trainer.applyLive(live(trainer, { thetaRange: { lo: [0.02], hi: [0.03] } }));
      for (let i = 0; i < 3; i++) {
        await trainer.iterate();
        for (const tau of trainer.env.theta) expect(tau >= Math.fround(0.02) && tau <= Math.fround(0.03), `tau ${tau}`).toBe(true);
      }
    } finally {
      trainer.dispose();
    }
  });

  it('takes a new step alpha_L (0: an update leaves its networks as they were) and a new schedule', async () => {
    const trainer = trainerOf(small({ seed: 7, leaderWarmup: 0, leaderEvery: 2 }));
    try {
      const sums = () => JSON.stringify(trainer.leader.parameterCheck!());
      await run(trainer, 2); // the leader updated after episode 2
      const before = sums();
      trainer.applyLive(live(trainer, { leaderLr: 0, leaderEvery: 3 }));
      await run(trainer, 1); // episode 3: an update with every = 3, of step 0
      expect(sums()).toBe(before);
      trainer.applyLive(live(trainer, { leaderLr: 0.01, leaderEvery: 3 }));
      await run(trainer, 2); // episodes 4 and 5: no update (every = 3)
      expect(sums()).toBe(before);
      await run(trainer, 1); // episode 6: an update of step 0.01
      expect(sums()).not.toBe(before);
    } finally {
      trainer.dispose();
    }
  });
});

describe('evaluation mode', () => {
  it("plays the PPO leader's mean theta with nothing learning: the same every call, and training goes on as if it had not run", async () => {
    const evaluated = trainerOf(small({ seed: 5 }));
    const plain = trainerOf(small({ seed: 5 }));
    try {
      const trained = await run(evaluated, 2);
      await run(plain, 2);
      const first = (await evaluated.evaluate(3)).map(comparable);
      const again = (await evaluated.evaluate(3)).map(comparable);
      expect(again).toEqual(first);
      expect(first).toHaveLength(3);
      for (const m of first) {
        // Nothing learns: no leader reward, no losses; the iteration count is the training's.
        expect(m.iteration).toBe(2);
        for (const k of ['leaderReward', 'policyLoss', 'valueLoss'] as const) expect(m[k], k).toBeNaN();
        expect(Number.isFinite(m.volatility)).toBe(true);
      }
      // The followers draw anew each episode (their mixed strategy), so episodes differ.
      expect(first[1].series).not.toEqual(first[0].series);
      // The leader without exploration: theta is its policy's mean, the same in both
      // evaluations and not the exploring theta of the last training iteration.
      expect(first[0].theta).toBe(again[0].theta);
      expect(first[0].theta).not.toBe(trained[1].theta);
      expect((await run(evaluated, 2)).map(comparable)).toEqual((await run(plain, 2)).map(comparable));
    } finally {
      evaluated.dispose();
      plain.dispose();
    }
  });
});
