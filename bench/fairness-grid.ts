/**
 * The fairness leader of ADAGE-Diff against no tax and the best fixed tax (entrance-diff README,
 * "The rollout leader against fixed taxes and no tax"): for each N, c and seed (tauMax 5, late
 * group at I/2, 10 runs side by side), the Gini at I (mean over the runs) with no tax, with each
 * fixed tax of a grid held all run, and with the rollout leader. Prints one JSON line per cell
 * and seed, then per cell the mean and 95% t-interval over the seeds.
 *   node --import tsx bench/fairness-grid.ts --seeds 17,18,19,20,21 [--n 50,100,200] [--c 0.3,0.4,0.5,0.6,0.7]
 * or, seeds run apart (one process each, lines gathered in files), only the summary:
 *   node --import tsx bench/fairness-grid.ts --from seed17.jsonl,seed18.jsonl,...
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { meanInterval } from '../src/engine/metrics';
import { useNodeBackend } from '../src/engine/node-backend';
import { entranceDiffScenarioSchema } from '../src/envs/entrance-diff/config';
import { moduleOf } from '../src/scenario/schema';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '17,18,19,20,21' },
    n: { type: 'string', default: '50,100,200' },
    c: { type: 'string', default: '0.3,0.4,0.5,0.6,0.7' },
    taxes: { type: 'string', default: '0.1,0.25,0.5,1,2,3,5' },
    from: { type: 'string' },
  },
});
const list = (s: string) => s.split(',').map(Number);

interface Cell {
  seed: number;
  n: number;
  c: number;
  none: number;
  best: number;
  bestTau: number;
  lead: number;
  tau: number;
}

/** The Gini and tau at I, means over the runs. */
async function atEnd(fields: Record<string, unknown>): Promise<{ gini: number; tau: number }> {
  const s = entranceDiffScenarioSchema.parse({ env: 'entrance-diff', tauMax: 5, runs: 10, ...fields });
  const env = moduleOf(s);
  const experiment = await env.experiment(s);
  try {
    let metrics: Record<string, number> = {};
    for (let i = env.iterations(s); i > 0; i--) metrics = (await experiment.iterate()).metrics;
    return { gini: metrics.gini, tau: metrics.tau };
  } finally {
    experiment.dispose();
  }
}

const cells: Cell[] = [];
if (values.from) for (const file of values.from.split(',')) cells.push(...readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Cell));
else await useNodeBackend();
for (const seed of values.from ? [] : list(values.seeds))
  for (const n of list(values.n))
    for (const c of list(values.c)) {
      const none = (await atEnd({ n, c, seed, leader: 'none' })).gini;
      let [best, bestTau] = [none, 0];
      for (const tau of list(values.taxes)) {
        const { gini } = await atEnd({ n, c, seed, leader: 'fixed', tau });
        if (gini < best) [best, bestTau] = [gini, tau];
      }
      const lead = await atEnd({ n, c, seed, leader: 'fairness' });
      const cell = { seed, n, c, none, best, bestTau, lead: lead.gini, tau: lead.tau };
      cells.push(cell);
      console.log(JSON.stringify(cell));
    }

const shown = (xs: number[], digits = 4) => {
  const { mean, half } = meanInterval(xs);
  return `${mean.toFixed(digits)} ± ${half.toFixed(digits)}`;
};
console.log('| N | c | no tax | best fixed tax (its Gini) | rollout leader (tau at I) | rollout / best fixed | rollout - no tax, largest over the seeds |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const keys = [...new Set(cells.map((x) => `${x.n} ${x.c}`))];
for (const key of keys) {
  const xs = cells.filter((x) => `${x.n} ${x.c}` === key);
  const taus = [...new Set(xs.map((x) => x.bestTau))].join(', ');
  console.log(
    `| ${xs[0].n} | ${xs[0].c} | ${shown(xs.map((x) => x.none))} | ${shown(xs.map((x) => x.best))} (tau ${taus}) | ${shown(xs.map((x) => x.lead))} (${shown(xs.map((x) => x.tau), 2)}) | ${shown(xs.map((x) => x.lead / x.best), 3)} | ${Math.max(...xs.map((x) => x.lead - x.none)).toExponential(1)} |`,
  );
}
const ratio = Math.max(...cells.map((x) => x.lead / x.best));
const excess = Math.max(...cells.map((x) => x.lead - x.none));
console.log(`${cells.length} runs of 10: the leader's Gini is at most ${ratio.toFixed(4)} times the best fixed tax's, and at most ${excess.toExponential(2)} above no tax's`);
