/**
 * Memory of a run against its size, the evidence behind the lab's memory and checkpoint limits
 * (src/engine/resource-limit.ts). Each configuration runs in a fresh Node process on the wasm
 * backend (as the CLI does): build the experiment, play two iterations (rollout and PPO update;
 * the differentiable game four, so its leader takes a gradient step), then take the checkpoint
 * the worker takes at the end of the run (session.ts): saveState, the policies document with a
 * history row for every iteration of the run, and its JSON text. It reports the peak resident
 * memory over the process's baseline after the iterations and after the checkpoint, the wasm
 * heap (the tensors; it grows to its peak and never shrinks), the values the experiment holds
 * in tfjs variables, the checkpoint's characters, and the schema's estimates beside them.
 *
 *   node --import tsx bench/iteration-memory.ts [set]       a set of configurations, a table:
 *                                                           environments (the default), sizes, runs
 *   node --import tsx bench/iteration-memory.ts '<json>'    one scenario (what each child runs)
 *
 * A benchmark, not a test: it prints figures and asserts nothing. Each configuration takes
 * seconds to a minute on one core; they run one after another.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { agentSteps, checkpointChars, estimatedBytes } from '../src/engine/resource-limit';
import { policiesDocument, policiesText } from '../src/scenario/policies-file';
import { defaultScenario, scenarioSchema, workloadOf, type Scenario, moduleOf } from '../src/scenario/schema';
import { nodeBackend } from './lib/node';

const MiB = 2 ** 20;

/** The market maker's omegas: `count` of them, evenly from 0 to 1. */
const omegas = (count: number) => Array.from({ length: count }, (_, k) => +(k / (count - 1)).toFixed(3)).join(',');

const SETS: Record<string, Record<string, unknown>[]> = {
  // Every environment at its defaults and at a large size the schema accepts: the estimate must
  // be at or above each peak (the table in resource-limit.ts).
  environments: [
    { env: 'entrance-tobin' },
    { env: 'entrance-tobin', hidden: 512, horizon: 64 },
    { env: 'entrance-diff' },
    { env: 'entrance-diff', n: 1000, runs: 20, iterationsPerAgent: 100, leaderGradient: 'unrolled', unrollSteps: 10 },
    { env: 'cobweb' },
    { env: 'cobweb', hidden: 512 },
    { env: 'cournot' },
    { env: 'cournot', hidden: 512 },
    { env: 'supply-chain' },
    { env: 'supply-chain', hidden: 512 },
    { env: 'tax-economy' },
    { env: 'tax-economy', hidden: 256, seeds: 8 },
    { env: 'market-maker' },
    { env: 'market-maker', hidden: 512, markets: 4, horizon: 16, omegas: omegas(12) },
    { env: 'pigouvian' },
    { env: 'pigouvian', hidden: 512 },
  ],
  // Pairs of sizes per kind of follower, and hidden widths: bytes = baseline + agent-steps (a + b hidden).
  sizes: [
    // Continuous actions, every row distinct (the worst case for the PPO update's activations).
    { env: 'tax-economy', households: 100, economies: 4, horizon: 64, hidden: 64 },
    { env: 'tax-economy', households: 100, economies: 4, horizon: 256, hidden: 64 },
    { env: 'tax-economy', households: 100, economies: 4, horizon: 64, hidden: 16 },
    { env: 'tax-economy', households: 100, economies: 4, horizon: 64, hidden: 256 },
    // Discrete actions, rows distinct per producer (lambda_i in the observation).
    { env: 'cobweb', n: 20, markets: 8, targetMarkets: 4, horizon: 64, hidden: 64 },
    { env: 'cobweb', n: 20, markets: 8, targetMarkets: 4, horizon: 256, hidden: 64 },
    // Discrete actions, many identical rows (traders of a market share their view).
    { env: 'entrance-tobin', leader: 'none', n: 100, markets: 8, horizon: 128, hidden: 64 },
    { env: 'entrance-tobin', leader: 'none', n: 100, markets: 8, horizon: 512, hidden: 64 },
    // One market maker per market.
    { env: 'market-maker', baselines: false, markets: 256, horizon: 128, hidden: 64 },
    { env: 'market-maker', baselines: false, markets: 256, horizon: 512, hidden: 64 },
    { env: 'market-maker', baselines: true, markets: 256, horizon: 128, hidden: 16, omegas: omegas(21) },
    // The differentiable game's unrolled leader gradient.
    { env: 'entrance-diff', n: 1000, runs: 20, leaderGradient: 'unrolled', unrollSteps: 10 },
    { env: 'entrance-diff', n: 1000, runs: 20, leaderGradient: 'unrolled', unrollSteps: 40 },
  ],
  // What a run holds beside its iteration's work: networks side by side (few agent-steps, wide
  // networks, more and more baselines), and long histories (the differentiable game's cheap
  // iterations; without a leader, as the rollout leader's first iteration grows with the run's
  // length: 9 s at n = 1000 and I = 1,000 iterations here, 46 s at I = 10,000).
  runs: [
    { env: 'market-maker', hidden: 512, markets: 1, horizon: 8, baselines: false },
    { env: 'market-maker', hidden: 512, markets: 1, horizon: 8, omegas: omegas(8) },
    { env: 'market-maker', hidden: 512, markets: 1, horizon: 8, omegas: omegas(16) },
    { env: 'entrance-diff', leader: 'none', n: 100, iterationsPerAgent: 100 },
    { env: 'entrance-diff', leader: 'none', n: 100, iterationsPerAgent: 1000 },
    { env: 'entrance-diff', leader: 'none', n: 1000, iterationsPerAgent: 300 },
  ],
};

interface Measured {
  config: string;
  /** Whether the schema takes it. */
  accepted: boolean;
  agentSteps: number;
  hidden: number;
  /** Values held in tfjs variables once the experiment is built (weights, Adam's moments, a game's strategies). */
  heldValues: number;
  /** Peak resident memory over the baseline after the iterations, and after the checkpoint too. */
  iterationsMiB: number;
  peakMiB: number;
  wasmHeapMiB: number;
  checkpointChars: number;
  estimateMiB: number;
  estimatedChars: number;
  seconds: number;
}

/** The values held in every tfjs variable there is. */
const heldValues = () => Object.values(tf.engine().state.registeredVariables).reduce((n, v) => n + v.size, 0);

async function measureOne(s: Scenario): Promise<Measured> {
  await nodeBackend();
  const m = moduleOf(s);
  const rss = () => process.resourceUsage().maxRSS * 1024;
  const before = rss();
  const valuesBefore = heldValues();
  const t0 = performance.now();
  const experiment = await m.experiment(s as never);
  const held = heldValues() - valuesBefore;
  let report = await experiment.iterate();
  for (let i = 1; i < (s.env === 'entrance-diff' ? 4 : 2); i++) report = await experiment.iterate();
  const iterations = rss() - before;
  // The last checkpoint of the run, as the session takes it: its history holds a row per
  // iteration, built as the session builds its rows (the figures' own values, repeated).
  const keys = m.metrics.map((f) => f.key);
  const columns = new Map(keys.map((k) => [k, new Array<number>(m.iterations(s)).fill(report.metrics[k])]));
  const rows = Array.from({ length: m.iterations(s) }, (_, i) => Object.fromEntries([['iteration', i + 1], ...keys.map((k) => [k, columns.get(k)![i]])]));
  const text = policiesText(policiesDocument(s, rows, report.snapshots, await experiment.saveState()));
  const peak = rss() - before;
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm;
  experiment.dispose();
  const w = workloadOf(s);
  return {
    config: '',
    accepted: scenarioSchema.safeParse(s).success,
    agentSteps: agentSteps(w),
    hidden: 'hidden' in s ? s.hidden : 0,
    heldValues: held,
    iterationsMiB: iterations / MiB,
    peakMiB: peak / MiB,
    wasmHeapMiB: wasm ? wasm.HEAPU8.length / MiB : NaN,
    checkpointChars: text.length,
    estimateMiB: estimatedBytes(w) / MiB,
    estimatedChars: checkpointChars(w),
    seconds: (performance.now() - t0) / 1000,
  };
}

const arg = process.argv[2] ?? 'environments';
if (arg.startsWith('{')) {
  // Built field by field over the defaults, not parsed: a size past the limits is measured too (the table says which the schema refuses).
  const config = JSON.parse(arg) as { env: Scenario['env'] };
  console.log(JSON.stringify(await measureOne({ ...defaultScenario(config.env), ...config } as Scenario)));
} else {
  const configs = SETS[arg];
  if (!configs) throw new Error(`no set ${arg}; sets are ${Object.keys(SETS).join(', ')}`);
  const self = fileURLToPath(import.meta.url);
  const rows: Measured[] = [];
  for (const config of configs) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', self, JSON.stringify(config)], { encoding: 'utf8' });
    const m: Measured = { ...JSON.parse(out.trim().split('\n').at(-1)!), config: Object.entries(config).map(([k, v]) => `${k}=${v}`).join(' ') };
    rows.push(m);
    console.error(`[memory] ${m.config}: ${m.agentSteps} agent-steps, ${m.heldValues} values held, peak +${m.peakMiB.toFixed(0)} MiB`);
  }
  const millions = (x: number) => (x / 1e6).toFixed(2);
  console.log('| configuration | accepted | agent-steps | values held | peak after 2 iterations (MiB) | peak with the checkpoint (MiB) | wasm heap (MiB) | estimate (MiB) | checkpoint (million characters) | estimate (million characters) | s |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const m of rows) {
    const cells = [m.accepted ? 'yes' : 'no', m.agentSteps.toLocaleString('en'), m.heldValues.toLocaleString('en'), m.iterationsMiB.toFixed(0), m.peakMiB.toFixed(0), m.wasmHeapMiB.toFixed(0), m.estimateMiB.toFixed(0), millions(m.checkpointChars), millions(m.estimatedChars), m.seconds.toFixed(1)];
    console.log(`| ${m.config} | ${cells.join(' | ')} |`);
  }
  // Slopes between neighbours of one environment and hidden width that differ in one size: the cost of one more agent-step, or of one more value held.
  for (let i = 0; i + 1 < rows.length; i++) {
    const [a, b] = [rows[i], rows[i + 1]];
    if (a.hidden !== b.hidden || a.config.split(' ')[0] !== b.config.split(' ')[0]) continue;
    const extra = (per: string, d: number) => console.log(`${a.config} -> ${b.config}: ${(((b.peakMiB - a.peakMiB) * MiB) / d).toFixed(1)} bytes per extra ${per}`);
    if (b.agentSteps !== a.agentSteps && b.heldValues === a.heldValues) extra('agent-step', b.agentSteps - a.agentSteps);
    else if (b.heldValues !== a.heldValues && b.agentSteps === a.agentSteps) extra('value held', b.heldValues - a.heldValues);
  }
}
