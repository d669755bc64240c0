/**
 * The real CLI end to end, spawned as a user would run it: exit codes, output schemas, row
 * counts, shard + merge, field-level errors, and link replay. Tiny scenarios keep it fast.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { encodeScenario } from '../scenario/codec';
import { FINISHED_INDEX, finishedFiles, type FinishedIndex } from '../scenario/finished-files';
import { checkPoliciesDocument, readPoliciesText } from '../scenario/policies-file';
import { ENV_IDS, moduleOf, scenarioSchema } from '../scenario/schema';
import { finalKeys } from './run-metrics';

const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'adage-cli-'));
const TINY = { env: 'entrance-tobin', n: 10, markets: 2, horizon: 16, hidden: 8, iterations: 2, seed: 3 } as const;
const tinyFile = join(dir, 'tiny.json');
writeFileSync(tinyFile, JSON.stringify(TINY));

/** This process's environment without a job array's index, which would shard every sweep. */
const { SLURM_ARRAY_TASK_ID: _slurm, JOB_COMPLETION_INDEX: _indexed, ...ENV } = process.env;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({}, ...args);
}

function cliWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000, env: { ...ENV, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Everything a run reports but its wall time. */
const deterministic = (rows: Record<string, unknown>[]) => rows.map(({ ms: _ms, ...rest }) => rest);

const ROW_KEYS = ['seed', 'iteration', 'attendance', 'volatility', 'mapc', 'welfare', 'theta', 'thetaStd', 'leaderReward', 'policyLoss', 'valueLoss', 'entropy', 'approxKl', 'ms'];
const FINAL_KEYS = finalKeys(scenarioSchema.parse(TINY));

describe('adage-lab run', () => {
  it('trains each seed, prints every iteration as JSON and a summary, exits 0', async () => {
    const { code, stdout, stderr } = await cli('run', '--scenario', tinyFile, '--seeds', '2');
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.kind).toBe('adage-lab/run');
    expect(result.backend).toBe('wasm');
    expect(result.scenario).toEqual(scenarioSchema.parse(TINY));
    expect(result.iterations).toHaveLength(4);
    expect(Object.keys(result.iterations[0])).toEqual(ROW_KEYS);
    expect(result.iterations.map((r: { seed: number; iteration: number }) => [r.seed, r.iteration])).toEqual([[3, 1], [3, 2], [4, 1], [4, 2]]);
    expect(result.finals.map((f: { seed: number }) => f.seed)).toEqual([3, 4]);
    expect(Object.keys(result.summary)).toEqual([...FINAL_KEYS]);
    for (const key of FINAL_KEYS) expect(Number.isFinite(result.summary[key].mean), key).toBe(true);
    expect(stderr).toMatch(/run: 4\/4 iterations \(100%\)/); // plain progress lines off a terminal
    expect(stderr).toContain('volatility');
  });

  it('replays a lab link to the same metrics as the same scenario from a JSON file, and writes CSV', async () => {
    const link = `http://127.0.0.1:4173/?backend=wasm#${encodeScenario(scenarioSchema.parse(TINY))}`;
    const csvFile = join(dir, 'replay.csv');
    const [fromFile, fromLink] = await Promise.all([cli('run', '--scenario', tinyFile, '--workers', '1'), cli('run', '--scenario', link, '--workers', '1', '--out', csvFile)]);
    expect(fromLink.code, fromLink.stderr).toBe(0);
    expect(fromLink.stdout).toBe('');
    const rows = parse(readFileSync(csvFile, 'utf8'), { columns: true, cast: true }) as Record<string, unknown>[];
    expect(Object.keys(rows[0])).toEqual(ROW_KEYS);
    expect(rows).toHaveLength(TINY.iterations);
    // Same seed, same backend: identical numbers (CSV holds each float's shortest exact form).
    expect(deterministic(rows)).toEqual(deterministic(JSON.parse(fromFile.stdout).iterations));
  });

  it('refuses a bad scenario with messages naming each field, exit code 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...TINY, c: 1.5, leader: 'king' }));
    const file = await cli('run', '--scenario', bad);
    expect(file.code).toBe(2);
    expect(file.stdout).toBe('');
    expect(file.stderr).toContain('c (capacity as a share of traders, C = c n) must be a number from 0 to 1, got 1.5');
    expect(file.stderr).toContain('leader (who sets theta) must be one of ppo, bayesopt, fixed, none, got "king"');

    const link = await cli('run', '--scenario', 'http://127.0.0.1:4173/#v=1&env=entrance-tobin&n=abc', '--iterations', '0');
    expect(link.code).toBe(2);
    expect(link.stderr).toContain('n (traders per market) must be a whole number from 2 to 1000, got "abc"');
    expect(link.stderr).not.toContain('using the default'); // the CLI refuses; it does not fall back

    // Refusals say what is refused, not what lenient reading would have done instead.
    const unknown = await cli('run', '--scenario', '#v=1&env=entrance-tobin&warp=9');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown field warp: entrance-tobin has no such field');
    expect(unknown.stderr).not.toContain('(ignored)');
    const env = await cli('run', '--scenario', '#v=1&env=stock-market&iterationsPerAgent=3');
    expect(env.code).toBe(2);
    expect(env.stderr).toBe(`adage-lab: invalid scenario:\n  unknown environment "stock-market"; allowed: ${ENV_IDS.join(', ')}\n`);
  });
});

describe('adage-lab run on the differentiable entrance game', () => {
  it("runs I = iterationsPerAgent N iterations, summarises its own figures, and refuses --iterations", async () => {
    const link = 'http://127.0.0.1:4173/#v=1&env=entrance-diff&n=10&runs=4&iterationsPerAgent=3&seed=2';
    const { code, stdout, stderr } = await cli('run', '--scenario', link);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.iterations).toHaveLength(30);
    expect(Object.keys(result.summary)).toEqual(['attendance', 'gap', 'tau', 'gini', 'welfare']);
    expect(result.summary.gap.mean).toBeGreaterThan(0); // the late group is behind
    expect(stderr).toContain('gini');

    const refused = await cli('run', '--scenario', link, '--iterations', '5');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--iterations: the entrance-diff environment has no iterations field; set its run length with the scenario\'s own fields (iterationsPerAgent)');
  });
});

describe('adage-lab sweep and merge', () => {
  const args = ['--scenario', tinyFile, '--vary', 'c=0.4:0.6:0.2', '--vary', 'leader=none,ppo', '--seeds', '2', '--iterations', '1'];

  it('writes one row per grid point with mean and std over seeds; shards merge into the same result', async () => {
    const all = join(dir, 'all.json');
    const shards = [1, 2].map((i) => join(dir, `shard${i}.json`));
    const runs = await Promise.all([
      cli('sweep', ...args, '--out', all),
      // The two halves as a Slurm array task (--array=1-2) and a Kubernetes Indexed Job pod would run them.
      cliWith({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '2' }, 'sweep', ...args, '--workers', '1', '--out', shards[0]),
      cliWith({ JOB_COMPLETION_INDEX: '1' }, 'sweep', ...args, '--shards', '2', '--workers', '1', '--out', shards[1]),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(runs[1].stderr).toContain('shard 1/2 (SLURM_ARRAY_TASK_ID=1 of 2 tasks from 1): 4 runs');
    expect(runs[2].stderr).toContain('shard 2/2 (JOB_COMPLETION_INDEX=1 with --shards 2): 4 runs');
    const result = JSON.parse(readFileSync(all, 'utf8'));
    expect(result.kind).toBe('adage-lab/sweep');
    expect(result.runs).toHaveLength(8);
    expect(result.rows.map((r: Record<string, unknown>) => [r.c, r.leader, r.runs])).toEqual([[0.4, 'none', 2], [0.4, 'ppo', 2], [0.6, 'none', 2], [0.6, 'ppo', 2]]);
    for (const key of FINAL_KEYS) {
      expect(Number.isFinite(result.rows[0][`${key}Mean`]), key).toBe(true);
      expect(result.rows[0][`${key}Std`], key).toBeGreaterThanOrEqual(0);
    }
    expect(result.rows[0].thetaMean).toBe(0); // no tax without a leader

    const merged = join(dir, 'merged.json');
    const merge = await cli('merge', shards[1], shards[0], '--out', merged);
    expect(merge.code, merge.stderr).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(all, 'utf8'));

    const missing = await cli('merge', shards[0]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('4 of 8 tasks are missing');

    const csv = join(dir, 'merged.csv');
    expect((await cli('merge', ...shards, '--out', csv)).code).toBe(0);
    const rows = parse(readFileSync(csv, 'utf8'), { columns: true, cast: true }) as Record<string, unknown>[];
    expect(rows).toHaveLength(4);
    expect(Object.keys(rows[0]).slice(0, 5)).toEqual(['c', 'leader', 'runs', 'attendanceMean', 'attendanceStd']);
  });

  it('refuses a job array shard that would write to stdout, before training', async () => {
    const { code, stderr } = await cliWith({ JOB_COMPLETION_INDEX: '0' }, 'sweep', '--scenario', tinyFile, '--shards', '2');
    expect(code).toBe(2);
    expect(stderr).toContain('a shard (JOB_COMPLETION_INDEX=0 with --shards 2) needs --out with a .json name: merge joins the parts (or --shard 1/1 to run the whole sweep in this job)');
  });

  it('names the field and the grid point of an out-of-range value, before training', async () => {
    const { code, stderr } = await cli('sweep', '--scenario', tinyFile, '--vary', 'c=0.6:1.4:0.4', '--seeds', '1');
    expect(code).toBe(2);
    expect(stderr).toContain('grid point c=1.4: c (capacity as a share of traders, C = c n) must be a number from 0 to 1, got 1.4');
    expect(stderr).not.toContain('sweep:'); // no progress: nothing was trained
  });
});

describe("each environment's headline figures", () => {
  /** A one-iteration, one-seed scenario file of the environment's conformance size. */
  function tinyOf(env: (typeof ENV_IDS)[number]): string {
    const file = join(dir, `${env}-tiny.json`);
    writeFileSync(file, JSON.stringify({ env, ...moduleOf(env).tiny, iterations: 1 }));
    return file;
  }

  // Figures the page and the presets cite that sweeps once dropped (they were no final figures).
  it.each([
    ['cournot', ['quantityRational', 'maeNash', 'maeRational']],
    ['cobweb', ['maeRe', 'maeRational']],
    ['supply-chain', ['bullwhip0', 'bullwhip3', 'bullwhipRational3', 'chainCostRational']],
  ] as const)('%s: sweep keeps them, mean and std, as its module marks them final', async (env, headline) => {
    const { code, stdout, stderr } = await cli('sweep', '--scenario', tinyOf(env), '--seeds', '1', '--workers', '1');
    expect(code, stderr).toBe(0);
    const [row] = JSON.parse(stdout).rows as Record<string, number>[];
    const keys = finalKeys(scenarioSchema.parse({ env }));
    expect(Object.keys(row)).toEqual(['runs', ...keys.flatMap((k) => [`${k}Mean`, `${k}Std`])]);
    for (const key of headline) {
      expect(keys).toContain(key);
      expect(Number.isFinite(row[`${key}Mean`]), key).toBe(true);
      expect(stderr).toContain(`${key} `);
    }
  });

  it("market maker: run summarises the shortfall and writes the last evaluation's Figure 8 per omega with --snapshots", async () => {
    const snapshots = join(dir, 'mm-snapshots.json');
    const { code, stdout, stderr } = await cli('run', '--scenario', tinyOf('market-maker'), '--workers', '1', '--snapshots', snapshots);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result.summary)).toContain('shortfall');
    expect(Number.isFinite(result.summary.shortfall.mean)).toBe(true);
    expect(stderr).toContain(`snapshots of the last iteration written to ${snapshots}`);
    const written = JSON.parse(readFileSync(snapshots, 'utf8'));
    expect(written.kind).toBe('adage-lab/snapshots');
    expect(written.scenario).toEqual(result.scenario);
    expect(written.runs.map((r: { seed: number; iteration: number }) => [r.seed, r.iteration])).toEqual([[1, 1]]);
    // The conditional MM at the trained omegas and the three extrapolation ones, and each fixed-omega baseline at its own.
    const figure8 = written.runs[0].snapshots;
    expect(figure8.eval_omegas).toEqual([0.1, 0.2, 0.6, 0.8, 0.9]);
    expect(figure8.base_omegas).toEqual([0.2, 0.8]);
    for (const key of ['eval_reward', 'eval_pnl', 'eval_share', 'eval_spread']) expect(figure8[key], key).toHaveLength(5);
    expect(figure8.bookPrice).toHaveLength(8); // market 0's order book, step by step

    const csv = await cli('run', '--scenario', tinyOf('market-maker'), '--snapshots', join(dir, 'snapshots.csv'));
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('--snapshots writes JSON');
  });
});

describe('adage-lab table2', () => {
  it('runs in shards, merges, and prints the table beside the paper\'s numbers, saying how the figures are made', async () => {
    const parts = [1, 2].map((i) => join(dir, `table2-${i}.json`));
    const shards = await Promise.all(parts.map((file, i) => cli('table2', '--scenario', tinyFile, '--seeds', '1', '--iterations', '1', '--workers', '1', '--shard', `${i + 1}/2`, '--out', file)));
    for (const r of shards) expect(r.code, r.stderr).toBe(0);
    const merged = join(dir, 'table2.json');
    expect((await cli('merge', ...parts, '--out', merged)).code).toBe(0);
    expect((await cli('table2', '--from', parts[0])).stderr).toContain('one shard: merge them all first');

    const { code, stdout, stderr } = await cli('table2', '--from', merged);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('n = 20');
    expect(stdout).toContain('steps with D_(t-1) = 0 skipped');
    expect(stdout).toContain('last 10 iterations');
    const table = stdout.split('\n').filter((l) => /^\s*\d+\s+0\.\d\s/.test(l));
    expect(table.map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual([
      ['2', '0.1', '1.35'], ['4', '0.2', '0.92'], ['6', '0.3', '1.23'], ['8', '0.4', '1.64'], ['10', '0.5', '3.67'],
      ['12', '0.6', '2.13'], ['14', '0.7', '1.88'], ['16', '0.8', '1.39'], ['18', '0.9', '2.22'],
    ]);
    expect(table[5].trim().split(/\s+/)[4]).toBe('1.62'); // the paper's ADAGE std(D) at C = 12
    for (const line of table) expect(line).not.toMatch(/NaN/);
  });

  it('runs the rows of --capacities only, and refuses a capacity the table does not have', async () => {
    const part = join(dir, 'table2-part.json');
    const { code, stdout, stderr } = await cli('table2', '--scenario', tinyFile, '--capacities', '16,4', '--seeds', '1', '--iterations', '1', '--workers', '1', '--out', part);
    expect(code, stderr).toBe(0);
    const table = stdout.split('\n').filter((l) => /^\s*\d+\s+0\.\d\s/.test(l));
    expect(table.map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual([['4', '0.2', '0.92'], ['16', '0.8', '1.39']]);
    expect(JSON.parse(readFileSync(part, 'utf8')).runs).toHaveLength(4);
    expect((await cli('table2', '--from', part)).stdout).toBe(stdout);

    const refused = await cli('table2', '--capacities', '4,5,20', '--seeds', '1');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--capacities 4,5,20: "5", "20" are not capacities of Table 2; its capacities C (n = 20) are 2, 4, 6, 8, 10, 12, 14, 16, 18');
    expect(refused.stderr).not.toContain('table2:'); // refused before any training
  });
});

describe('adage-lab report', () => {
  it("writes each preset's figures with intervals beside its baseline, and the command that made it", async () => {
    const out = join(dir, 'results.md');
    const presets = 'pigouvian-tax,late-fairness';
    const { code, stderr } = await cli('report', '--quick', '--seeds', '2', '--evaluate', '2', '--presets', presets, '--workers', '1', '--out', out);
    expect(code, stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain(`npx adage-lab report --quick --seeds 2 --evaluate 2 --presets ${presets} --out ${out}`);
    for (const [id, keys] of [['pigouvian-tax', ['tax', 'output', 'welfare']], ['late-fairness', ['gap', 'gini', 'tau']]] as const) {
      const section = md.slice(md.indexOf(`Preset \`${id}\``));
      for (const key of keys) {
        // this run, baseline, difference: each a mean ± its interval; then the verdict.
        expect(section).toMatch(new RegExp(`\\(\`${key}\`\\) \\| -?[\\d.]+ ± [\\d.]+ \\| -?[\\d.]+ ± [\\d.]+ \\| -?[\\d.]+ ± [\\d.]+ \\| (yes|no) \\|`));
      }
    }
  }, 120_000);

  it('refuses an unknown preset and a single seed, naming what is wrong (exit 2)', async () => {
    const unknown = await cli('report', '--presets', 'nope', '--out', join(dir, 'x.md'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no preset "nope"; the presets are tobin-tax');
    const one = await cli('report', '--seeds', '1', '--out', join(dir, 'x.md'));
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('--seeds 1: an interval needs at least 2 seeds');
  });
});

describe('adage-lab finished', () => {
  it("writes each preset's run and baseline as policies files the lab opens, and an index that keeps other presets' entries", async () => {
    const out = join(dir, 'finished');
    const first = await cli('finished', '--quick', '--presets', 'pigouvian-tax', '--workers', '1', '--out', out);
    expect(first.code, first.stderr).toBe(0);
    const second = await cli('finished', '--quick', '--presets', 'late-fairness', '--workers', '1', '--out', out);
    expect(second.code, second.stderr).toBe(0);
    const index = JSON.parse(readFileSync(join(out, FINISHED_INDEX), 'utf8')) as FinishedIndex;
    expect(Object.keys(index.runs).sort()).toEqual(['late-fairness', 'pigouvian-tax']);
    for (const id of Object.keys(index.runs)) {
      for (const name of Object.values(finishedFiles(id))) {
        const checked = checkPoliciesDocument(readPoliciesText(readFileSync(join(out, name), 'utf8')));
        expect('doc' in checked && checked.doc.iteration, name).toBe(index.runs[id].iteration);
      }
    }
    expect(Object.keys(index.runs['pigouvian-tax'].final).sort()).toEqual(['output', 'tax', 'welfare']);
    const unknown = await cli('finished', '--presets', 'nope', '--out', out);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no preset "nope"');
  }, 120_000);
});
