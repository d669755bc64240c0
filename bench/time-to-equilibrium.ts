/**
 * Figure 2: time to equilibrium in the browser. The lab with no tax, n = 10, c = 0.6 (C = 6)
 * and otherwise the defaults; seconds from pressing Start until the mean attendance of each
 * iteration has stayed within 10% (and 5%) of C for RUN iterations in a row, per seed.
 */
import { entranceScenarioSchema } from '../src/envs/entrance-tobin/config';
import { openLab, type Lab, type Trace } from './lib/lab';
import type { Figure, Row } from './lib/output';

const BASE = entranceScenarioSchema.parse({ env: 'entrance-tobin', leader: 'none', n: 10, c: 0.6, iterations: 1000 });
const SEEDS = [1, 2, 3];
const RUN = 5;
const LIMIT_S = 60;
const TOLERANCES = [0.1, 0.05];

/**
 * The first time the last RUN iterations were all within `tol` of `capacity`. When the worker
 * batches updates, some iterations are never shown; the ones shown in the window must all be within.
 */
function settled(t: Trace, capacity: number, tol: number): { seconds: number; iteration: number } | null {
  const shown = t.iterations.filter(([, it, a]) => it > 0 && Number.isFinite(a));
  for (let j = 0; j < shown.length; j++) {
    const [seconds, it] = shown[j];
    if (it < RUN) continue;
    const window = shown.filter(([, k]) => k > it - RUN && k <= it);
    if (window.every(([, , a]) => Math.abs(a - capacity) <= tol * capacity)) return { seconds, iteration: it };
  }
  return null;
}

export async function timeToEquilibrium(lab: () => Promise<Lab>): Promise<Omit<Figure, 'machine'>> {
  const rows: Row[] = [];
  const capacity = BASE.c * BASE.n;
  for (const seed of SEEDS) {
    const run = await openLab(await lab(), { ...BASE, seed });
    try {
      const done = (t: Trace) => TOLERANCES.every((tol) => settled(t, capacity, tol));
      const t = await run.until(done, LIMIT_S);
      const row: Row = { host: 'chromium', backend: run.backend, seed };
      for (const tol of TOLERANCES) {
        const r = settled(t, capacity, tol);
        row[`within${tol * 100}pctS`] = r?.seconds ?? null;
        row[`within${tol * 100}pctIteration`] = r?.iteration ?? null;
      }
      row.iterationsSeen = Math.max(0, ...t.iterations.map(([, it]) => it));
      rows.push(row);
    } finally {
      await run.close();
    }
  }
  return {
    figure: 2,
    name: 'time_to_equilibrium',
    title: 'Time to equilibrium in the browser (seconds from Start)',
    config: { env: BASE.env, leader: BASE.leader, n: BASE.n, c: BASE.c, markets: BASE.markets, horizon: BASE.horizon, hidden: BASE.hidden },
    rows,
    notes: [`Settled: the mean attendance of ${RUN} iterations in a row within the tolerance of C = c n; – means not within ${LIMIT_S} s. Goal: within 5% in under 10 s.`],
  };
}
