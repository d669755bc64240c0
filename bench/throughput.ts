/**
 * Figure 1: training throughput in agent-steps/s (rollout + PPO update, wall clock) on the
 * standard configuration, in Node, in the lab's worker in Chromium, and in the PyTorch reference
 * (../shared/bench-reference/ppo_entrance.py, one thread) doing the same work. They run one after
 * another, never together: on 2 cores they would contend and the ratio would mean nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type EntranceScenario } from '../src/scenario/schema';
import { entranceScenarioSchema } from '../src/envs/entrance-tobin/config';
import type { Lab } from './lib/lab';
import type { Figure, Row } from './lib/output';
import { rateRow } from './lib/rate';
import { chromiumRate, nodeRate } from './lib/training-rate';

/** n = 100, 8 markets, 128 steps, 2x64 tanh, no tax; 4 epochs x 4 minibatches is the engine default. */
const STANDARD = entranceScenarioSchema.parse({ env: 'entrance-tobin', leader: 'none', n: 100, markets: 8, horizon: 128, hidden: 64, seed: 1, iterations: 1000 });
const REFERENCE = path.resolve('../shared/bench-reference/ppo_entrance.py');
const PYTHON = '/usr/bin/python3';
/** PyTorch has no warm-up worth leaving out; 10 iterations take ~12 s at its speed here. */
const REFERENCE_ITERATIONS = 10;

/** The reference's own JSON line as a row, or why it could not run. */
function reference(s: EntranceScenario): Promise<Row | string> {
  if (!existsSync(REFERENCE)) return Promise.resolve(`skipped: ${REFERENCE} not found`);
  const args = [REFERENCE, '--threads', '1', '--iters', String(REFERENCE_ITERATIONS), '--agents', String(s.n), '--envs', String(s.markets), '--steps', String(s.horizon), '--hidden', String(s.hidden)];
  return new Promise((resolve) => {
    execFile(PYTHON, args, { cwd: path.dirname(REFERENCE), timeout: 300_000 }, (err, stdout, stderr) => {
      if (err) return resolve(`skipped: ${PYTHON} ppo_entrance.py failed (${stderr.trim().split('\n').pop() || err.message}); it needs python3-torch and libopenblas0-pthread`);
      const out = JSON.parse(stdout.trim().split('\n').pop()!) as { iters: number; wall_s: number };
      resolve(rateRow('python', 'pytorch-cpu, 1 thread', s, { iterations: out.iters, seconds: out.wall_s }, { rows: 'every row' }));
    });
  });
}

export async function throughput(lab: () => Promise<Lab>): Promise<Omit<Figure, 'machine'>> {
  const s = STANDARD;
  // The reference runs before and after the lab: others share this machine, and the two
  // runs show how much its load moved while the lab was timed.
  const before = await reference(s);
  const measured = [await nodeRate(s, 120, 'none'), await nodeRate(s, 120), await chromiumRate(await lab(), s, 150)];
  const after = typeof before === 'string' ? before : await reference(s);
  const refs = [before, after].flatMap((r, i): Row[] => (typeof r === 'string' ? [] : [{ ...r, when: i ? 'after' : 'before' }]));
  const skipped = [...new Set([before, after].filter((r) => typeof r === 'string'))];
  const refRate = refs.length ? refs.reduce((sum, r) => sum + (r.agentStepsPerS as number), 0) / refs.length : null;
  for (const row of measured) row.ratioToReference = refRate && row.agentStepsPerS !== null ? (row.agentStepsPerS as number) / refRate : null;
  return {
    figure: 1,
    name: 'throughput',
    title: 'Training throughput (rollout + PPO update, wall clock)',
    config: { env: s.env, leader: s.leader, n: s.n, markets: s.markets, horizon: s.horizon, hidden: s.hidden, ppo: '4 epochs x 4 minibatches', seed: s.seed },
    rows: [...refs, ...measured],
    notes: [
      `Reference: ${PYTHON} ppo_entrance.py --threads 1 --iters ${REFERENCE_ITERATIONS} (first iteration included), run just before and just after the lab; ratioToReference = lab / the mean of those runs.`,
      ...skipped.map((why) => `Reference ${why}.`),
      'Lab: one warm-up iteration left out, then at least 3 iterations over at least 5 s.',
      "rows: the reference puts every agent-step's row through the networks. The lab by default evaluates each distinct row once (in this game the traders of a market who share a last action see the same observation, so at n = 100 about 25 rows share each one) and sums PPO's loss per distinct row: the same loss and gradients (tested against the per-row computation), far fewer network rows. 'every row' is the lab doing the reference's per-row work, the like-for-like comparison of the two engines.",
    ],
  };
}
