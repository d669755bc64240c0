/**
 * Learning stages at the default chain and demand, with a fixed seed (wasm backend): order
 * variance grows up the chain (the bullwhip) while the chains' cost falls. (Whether a larger
 * lambda_i moves one trained policy's adjustments towards the uniform prior is not asserted:
 * after this short run it did not hold on every seed; see the README.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { supplyChainScenarioSchema } from './config';
import { mean } from '../../engine/metrics';
import { useNodeBackend } from '../../engine/node-backend';
import { StackelbergTrainer, type IterationMetrics } from '../../engine/stackelberg';
import { STAGES } from './model';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

const ITERATIONS = 80;
const LAST = 10;
/** Every field at its default (the fixed leader's lambda_i ~ N(0.2, 0.05), the target's N(0.1, 0.05)) but fewer chains and a smaller network. */
const SCENARIO = supplyChainScenarioSchema.parse({ env: 'supply-chain', seed: 1, leader: 'fixed', markets: 4, targetMarkets: 1, hidden: 16 });

describe('the default chain after a short training run (seed 1)', () => {
  let trainer: StackelbergTrainer;
  const ms: IterationMetrics[] = [];
  beforeAll(async () => {
    trainer = trainerOf(SCENARIO);
    try {
      for (let i = 0; i < ITERATIONS; i++) ms.push(await trainer.iterate());
    } finally {
      trainer.dispose();
    }
  });

  const last = (key: string) => mean(ms.slice(-LAST).map((m) => m.envMetrics[key]));
  const ratios = (prefix: string) => Array.from({ length: STAGES }, (_, k) => last(`${prefix}${k}`));

  it('amplifies order variance up the chain: retailer < wholesaler < distributor < factory, in the calibrator’s chains and the rational one', () => {
    const heterogeneous = ratios('bullwhip');
    const rational = ratios('bullwhipRational');
    const show = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' < ');
    console.log(`var(q_k) / var(D), iterations ${ITERATIONS - LAST + 1}-${ITERATIONS}: heterogeneous ${show(heterogeneous)}; rational ${show(rational)}; pass-through 1`);
    console.log(`chain cost per week: ${mean(ms.slice(0, LAST).map((m) => m.envMetrics.chainCost)).toFixed(1)} in iterations 1-${LAST}, ${last('chainCost').toFixed(1)} (rational ${last('chainCostRational').toFixed(1)}) in the last ${LAST}`);
    for (const xs of [heterogeneous, rational]) {
      expect(xs[0]).toBeGreaterThan(1);
      for (let k = 1; k < STAGES; k++) expect(xs[k]).toBeGreaterThan(xs[k - 1]);
    }
    // Learning, not the starting point: the chains' cost fell.
    expect(last('chainCost')).toBeLessThan(0.8 * mean(ms.slice(0, LAST).map((m) => m.envMetrics.chainCost)));
  });
});
