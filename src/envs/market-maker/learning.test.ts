/**
 * Robust learning in the market-making game, seeded (wasm backend): one conditional MM trained on
 * omega drawn uniformly from {0, 0.25, 0.5, 0.75, 1} (the maximum-entropy leader), beside one MM
 * trained at each fixed omega; 100 iterations of 16 markets x 32 steps, then every MM played
 * frozen (experiment.ts's evaluation). The README quotes what these print.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { marketMakerScenarioSchema } from './config';
import { useNodeBackend } from '../../engine/node-backend';
import { parseList } from './config';
import { evaluate, type Figure8 } from './experiment';
import { expectedReward } from './model';
import { trainerOf } from '../trainer';

beforeAll(async () => {
  await useNodeBackend();
});

const SEEDS = [1, 2];
const ITERATIONS = 100;
const ZETA = 2;

async function trainAndEvaluate(seed: number): Promise<{ conditional: Figure8; baselines: Figure8 }> {
  const s = marketMakerScenarioSchema.parse({ env: 'market-maker', seed, markets: 16, horizon: 32, zeta: ZETA });
  const trained = parseList(s.omegas);
  const conditional = trainerOf(s);
  const baselines = trained.map((omega) => trainerOf({ ...s, leader: 'fixed', omega }));
  try {
    for (let i = 0; i < ITERATIONS; i++) for (const t of [conditional, ...baselines]) await t.iterate();
    return await evaluate(conditional, baselines, trained);
  } finally {
    [conditional, ...baselines].forEach((t) => t.dispose());
  }
}

const runs = new Map<number, Promise<{ conditional: Figure8; baselines: Figure8 }>>();
const run = (seed: number) => {
  if (!runs.has(seed)) runs.set(seed, trainAndEvaluate(seed));
  return runs.get(seed)!;
};
const at = (f: Figure8, key: keyof Figure8, omega: number) => f[key][f.omegas.indexOf(omega)];

/** The best half spread against LTs valued N(p0, zeta) with the price at p0, on a fine grid. */
function analyticSpread(omega: number): number {
  let best = 0;
  for (let h = 0; h <= 5; h += 0.001) {
    if (expectedReward(h, omega, ZETA, (z) => 1 - normalCdf(z, 0, 1)) > expectedReward(best, omega, ZETA, (z) => 1 - normalCdf(z, 0, 1))) best = h;
  }
  return best;
}

describe.each(SEEDS)('one conditional market maker for every preference (seed %i)', (seed) => {
  it('quotes a wider spread the more it values profit: monotone over the five trained omegas', async () => {
    const { conditional: c, baselines: b } = await run(seed);
    const spreads = [0, 0.25, 0.5, 0.75, 1].map((w) => at(c, 'spread', w));
    console.log(`seed ${seed}: conditional spread ${c.omegas.map((w, k) => `${w}: ${c.spread[k].toFixed(3)}`).join(', ')}; baselines ${b.spread.map((x) => x.toFixed(3)).join(', ')}`);
    for (let k = 1; k < spreads.length; k++) expect(spreads[k]).toBeGreaterThanOrEqual(spreads[k - 1]);
    expect(spreads[4]).toBeGreaterThan(spreads[0] + 0.5);
  });

  it('at omega = 1 quotes near the analytic best response, argmax h (1 - Phi(h / zeta))', async () => {
    const { conditional: c } = await run(seed);
    const hStar = analyticSpread(1);
    console.log(`seed ${seed}: omega = 1 spread ${at(c, 'spread', 1).toFixed(3)}, analytic ${hStar.toFixed(3)}`);
    // one action level is hMax / 20 = 0.25
    expect(Math.abs(at(c, 'spread', 1) - hStar)).toBeLessThan(0.3);
  });

  it("earns within 10% of each fixed-omega baseline's reward for omega >= 0.25 (omega = 0 is printed: see the README)", async () => {
    const { conditional: c, baselines: b } = await run(seed);
    const gaps = b.omegas.map((w, k) => ({ w, c: at(c, 'reward', w), b: b.reward[k] }));
    console.log(`seed ${seed}: reward conditional / baseline ${gaps.map((g) => `${g.w}: ${g.c.toFixed(3)} / ${g.b.toFixed(3)} (${((100 * (g.c - g.b)) / g.b).toFixed(0)}%)`).join(', ')}`);
    for (const g of gaps.filter((g) => g.w >= 0.25)) expect(g.c).toBeGreaterThan(0.9 * g.b);
  });

  it('trains each fixed-omega baseline to within 5% of the analytic best expected reward', async () => {
    const { baselines: b } = await run(seed);
    const upperTail = (z: number) => 1 - normalCdf(z, 0, 1);
    b.omegas.forEach((w, k) => {
      const best = expectedReward(analyticSpread(w), w, ZETA, upperTail);
      expect(Math.abs(b.reward[k] - best) / best, `omega ${w}: ${b.reward[k].toFixed(3)} against ${best.toFixed(3)}`).toBeLessThan(0.05);
    });
  });
});
