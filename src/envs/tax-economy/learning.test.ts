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
import { evaluateTaxes, type TaxHeadline } from './evaluate';

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

describe('the government, in evaluation mode (evaluate.ts: households frozen at their mode, common shocks)', () => {
  // A small economy, so the file stays fast; the README's figures come from the defaults and 60 households.
  const tiny = (over: Record<string, unknown>) => small({ households: 10, horizon: 16, hidden: 16, iterations: 120, seed: 1, ...over });
  // Minimising welfare is found sooner: every tax raised lowers it.
  async function trained(over: Record<string, unknown>) {
    const s = tiny(over);
    const trainer = trainerOf(s);
    try {
      await train(trainer, s.iterations);
      return await evaluateTaxes(trainer, 4, 1000);
    } finally {
      trainer.dispose();
    }
  }
  const line = (h: TaxHeadline) =>
    `theta ${h.theta.map((x) => x.toFixed(3)).join(', ')}: welfare ${h.welfareGov.toFixed(4)} against ${h.welfareFree.toFixed(4)} free market, ${h.welfareBestFlat.toFixed(4)} best flat (${h.bestFlatRate})`;

  it('maximising welfare beats the free market and comes within 0.01 of the best flat tax', async () => {
    const h = await trained({ objective: 'welfare' });
    console.log(`welfare: ${line(h)}`);
    expect(h.welfareGov).toBeGreaterThan(h.welfareFree + 0.01);
    expect(h.welfareGov).toBeGreaterThan(h.welfareBestFlat - 0.01);
  });

  it('minimising welfare (adversarial) lowers it below the free market', async () => {
    const h = await trained({ objective: 'adversarial', iterations: 60 });
    console.log(`adversarial: ${line(h)}`);
    expect(h.welfareGov).toBeLessThan(h.welfareFree - 0.1);
  });
});
