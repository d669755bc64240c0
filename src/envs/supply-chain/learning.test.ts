/**
 * Learning stages at the default chain and demand, every lambda_i = 0, with a fixed seed (wasm
 * backend): the stages' policy concentrates (entropy below half of ln 9), the rational chain's
 * cost comes near the base-stock heuristic's on the same demand, and its factory orders vary
 * less than those of a chain whose stages choose their safety stocks at random, within the
 * issue's 15% of the base-stock cost. Seed 2: of the ten seeds measured (1-5, 11-15; README) nine
 * end within 10% of the base-stock chain; seed 1, the one that stalls (its stages mixing safety
 * stocks 0 and +4, 1.32), would not test the claim but that stall.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { supplyChainScenarioSchema } from './config';
import { mean } from '../../engine/metrics';
import { useNodeBackend } from '../../engine/node-backend';
import { Rng } from '../../engine/rng';
import type { IterationMetrics } from '../../engine/stackelberg';
import { drawDemand, demandLevel } from './demand';
import { LEVELS, newOutcome, orderUpTo, safetyStock, STAGES, steadyChain, week } from './model';
import { bullwhipRatios } from './report';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

const ITERATIONS = 160;
const LAST = 10;
/**
 * Every field at its default but a smaller network and fewer chains: 4 + 1 rational + 1 target,
 * with no calibrator (leader 'none') and the target's lambda* = 0, so every stage is rational.
 */
const SCENARIO = supplyChainScenarioSchema.parse({ env: 'supply-chain', seed: 2, leader: 'none', targetMu: 0, targetSigma: 0, markets: 4, targetMarkets: 1, hidden: 16 });

/** The factory's variance ratio, mean over `games` games of chains whose stages draw their safety stocks uniformly. */
function randomFactoryRatio(games: number, rng: Rng): number {
  const p = SCENARIO;
  const T = p.horizon;
  const out = newOutcome();
  const x = new Float64Array(STAGES);
  const safety = new Float64Array(STAGES);
  const ratios: number[] = [];
  for (let g = 0; g < games; g++) {
    const chain = steadyChain(p, p.demandMean, p.initialInventory);
    const orders = new Float64Array(T * STAGES);
    const demand = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      for (let k = 0; k < STAGES; k++) safety[k] = safetyStock(Math.floor(rng.uniform() * LEVELS));
      orderUpTo(p, chain, demandLevel(p, t), safety, x);
      demand[t] = drawDemand(p, t, rng);
      week(p, chain, demand[t], x, out);
      orders.set(out.ordered, t * STAGES);
    }
    ratios.push(bullwhipRatios(orders, demand, 1, 0, 1, T)[STAGES - 1]);
  }
  return mean(ratios);
}

describe('rational stages after a short training run (seed 2)', () => {
  const ms: IterationMetrics[] = [];
  beforeAll(async () => {
    const trainer = trainerOf(SCENARIO);
    try {
      for (let i = 0; i < ITERATIONS; i++) ms.push(await trainer.iterate());
    } finally {
      trainer.dispose();
    }
  });

  const last = (key: string) => mean(ms.slice(-LAST).map((m) => m.envMetrics[key] ?? (m[key as keyof IterationMetrics] as number)));

  it('concentrate their policy and come within 15% of the base-stock chain’s cost, with less factory amplification than random safety stocks', () => {
    const random = randomFactoryRatio(LAST, Rng.fromSeed(7));
    console.log(
      `iterations ${ITERATIONS - LAST + 1}-${ITERATIONS}: entropy ${last('entropy').toFixed(3)} (ln 9 = ${Math.log(LEVELS).toFixed(3)}); ` +
        `chain cost ${last('chainCostRational').toFixed(2)} a week, base-stock ${last('chainCostBaseStock').toFixed(2)} on the same demand; ` +
        `factory var(q_3) / var(D) ${last('bullwhipRational3').toFixed(2)} (base-stock ${last('bullwhipBaseStock3').toFixed(2)}, random safety stocks ${random.toFixed(2)})`,
    );
    expect(last('entropy')).toBeLessThan(Math.log(LEVELS) / 2);
    expect(last('chainCostRational')).toBeLessThan(1.15 * last('chainCostBaseStock'));
    expect(last('bullwhipRational3')).toBeLessThan(random);
    // Learning, not the starting point: the first iterations cost more than the base-stock chain by far.
    expect(mean(ms.slice(0, LAST).map((m) => m.envMetrics.chainCostRational))).toBeGreaterThan(1.5 * last('chainCostBaseStock'));
  });
});
