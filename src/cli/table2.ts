/**
 * `adage-lab table2`: the paper's Table 2 (ADAGE, arXiv 2501.09429) as a sweep: n = 20,
 * c = 0.1 ... 0.9 (C = 2 ... 18), no tax (baseline) against the PPO leader minimising
 * volatility, printed beside the paper's std(D).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Vary } from './grid';
import { readSweep } from './merge';
import { checkWritable, writeResult } from './output';
import { TABLE2 } from '../envs/entrance-tobin/paper';
import type { EntranceScenario } from '../scenario/schema';
import { FINAL_NOTE } from './run-metrics';
import { cliScenario, UsageError } from './scenario-input';
import { shardOption, sweepWithProgress } from './sweep-command';
import type { SweepResult, SweepRow } from './sweep';
import { moduleOf } from '../scenario/schema';

const { n: N, cShares: C_SHARES, std: PAPER_STD } = TABLE2;

/** The table's capacities C = c n, in its order. */
const CAPACITIES = C_SHARES.map((c) => Math.round(c * N));

const LEADERS: Vary = { field: 'leader', values: ['none', 'ppo'] };

/** The grid of the table's rows at these capacity shares: no tax and the learned tax at each. */
const table2Vary = (cs: readonly number[]): Vary[] => [LEADERS, { field: 'c', values: [...cs] }];

/**
 * --capacities 4,10,16: the rows of these capacities C (n = 20, so c = C / 20), in the table's
 * order; a C that is not a row of the table is refused, naming the ones that are.
 */
export function parseCapacities(text: string | undefined): number[] {
  if (text === undefined) return [...C_SHARES];
  const given = text.split(',').map((t) => t.trim());
  const wrong = given.filter((t) => !CAPACITIES.includes(Number(t)));
  if (wrong.length) throw new UsageError(`--capacities ${text}: ${wrong.map((t) => `"${t}"`).join(', ')} ${wrong.length > 1 ? 'are not capacities' : 'is not a capacity'} of Table 2; its capacities C (n = ${N}) are ${CAPACITIES.join(', ')}`);
  return C_SHARES.filter((_, i) => given.map(Number).includes(CAPACITIES[i]));
}

export interface Table2Options {
  scenario?: string;
  seeds: number;
  iterations?: number;
  workers?: number;
  shard?: string;
  shards?: number;
  capacities?: string;
  from?: string;
  out?: string;
}

/** "mean ± std" over seeds; the mean alone for one seed, whose std would read as a false 0. */
function cell(row: SweepRow, key: string, digits: number): string {
  const mean = Number(row[`${key}Mean`]).toFixed(digits);
  return Number(row.runs) > 1 ? `${mean} ± ${Number(row[`${key}Std`]).toFixed(digits)}` : mean;
}

export function formatTable2(result: SweepResult): string {
  const { seeds } = result;
  const scenario = result.scenario as EntranceScenario;
  const find = (leader: string, c: number) => result.rows.find((r) => r.leader === leader && r.c === c)!;
  const head = ['C', 'c', 'paper none', 'ours none', 'paper ADAGE', 'ours ADAGE', 'MAPC none', 'MAPC ADAGE', 'tau ADAGE'];
  const ran = new Set(result.vary.find((v) => v.field === 'c')!.values);
  const lines = C_SHARES.flatMap((c, i) => {
    if (!ran.has(c)) return [];
    const none = find('none', c);
    const ppo = find('ppo', c);
    return [[String(CAPACITIES[i]), String(c), PAPER_STD.baseline[i].toFixed(2), cell(none, 'volatility', 2), PAPER_STD.adage[i].toFixed(2), cell(ppo, 'volatility', 2), cell(none, 'mapc', 3), cell(ppo, 'mapc', 3), cell(ppo, 'theta', 3)]];
  });
  const widths = head.map((h, j) => Math.max(h.length, ...lines.map((l) => l[j].length)));
  const fmt = (cols: string[]) => cols.map((s, j) => s.padStart(widths[j])).join('  ');
  return [
    `Table 2 (ADAGE, arXiv 2501.09429): market entrance game, n = ${N}, ${scenario.markets} markets, ${scenario.horizon} steps per episode, ${scenario.iterations} iterations, ${seeds} seed(s), backend ${result.backend}.`,
    'none = no tax (baseline); ADAGE = PPO leader setting tau to minimise volatility.',
    'std(D): per iteration, the sample std of D_t over the episode, mean over markets.',
    `MAPC: ${moduleOf('entrance-tobin').metrics.find((m) => m.key === 'mapc')!.label}.`,
    `Ours: ${FINAL_NOTE}.`,
    '',
    fmt(head),
    ...lines.map(fmt),
  ].join('\n');
}

/** Whether a sweep's grid is Table 2's at some of its capacities. */
function isTable2Grid(vary: readonly Vary[]): boolean {
  const cs = vary[1]?.field === 'c' ? vary[1].values : [];
  return vary.length === 2 && isDeepStrictEqual(vary[0], LEADERS) && cs.length > 0 && isDeepStrictEqual(cs, C_SHARES.filter((c) => cs.includes(c)));
}

/** A whole table2 sweep from a file: one run, or the merge of its shards. */
function readTable2(name: string): SweepResult {
  const result = readSweep(name);
  if (result.shard || !isTable2Grid(result.vary) || result.scenario.env !== 'entrance-tobin' || result.scenario.n !== N) {
    throw new UsageError(`${name} is not a whole table2 sweep (${result.shard ? 'one shard: merge them all first' : 'other grid'})`);
  }
  return result;
}

export async function table2Command(o: Table2Options): Promise<void> {
  if (o.from) {
    if (o.capacities !== undefined) throw new UsageError('--capacities chooses the rows to run; --from prints a finished table2 sweep with the rows it ran');
    process.stdout.write(`${formatTable2(readTable2(o.from))}\n`);
    return;
  }
  checkWritable('--out', o.out);
  const resolved = shardOption(o);
  const shard = resolved?.shard ?? null;
  const cs = parseCapacities(o.capacities);
  const scenario = cliScenario(o.scenario, o.iterations, { n: N, objective: 'volatility' });
  if (scenario.env !== 'entrance-tobin') throw new UsageError(`table2 is the market entrance game's table: --scenario must be an entrance-tobin scenario, not ${scenario.env}`);
  const result = await sweepWithProgress(shard ? `table2 ${shard.index}/${shard.count}` : 'table2', { scenario, vary: table2Vary(cs), seeds: o.seeds, shard }, o.workers);
  if (o.out) writeResult(o.out, result, result.rows);
  if (resolved) process.stderr.write(`shard ${resolved.shard.index}/${resolved.shard.count} (${resolved.source}) written to ${o.out}; merge all shards, then table2 --from merged.json\n`);
  else process.stdout.write(`${formatTable2(result)}\n`);
}
