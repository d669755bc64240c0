/**
 * The supply chain's learning figures over seeds (the README's tables): trains one scenario per
 * seed and prints, per seed and as a mean with a 95% t interval, the last 10 iterations' means
 * of the stages' entropy, the entropy of the levels the rational chain chose, the chains' costs
 * against the base-stock chain's and the factory's variance ratio.
 *   npx tsx scripts/supply-chain-seeds.ts '{"leader":"none","targetMu":0,"targetSigma":0}' 11,12,13,14,15 160
 * The scenario's fields default as in the README's runs: 4 chains, 1 target chain, hidden 16.
 */
import { supplyChainScenarioSchema } from '../src/envs/supply-chain/config';
import type { SupplyChainEnv } from '../src/envs/supply-chain/env';
import { LEVELS, safetyStock, STAGES } from '../src/envs/supply-chain/model';
import { mean, sampleStd } from '../src/engine/metrics';
import { useNodeBackend } from '../src/engine/node-backend';
import type { IterationMetrics } from '../src/engine/stackelberg';
import { trainerOf } from '../src/envs/trainer';

const LAST = 10;
/** Two-sided 97.5% quantiles of Student's t for 1 ... 9 degrees of freedom. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262];

const [fields = '{}', seedList = '11,12,13', iterationArg = '160'] = process.argv.slice(2);
const seeds = seedList.split(',').map(Number);
const iterations = Number(iterationArg);
const KEYS = ['entropy', 'rationalLevelEntropy', 'chainCost', 'chainCostRational', 'chainCostBaseStock', 'costRatio', 'bullwhip3', 'bullwhipRational3', 'bullwhipBaseStock3'];

/** The safety stocks chosen at least 1% of the time, with their shares: "0 52%, +2 11%, +4 36%". */
function shares(counts: Float64Array): string {
  const n = counts.reduce((a, b) => a + b, 0);
  return Array.from(counts, (c, level) => [safetyStock(level), c / n] as const)
    .filter(([, share]) => share >= 0.01)
    .map(([a, share]) => `${a > 0 ? '+' : ''}${a} ${(100 * share).toFixed(0)}%`)
    .join(', ');
}

await useNodeBackend();
const rows: Record<string, number>[] = [];
for (const seed of seeds) {
  const scenario = supplyChainScenarioSchema.parse({ env: 'supply-chain', markets: 4, targetMarkets: 1, hidden: 16, ...JSON.parse(fields), seed });
  const trainer = trainerOf(scenario);
  const env = trainer.env as SupplyChainEnv;
  // The levels the rational chain's stages chose in the last LAST iterations: their entropy bounds its stages' mean policy entropy from above.
  const chosen = Array.from({ length: STAGES }, () => new Float64Array(LEVELS));
  let counting = false;
  const step = env.step.bind(env);
  env.step = (actions, rewards) => {
    if (counting) for (let k = 0; k < STAGES; k++) chosen[k][actions[env.population.rationalCopy * STAGES + k]]++;
    step(actions, rewards);
  };
  const ms: IterationMetrics[] = [];
  try {
    for (let i = 0; i < iterations; i++) {
      counting = i >= iterations - LAST;
      ms.push(await trainer.iterate());
    }
  } finally {
    trainer.dispose();
  }
  const last = (key: string) => mean(ms.slice(-LAST).map((m) => m.envMetrics[key] ?? (m[key as keyof IterationMetrics] as number)));
  const levels = chosen.reduce((sum, c) => sum.map((x, a) => x + c[a]), new Float64Array(LEVELS));
  const n = levels.reduce((a, b) => a + b, 0);
  const row: Record<string, number> = { seed, rationalLevelEntropy: -Array.from(levels).reduce((h, c) => h + (c ? (c / n) * Math.log(c / n) : 0), 0) };
  for (const key of KEYS) row[key] ??= last(key);
  row.costRatio = row.chainCostRational / row.chainCostBaseStock;
  rows.push(row);
  console.log(KEYS.map((k) => `${k} ${row[k].toFixed(3)}`).join(', '), `(seed ${seed})`);
  console.log(`  the rational chain's safety stocks, by stage: ${chosen.map((c, k) => `${k}: ${shares(c)}`).join('; ')}`);
}
if (rows.length > 1) {
  const half = (xs: number[]) => (T975[xs.length - 2] ?? 1.96) * (sampleStd(xs) / Math.sqrt(xs.length));
  console.log(`mean [95% interval] over seeds ${seedList}, iterations ${iterations - LAST + 1}-${iterations}:`);
  for (const k of KEYS) {
    const xs = rows.map((r) => r[k]);
    console.log(`  ${k}: ${mean(xs).toFixed(3)} [${(mean(xs) - half(xs)).toFixed(3)}, ${(mean(xs) + half(xs)).toFixed(3)}]`);
  }
}
