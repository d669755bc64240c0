/**
 * `adage-lab table2`: the paper's Table 2 (ADAGE, arXiv 2501.09429) as a sweep: n = 20,
 * c = 0.1 ... 0.9 (C = 2 ... 18), no tax (baseline) against the PPO leader minimising
 * volatility, printed beside the paper's std(D).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Vary } from './grid';
import { readSweep } from './merge';
import { writeResult } from './output';
import { TABLE2 } from '../envs/entrance-tobin/paper';
import type { EntranceScenario } from '../scenario/schema';
import { FINAL_NOTE } from './run-metrics';
import { cliScenario, UsageError } from './scenario-input';
import { shardOption, sweepWithProgress } from './sweep-command';
import type { SweepResult, SweepRow } from './sweep';
import { moduleOf } from '../scenario/schema';

const { n: N, cShares: C_SHARES, std: PAPER_STD } = TABLE2;

const VARY: Vary[] = [
  { field: 'leader', values: ['none', 'ppo'] },
  { field: 'c', values: [...C_SHARES] },
];

export interface Table2Options {
  scenario?: string;
  seeds: number;
  iterations?: number;
  workers?: number;
  shard?: string;
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
  const lines = C_SHARES.map((c, i) => {
    const none = find('none', c);
    const ppo = find('ppo', c);
    return [String(Math.round(c * N)), String(c), PAPER_STD.baseline[i].toFixed(2), cell(none, 'volatility', 2), PAPER_STD.adage[i].toFixed(2), cell(ppo, 'volatility', 2), cell(none, 'mapc', 3), cell(ppo, 'mapc', 3), cell(ppo, 'theta', 3)];
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

/** A whole table2 sweep from a file: one run, or the merge of its shards. */
function readTable2(name: string): SweepResult {
  const result = readSweep(name);
  if (result.shard || !isDeepStrictEqual(result.vary, VARY) || result.scenario.env !== 'entrance-tobin' || result.scenario.n !== N) {
    throw new UsageError(`${name} is not a whole table2 sweep (${result.shard ? 'one shard: merge them all first' : 'other grid'})`);
  }
  return result;
}

export async function table2Command(o: Table2Options): Promise<void> {
  if (o.from) {
    process.stdout.write(`${formatTable2(readTable2(o.from))}\n`);
    return;
  }
  const shard = shardOption(o.shard, o.out);
  const scenario = cliScenario(o.scenario, o.iterations, { n: N, objective: 'volatility' });
  if (scenario.env !== 'entrance-tobin') throw new UsageError(`table2 is the market entrance game's table: --scenario must be an entrance-tobin scenario, not ${scenario.env}`);
  const result = await sweepWithProgress(shard ? `table2 ${shard.index}/${shard.count}` : 'table2', { scenario, vary: VARY, seeds: o.seeds, shard }, o.workers);
  if (o.out) writeResult(o.out, result, result.rows);
  if (shard) process.stderr.write(`shard ${shard.index}/${shard.count} written to ${o.out}; merge all shards, then table2 --from merged.json\n`);
  else process.stdout.write(`${formatTable2(result)}\n`);
}
