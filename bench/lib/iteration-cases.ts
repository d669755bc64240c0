/**
 * Figure 9's cases (sizes x hidden x row modes, from iteration-options.ts), the scenario of each,
 * and a host's rows measured case after case: shared by the bench (../iteration-cost.ts) and the
 * GPU machine's kit (../gpu-machine/kit.ts), which may build a scenario the schema refuses.
 */
import type { Scenario } from '../../src/scenario/schema';
import { ScenarioError, parseScenario } from '../../src/scenario/validate';
import type { IterationHost, IterationOptions, RowMode } from './iteration-options';
import { iterationRow, type RowKey } from './iteration-rows';
import type { Outcome, RowHost } from './iterations';
import type { Row } from './output';

export const BASE = { env: 'entrance-tobin', leader: 'none', seed: 1 } as const;
const GROUPING = { distinct: 'identical', every: 'none' } as const satisfies Record<RowMode, string>;

export type Case = Omit<RowKey, 'host' | 'backend'>;

export const casesOf = (o: IterationOptions): Case[] => o.sizes.flatMap((size) => o.hidden.flatMap((hidden) => o.rows.map((rows) => ({ size, hidden, rows }))));

/** The scenario of a case, or why the lab refuses it (its schema's own words: the memory limit, a field's range). */
export function scenarioOf(c: Case): Scenario | string {
  try {
    return parseScenario({ ...BASE, ...c.size, hidden: c.hidden }, 'strict').scenario;
  } catch (err) {
    if (err instanceof ScenarioError) return `refused by the scenario's schema: ${err.problems.map((p) => p.message).join('; ')}`;
    throw err;
  }
}

export const show = (r: Row) =>
  `${r.host} ${r.backend} ${r.n}x${r.markets}x${r.horizon} hidden ${r.hidden} ${r.rows}: ` +
  (r.msPerIteration !== null ? `${Math.round(r.msPerIteration as number)} ms/iteration` : 'untimed') +
  (r.dispatchesPerIteration !== null ? `, ${r.dispatchesPerIteration} dispatches` : '') +
  (r.reason ? ` (${r.reason})` : '');

/** Every case of `o` on every backend of `host`, each row within the options' budget; `scenario` builds each case's. */
export async function measureCases(name: IterationHost, host: RowHost, o: IterationOptions, scenario: (c: Case) => Scenario | string = scenarioOf): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of casesOf(o)) {
    const s = scenario(c);
    const rowOf = (backend: string, outcome: Outcome) => {
      const row = iterationRow({ host: name, backend, ...c }, outcome, o.budgetS);
      console.error(`[bench] ${show(row)}`);
      rows.push(row);
    };
    // A refusal is the same on every backend: one row says it for all of them.
    if (typeof s === 'string') rowOf(host.backends.join(', '), { progress: null, problem: s });
    else for (const backend of host.backends) rowOf(backend, await host.measure({ scenario: s, grouping: GROUPING[c.rows], backend }, o.budgetS));
  }
  return rows;
}
