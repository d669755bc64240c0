/**
 * The batched supply chain: copies, stages and their lambda_i, observations, one week against
 * the equations, the bullwhip ratios, the report's keys and shapes, a data target from an
 * uploaded CSV; then a tiny trained run for determinism and tensor hygiene.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { supplyChainScenarioSchema } from './config';
import { cobwebScenarioSchema } from '../cobweb/config';
import { DEFAULT_PPO, type PpoLearner } from '../../engine/rl/ppo';
import { useNodeBackend } from '../../engine/node-backend';
import { Rng } from '../../engine/rng';
import { encodeSeries, parseSeriesCsv } from '../calibration/series-data';
import { LAMBDA_MAX } from './config';
import { ORDERS } from './data';
import { drawDemand, minDemandNoise } from './demand';
import { SupplyChainEnv, LAMBDA_COLUMN, OBS_DIM } from './env';
import { LEVELS, newOutcome, orderUpTo, safetyStock, STAGES, steadyChain, week } from './model';
import { bullwhipRatios, COST_BINS, ORDER_BINS, SUPPLY_CHAIN_METRICS, supplyChainReferences } from './report';
import { trainerOf } from '../trainer';
import { decodeScenario } from '../../scenario/codec';

beforeAll(async () => {
  await useNodeBackend();
});

const scenario = (o: Record<string, unknown> = {}) => supplyChainScenarioSchema.parse({ env: 'supply-chain', ...o });
const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, v) => s + v, 0);

describe('chains, stages and lambda_i', () => {
  it('lays out the calibrator’s chains, the rational chain and the target chains, four stages each', () => {
    const env = new SupplyChainEnv(scenario({ markets: 3, targetMarkets: 2 }));
    const p = env.population;
    expect([p.copies, p.leaderCopies, p.rationalCopy, p.firstTargetCopy, p.targetCopies]).toEqual([6, 3, 3, 4, 2]);
    expect([env.agents, env.obsDim, env.numActions, env.thetaColumn, env.klColumn, env.thetaDim]).toEqual([4, OBS_DIM, LEVELS, 7, 7, 2]);
    const individual = new SupplyChainEnv(scenario({ markets: 2, calibrate: 'individual' }));
    // 2 + 1 + 4 copies (the default target chains), 4 stages' lambda_i each.
    expect([individual.thetaDim, individual.theta.length]).toEqual([4, 7 * 4]);
  });

  it('draws each stage’s lambda_i: from theta, 0 in the rational chain, the hidden parameters in the target; each stage sees its own', () => {
    const env = new SupplyChainEnv(scenario({ markets: 2, targetMarkets: 1, targetMu: 0.15, targetSigma: 0 }));
    env.theta.set([0.2, 0, 0.05, 0.1]);
    env.beginEpisode(Rng.fromSeed(1));
    const lambdas = (e: number) => Array.from(env.lambda.subarray(e * 4, (e + 1) * 4));
    lambdas(0).forEach((l) => expect(l).toBeCloseTo(0.2, 6));
    expect(new Set(lambdas(1)).size).toBeGreaterThan(1);
    lambdas(1).forEach((l) => expect(l >= 0 && l <= LAMBDA_MAX).toBe(true));
    expect(lambdas(2)).toEqual([0, 0, 0, 0]);
    lambdas(3).forEach((l) => expect(l).toBeCloseTo(0.15, 6));
    const obs = new Float32Array(env.copies * 4 * OBS_DIM);
    env.observe(obs);
    for (let i = 0; i < env.copies * 4; i++) {
      expect(obs[i * OBS_DIM + LAMBDA_COLUMN]).toBe(env.lambda[i]);
      // The stage one-hot.
      expect(Array.from(obs.subarray(i * OBS_DIM + 3, i * OBS_DIM + 7))).toEqual([0, 1, 2, 3].map((k) => (k === i % 4 ? 1 : 0)));
    }
    // The steady state at m = 8, I_0 = 12: net inventory 12 / 16, incoming 8 / 16, supply line 24 / 16 (16 / 16 at the factory).
    expect(Array.from(obs.subarray(0, 3))).toEqual([0.75, 0.5, 1.5]);
    expect(Array.from(obs.subarray(3 * OBS_DIM, 3 * OBS_DIM + 3))).toEqual([0.75, 0.5, 1]);
  });
});

describe('one week', () => {
  it('plays the equations in every chain with its own demand, each stage ordering up to its chosen safety stock, and pays each stage minus its cost', () => {
    const s = scenario({ markets: 1, targetMarkets: 1 });
    const env = new SupplyChainEnv(s);
    env.beginEpisode(Rng.fromSeed(4));
    const actions = Int32Array.of(5, 4, 2, 8, 0, 0, 0, 0, 8, 8, 8, 8);
    const rewards = new Float32Array(12);
    env.step(actions, rewards);
    // The demand comes from the same stream, one draw per chain in order.
    const rng = Rng.fromSeed(4);
    env.population.drawLambdas(rng);
    for (let e = 0; e < 3; e++) {
      const chain = steadyChain(s, 8, 12);
      const out = newOutcome();
      const x = new Float64Array(4);
      orderUpTo(s, chain, 8, Array.from(actions.subarray(e * 4, e * 4 + 4), safetyStock), x);
      week(s, chain, drawDemand(s, 0, rng), x, out);
      expect(Array.from(env.chains[e].supplyLine)).toEqual(Array.from(chain.supplyLine));
      expect(Array.from(env.chains[e].inventory)).toEqual(Array.from(chain.inventory));
      expect(Array.from(rewards.subarray(e * 4, e * 4 + 4))).toEqual(Array.from(out.cost, (c) => -c));
      expect(env.aggregate[e]).toBe(out.ordered[3]);
    }
    expect([env.rewardScale, env.discount]).toEqual([1 / 80, 0.9]);
  });

  it('trains its stages without PPO’s entropy bonus, so that lambda_i = 0 is a rational stage; cobweb keeps the default', () => {
    // The learner is private to the trainer: this reads the configuration it was built with.
    const entCoef = (s: Parameters<typeof trainerOf>[0]) => {
      const trainer = trainerOf(s);
      try {
        return (trainer as unknown as { learner: PpoLearner }).learner.config.entCoef;
      } finally {
        trainer.dispose();
      }
    };
    expect(entCoef(scenario({ markets: 1, horizon: 8, hidden: 4 }))).toBe(0);
    expect(entCoef(cobwebScenarioSchema.parse({ env: 'cobweb', markets: 1, horizon: 8, hidden: 4 }))).toBe(DEFAULT_PPO.entCoef);
    expect(DEFAULT_PPO.entCoef).toBeGreaterThan(0);
  });
});

describe('bullwhip ratios', () => {
  it('pool the chains’ order variances over their demand variances, per stage', () => {
    // Two chains, three weeks. Chain 0: demand 8, 10, 12 (variance 4), orders doubling the swings up the chain.
    const T = 3;
    const demand = Float64Array.of(8, 0, 10, 0, 12, 0);
    const orders = new Float64Array(T * 2 * STAGES);
    const swing = [1, 2, 3, 4];
    for (let t = 0; t < T; t++) for (let k = 0; k < STAGES; k++) orders[(t * 2 + 0) * STAGES + k] = 10 + swing[k] * (demand[t * 2] - 10);
    // Chain 1: constant demand and orders, so variance 0 on both sides.
    expect(Array.from(bullwhipRatios(orders, demand, 2, 0, 1, T))).toEqual([1, 4, 9, 16]);
    expect(Array.from(bullwhipRatios(orders, demand, 2, 0, 2, T))).toEqual([1, 4, 9, 16]);
    expect(Array.from(bullwhipRatios(orders, demand, 2, 1, 2, T)).every(Number.isNaN)).toBe(true);
  });
});

describe('report', () => {
  it('reports every metric of SUPPLY_CHAIN_METRICS, the snapshots the charts read, and the pass-through reference', async () => {
    const trainer = trainerOf(scenario({ markets: 2, targetMarkets: 1, horizon: 16, hidden: 8, leader: 'fixed', mu: 0.1, sigma: 0 }));
    try {
      const m = await trainer.iterate();
      expect(Object.keys(m.envMetrics)).toEqual(SUPPLY_CHAIN_METRICS.map((s) => s.key));
      for (const key of Object.keys(m.envMetrics)) expect(Number.isFinite(m.envMetrics[key]), key).toBe(true);
      expect([m.envMetrics.mu, m.envMetrics.sigma, m.envMetrics.lambdaMean]).toEqual([expect.closeTo(0.1, 6), 0, expect.closeTo(0.1, 6)]);
      expect(m.envMetrics.chainCost).toBeCloseTo(m.envMetrics.cost0 + m.envMetrics.cost1 + m.envMetrics.cost2 + m.envMetrics.cost3, 9);
      // The base-stock chain on the rational chain's demand: its searched levels, and a cost near the search's.
      const { safety, cost } = (trainer.env as SupplyChainEnv).baseStock;
      expect(safety.every((x) => Number.isInteger(x))).toBe(true);
      expect(m.envMetrics.chainCostBaseStock / cost).toBeGreaterThan(0.5);
      expect(m.envMetrics.chainCostBaseStock / cost).toBeLessThan(2);
      // welfare is minus the mean cost per stage and week.
      expect(m.welfare).toBeCloseTo(-m.envMetrics.chainCost / 4, 4);
      const s = m.envSnapshots;
      for (const key of ['demand', 'orders0', 'orders1', 'orders2', 'orders3', 'targetOrders']) expect(s[key], key).toHaveLength(16);
      expect(Array.from(s.orders3)).toEqual(Array.from(m.series));
      expect(Array.from(s.bullwhip)).toEqual([0, 1, 2, 3].map((k) => Math.fround(m.envMetrics[`bullwhip${k}`])));
      expect(Array.from(s.passThrough)).toEqual([1, 1, 1, 1]);
      expect(Array.from(s.bullwhipBaseStock)).toEqual([0, 1, 2, 3].map((k) => Math.fround(m.envMetrics[`bullwhipBaseStock${k}`])));
      expect(s.skillLambda).toHaveLength(8);
      expect(s.skillAdjustment).toHaveLength(8);
      expect(s.histCost).toHaveLength(COST_BINS);
      expect(s.histSim).toHaveLength(ORDER_BINS);
      for (const key of ['histCost', 'histCostRational', 'histSim', 'histTarget']) expect(sum(s[key]), key).toBeCloseTo(1, 5);
      expect(SUPPLY_CHAIN_METRICS.filter((x) => x.final).map((x) => x.key)).toEqual([
        ...['mu', 'sigma', 'lambdaMean', 'w1', 'maePassThrough', 'maeRational', 'maeCalibrated'],
        ...['bullwhip0', 'bullwhip1', 'bullwhip2', 'bullwhip3', 'bullwhipRational0', 'bullwhipRational1', 'bullwhipRational2', 'bullwhipRational3'],
        ...['bullwhipBaseStock0', 'bullwhipBaseStock1', 'bullwhipBaseStock2', 'bullwhipBaseStock3'],
        ...['chainCost', 'chainCostRational', 'chainCostBaseStock'],
      ]);
      expect(supplyChainReferences({ demandMean: 8 }).map((r) => r.value)).toEqual([1, 8]);
    } finally {
      trainer.dispose();
    }
  });

  it('a data target from an uploaded CSV of orders: the sorted data, its moments and stretches in its order', async () => {
    const csv = 'factory orders\r\n' + Array.from({ length: 40 }, (_, t) => `${8 + ((t * 5) % 9) - 4}`).join('\r\n');
    const data = parseSeriesCsv(csv, ORDERS);
    expect(data).toHaveLength(40);
    expect(() => parseSeriesCsv('orders\n' + Array.from({ length: 40 }, () => '600').join('\n'), ORDERS)).toThrow('row 2: order 600 is outside [0, 500]');
    const trainer = trainerOf(scenario({ markets: 1, horizon: 16, hidden: 8, leader: 'none', target: 'data', targetData: encodeSeries(data) }));
    try {
      expect(Array.from(trainer.env.target!()!)).toEqual([...data].sort((a, b) => a - b));
      const m = await trainer.iterate();
      expect(m.envMetrics.targetMean).toBeCloseTo(sum(data) / 40, 9);
      expect(Array.from(m.envSnapshots.targetOrders)).toEqual(data.slice(0, 16));
      const m2 = await trainer.iterate();
      expect(Array.from(m2.envSnapshots.targetOrders)).toEqual(data.slice(16, 32));
      expect(Number.isFinite(m2.envMetrics.maePassThrough) && Number.isFinite(m2.envMetrics.maeRational)).toBe(true);
    } finally {
      trainer.dispose();
    }
  });

  it('refuses a data target without data and bad observed orders, naming targetData', () => {
    const issues = (o: Record<string, unknown>) => supplyChainScenarioSchema.safeParse({ env: 'supply-chain', ...o }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ target: 'data' })).toEqual(['targetData: upload observed orders or choose the synthetic target']);
    expect(issues({ targetData: encodeSeries([5, 6, 7]) })).toEqual(['targetData: observed orders: only 3 orders; at least 30 are needed']);
    expect(issues({ shipDelay: 0 })?.[0]).toMatch(/^shipDelay: /);
  });
});

describe('a demand that never varies (its bullwhip ratio 0 / 0)', () => {
  it('is refused by name: no noise, or too little for the horizon, where the level rounds to one whole number every week', () => {
    // 0.5 / z with P(|z| < 0.5 / s) = 0.01^(1 / (horizon - 1)): 0.512 at 8 weeks (z = 0.695), 0.9138 at 52 (z = 1.716), 0.9910 at 512 (z = 2.612).
    expect([8, 52, 512].map(minDemandNoise)).toEqual([0.72, 0.3, 0.2]);
    const message = (demand: string, level: number, horizon: number, got: string) =>
      `demandStd (s: std of the weekly demand noise (units)): the ${demand} demand's level rounds to ${level} every week, so below a noise of ${minDemandNoise(horizon)} the demand may keep one value through a ${horizon}-week game in more than 1 game in 100 (in every game at 0), and the bullwhip ratio var(orders) / var(demand) of such a game is undefined; give a noise of at least ${minDemandNoise(horizon)} at this horizon, or a step or seasonal demand whose weeks differ, got ${got}`;
    expect(() => decodeScenario('v=1&env=supply-chain&demandStd=0', 'strict')).toThrow(message('iid', 8, 52, '0'));
    expect(() => decodeScenario('v=1&env=supply-chain&demandStd=1e-300', 'strict')).toThrow(message('iid', 8, 52, '1e-300'));
    expect(() => decodeScenario('v=1&env=supply-chain&demandStd=0.7&horizon=8', 'strict')).toThrow(message('iid', 8, 8, '0.7'));
    // Sterman's step at m = 1 is 1 before and after (m / 2 = 0.5 rounds to 1); a season of amplitude 0 is no season.
    expect(() => decodeScenario('v=1&env=supply-chain&demand=step&demandMean=1&demandStd=0', 'strict')).toThrow(message('step', 1, 52, '0'));
    expect(() => decodeScenario('v=1&env=supply-chain&demand=seasonal&seasonAmplitude=0&demandStd=0', 'strict')).toThrow(message('seasonal', 8, 52, '0'));
    // Enough noise for the horizon, or a level that varies without any.
    for (const link of ['demandStd=0.3', 'demandStd=0.72&horizon=8', 'demand=step&demandStd=0', 'demand=seasonal&demandStd=0']) {
      expect(decodeScenario(`v=1&env=supply-chain&${link}`).problems, link).toEqual([]);
    }
  });
});

