/**
 * The tax economy's headline (README "What the runs measured"): per seed, a run trained for its
 * iterations, then evaluated (evaluate.ts: households frozen at their policy's mode, the same
 * shocks for every schedule): the government's learned taxes against the free market and the
 * best flat income tax of a grid. Prints one JSON line per seed, then the mean and 95% interval
 * over the seeds of each figure and of the paired differences.
 *   node --import tsx bench/tax-economy-headline.ts --seeds 1,2,3,4,5 [--households 15] [--objective adversarial] [--iterations 80]
 * or, seeds run apart (one process each, lines gathered in files), only the summary:
 *   node --import tsx bench/tax-economy-headline.ts --from seed1.jsonl,seed2.jsonl,...
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { useNodeBackend } from '../src/engine/node-backend';
import { meanInterval } from '../src/engine/metrics';
import { taxEconomyScenarioSchema } from '../src/envs/tax-economy/config';
import { evaluateTaxes, type TaxHeadline } from '../src/envs/tax-economy/evaluate';
import { trainerOf } from '../src/envs/trainer';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3,4,5' },
    households: { type: 'string' },
    objective: { type: 'string', default: 'welfare' },
    episodes: { type: 'string', default: '4' },
    iterations: { type: 'string' },
    from: { type: 'string' },
  },
});
const interval = (xs: number[]) => {
  const { mean, half } = meanInterval(xs);
  return `${mean.toFixed(4)} ± ${half.toFixed(4)}`;
};

const rows: TaxHeadline[] = [];
if (values.from) for (const file of values.from.split(',')) rows.push(...readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TaxHeadline));
else await useNodeBackend();
for (const seed of values.from ? [] : values.seeds.split(',').map(Number)) {
  const over = { seed, objective: values.objective, ...(values.households ? { households: Number(values.households) } : {}), ...(values.iterations ? { iterations: Number(values.iterations) } : {}) };
  const s = taxEconomyScenarioSchema.parse({ env: 'tax-economy', ...over });
  const trainer = trainerOf(s);
  const t0 = performance.now();
  try {
    for (let i = 0; i < s.iterations; i++) await trainer.iterate();
    const h = await evaluateTaxes(trainer, Number(values.episodes), 1000);
    rows.push(h);
    console.log(JSON.stringify({ ...over, ...h, seconds: Math.round((performance.now() - t0) / 1000) }));
  } finally {
    trainer.dispose();
  }
}
const column = (f: (h: TaxHeadline) => number) => interval(rows.map(f));
console.log(`welfare: government ${column((h) => h.welfareGov)}, free market ${column((h) => h.welfareFree)}, best flat tax ${column((h) => h.welfareBestFlat)}`);
console.log(`government - free market ${column((h) => h.welfareGov - h.welfareFree)}; government - best flat ${column((h) => h.welfareGov - h.welfareBestFlat)}; best flat - free market ${column((h) => h.welfareBestFlat - h.welfareFree)}`);
console.log(`theta ${['tauI', 'xiI', 'tauA', 'xiA'].map((k, j) => `${k} ${column((h) => h.theta[j])}`).join(', ')}; best flat rate ${column((h) => h.bestFlatRate)}`);
