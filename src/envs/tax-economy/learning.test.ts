/**
 * Households and government learning in the tax economy, seeded (wasm backend), on a small
 * economy (20 households, 32 steps per episode, 2 x 32 hidden units) so the file stays short.
 * Each test prints its figures; the README quotes them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { taxEconomyScenarioSchema } from './config';
import { mean } from '../../engine/metrics';
import { useNodeBackend } from '../../engine/node-backend';
import { Rng } from '../../engine/rng';
import { StackelbergTrainer } from '../../engine/stackelberg';
import { TaxEconomyEnv } from './env';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

const SEEDS = [1, 2, 3];
const small = (over: Record<string, unknown>) =>
  taxEconomyScenarioSchema.parse({ env: 'tax-economy', households: 20, economies: 4, horizon: 32, hidden: 32, ...over });

async function train(trainer: StackelbergTrainer, iterations: number): Promise<Record<string, number>[]> {
  const out = [];
  for (let i = 0; i < iterations; i++) out.push((await trainer.iterate()).envMetrics);
  return out;
}

/** Mean utility per household and step of uniformly random (p, h) in the government's economies. */
function randomPolicyWelfare(seed: number, episodes: number): number {
  const env = new TaxEconomyEnv(small({ seed, leader: 'none' }));
  const rng = Rng.fromSeed(1000 + seed);
  const rewards = new Float32Array(env.copies * env.agents);
  const actions = new Float32Array(rewards.length * 2);
  const govRows = env.leaderCopies * env.agents;
  let total = 0;
  for (let ep = 0; ep < episodes; ep++) {
    env.beginEpisode(rng.split());
    for (let t = 0; t < 32; t++) {
      for (let j = 0; j < actions.length; j++) actions[j] = rng.uniform();
      env.step(actions, rewards);
      total += mean(rewards.subarray(0, govRows));
    }
  }
  return total / (episodes * 32);
}

describe('households without taxes', () => {
  it.each(SEEDS)('learn: mean reward rises over training and beats a random policy (seed %i)', async (seed) => {
    const trainer = trainerOf(small({ seed, leader: 'none', economies: 2 }));
    try {
      const w = (await train(trainer, 50)).map((m) => m.welfareGov);
      const [first, last, random] = [mean(w.slice(0, 5)), mean(w.slice(-5)), randomPolicyWelfare(seed, 5)];
      console.log(`seed ${seed}: welfare ${first.toFixed(3)} over iterations 1-5, ${last.toFixed(3)} over 46-50; random policy ${random.toFixed(3)}`);
      expect(last).toBeGreaterThan(first + 0.2);
      expect(last).toBeGreaterThan(random + 0.5);
    } finally {
      trainer.dispose();
    }
  });
});

describe('households condition on the taxes', () => {
  // Trained while the government is still in its warm-up, spreading theta across economies at
  // random, then played frozen at taxes set by hand, which differ only in the asset tax level.
  it.each(SEEDS)('a higher asset tax lowers the trained savings ratio (seed %i)', async (seed) => {
    const trainer = trainerOf(small({ seed, leader: 'ppo', leaderWarmup: 100_000 }));
    try {
      await train(trainer, 80);
      const savings = [];
      for (const tauA of [0, 0.1, 0.3]) {
        const tried = [];
        for (let i = 0; i < 5; i++) tried.push((await trainer.tryTheta(Float32Array.of(0.2, 0, tauA, 0))).envMetrics.savings);
        savings.push(mean(tried));
      }
      console.log(`seed ${seed}: savings ratio ${savings.map((s) => s.toFixed(3)).join(', ')} at tau_a = 0, 0.1, 0.3`);
      expect(savings[1]).toBeLessThan(savings[0]);
      expect(savings[2]).toBeLessThan(savings[1]);
    } finally {
      trainer.dispose();
    }
  });
});

describe('the government maximising welfare', () => {
  // 200 training iterations, then 10 with the government's learned taxes, no exploration.
  it('ends with higher social welfare than the free market on the same seeds, and more equal wealth', async () => {
    for (const seed of SEEDS) {
      const trainer = trainerOf(small({ seed, leader: 'ppo', objective: 'welfare' }));
      try {
        await train(trainer, 200);
        trainer.leaderExplores = false;
        const ev = await train(trainer, 10);
        const avg = (k: string) => mean(ev.map((m) => m[k]));
        const theta = ['tauI', 'xiI', 'tauA', 'xiA'].map((k) => `${k} ${avg(k).toFixed(2)}`).join(', ');
        console.log(
          `seed ${seed}: welfare ${avg('welfareGov').toFixed(3)} learned, ${avg('welfareFree').toFixed(3)} free market, ${avg('welfareFlat').toFixed(3)} flat tax; ` +
            `wealth Gini ${avg('giniWealth').toFixed(3)} learned, ${avg('giniWealthFree').toFixed(3)} free market; ${theta}`,
        );
        expect(avg('welfareGov')).toBeGreaterThan(avg('welfareFree'));
      } finally {
        trainer.dispose();
      }
    }
  });
});
