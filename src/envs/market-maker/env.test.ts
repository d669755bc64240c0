import { describe, expect, it } from 'vitest';
import { marketMakerScenarioSchema } from './config';
import { useNodeBackend } from '../../engine/node-backend';
import { Rng } from '../../engine/rng';
import { decodeScenario } from '../../scenario/codec';
import { moduleOf } from '../../scenario/schema';
import { numberBounds, parseScenario, scenarioFields } from '../../scenario/validate';
import { MarketMakerEnv } from './env';
import { P0 } from './model';

const scenario = (over: Record<string, unknown> = {}) => marketMakerScenarioSchema.parse({ env: 'market-maker', ...over });

describe('one step of the market', () => {
  it('matches the equations replayed on the same random draws', () => {
    const env = new MarketMakerEnv(scenario({ n: 7, markets: 2, zeta: 2, sigma: 0.3, hMax: 5 }));
    env.theta.set([0.25, 1]);
    env.beginEpisode(Rng.fromSeed(7));
    const rewards = new Float32Array(2);
    // level 4 of 21 over [0, 5]: h = 1; level 0: h = 0
    env.step(Int32Array.of(4, 0), rewards);

    const rng = Rng.fromSeed(7);
    const expected = [];
    for (const [h, omega] of [[1, 0.25], [0, 1]]) {
      let qBid = 0;
      let qAsk = 0;
      for (let j = 0; j < 7; j++) {
        const buyer = rng.uniform() < 0.5;
        const v = P0 + 2 * rng.normal();
        if (buyer && v > P0 + h) qAsk++;
        if (!buyer && v < P0 - h) qBid++;
      }
      // valued at p_(t-1) = p0: PnL = h (q_bid + q_ask)
      const reward = (omega * h * (qBid + qAsk) + (1 - omega) * (qBid + qAsk)) / 7;
      const price = 0.01 * P0 + 0.99 * P0 + 0.3 * rng.normal();
      expected.push({ reward, price, share: (qBid + qAsk) / 7 });
    }
    expect(rewards[0]).toBeCloseTo(expected[0].reward, 6);
    expect(rewards[1]).toBeCloseTo(expected[1].reward, 6);
    expect(env.aggregate[0]).toBeCloseTo(expected[0].price, 9);
    expect(env.aggregate[1]).toBeCloseTo(expected[1].price, 9);
    const { metrics, snapshots } = env.report();
    expect(metrics.share).toBeCloseTo((expected[0].share + expected[1].share) / 2, 6);
    expect(metrics.spread).toBeCloseTo(0.5, 6);
    expect(snapshots.bookBid[0]).toBeCloseTo(P0 - 1, 4);
    expect(snapshots.bookAsk[0]).toBeCloseTo(P0 + 1, 4);
  });

  it('observes (p_t - p0) / zeta and omega', () => {
    const env = new MarketMakerEnv(scenario({ markets: 1, zeta: 2 }));
    env.theta[0] = 0.75;
    env.aggregate[0] = 103;
    const obs = new Float32Array(2);
    env.observe(obs);
    expect(Array.from(obs)).toEqual([1.5, 0.75]);
  });
});

describe('the scenario', () => {
  it('refuses a zeta so small that the observation (p_t - p0) / zeta overflows, naming it and its range', () => {
    expect(() => parseScenario({ env: 'market-maker', zeta: 1e-300 }, 'strict')).toThrow("zeta (std zeta of the LTs' private values around p0) must be a number from 0.1 to 50, got 1e-300");
    expect(decodeScenario('v=1&env=market-maker&zeta=0.05').problems.map((p) => p.field)).toEqual(['zeta']);
  });

  it('gives finite figures over a few iterations at the smallest zeta the schema takes and the largest sigma', async () => {
    await useNodeBackend();
    const fields = scenarioFields('market-maker');
    const s = scenario({ seed: 1, zeta: numberBounds(fields.zeta).lower!.value, sigma: numberBounds(fields.sigma).upper!.value, markets: 2, horizon: 16, hidden: 8, baselines: false, iterations: 3 });
    const experiment = await moduleOf(s).experiment(s);
    try {
      for (let i = 0; i < 3; i++) {
        const { metrics } = await experiment.iterate();
        // shortfall is NaN by design: measured only at evaluations (EVAL_EVERY).
        for (const [key, value] of Object.entries(metrics)) if (key !== 'shortfall') expect(Number.isFinite(value), `${key} = ${value}`).toBe(true);
      }
    } finally {
      experiment.dispose();
    }
  });

  it('names a bad omega list and a prior that does not fit it', () => {
    const bad = marketMakerScenarioSchema.safeParse({ env: 'market-maker', omegas: '0,2' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(['omegas']);
    const prior = marketMakerScenarioSchema.safeParse({ env: 'market-maker', leader: 'prior', prior: '1,2' });
    expect(prior.success).toBe(false);
    expect(prior.error!.issues[0].path).toEqual(['prior']);
    expect(prior.error!.issues[0].message).toContain('one non-negative weight per omega (5 of them)');
    expect(marketMakerScenarioSchema.safeParse({ env: 'market-maker', prior: '1,1,0,0,2' }).success).toBe(true);
  });
});
