/**
 * Memory of a training iteration against its size, the evidence behind the lab's memory limit
 * (src/engine/resource-limit.ts). Each configuration runs in a fresh Node process on the
 * wasm backend (as the CLI does): build the experiment, play one iteration (rollout and PPO
 * update; the differentiable game four, so its leader takes a gradient step), and report the
 * peak resident memory over the process's baseline, the wasm heap (the tensors; it grows to its
 * peak and never shrinks) and the schema's estimate beside them.
 *
 *   node --import tsx bench/iteration-memory.ts            all configurations, a table
 *   node --import tsx bench/iteration-memory.ts '<json>'   one scenario (what each child runs)
 *
 * A benchmark, not a test: it prints figures and asserts nothing. Each configuration takes
 * seconds to a minute on one core; they run one after another.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { agentSteps, estimatedBytes } from '../src/engine/resource-limit';
import { scenarioSchema, workloadOf, type Scenario, moduleOf } from '../src/scenario/schema';
import { nodeBackend } from './lib/node';

const MiB = 2 ** 20;

/** Pairs of sizes per kind of follower, and hidden widths: bytes = baseline + agent-steps (a + b hidden). */
const CONFIGS: Record<string, unknown>[] = [
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
  { env: 'market-maker', baselines: true, markets: 256, horizon: 128, hidden: 16, omegas: '0,0.05,0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.55,0.6,0.65,0.7,0.75,0.8,0.85,0.9,0.95,1' },
  // The differentiable game's unrolled leader gradient.
  { env: 'entrance-diff', n: 1000, runs: 20, leaderGradient: 'unrolled', unrollSteps: 10 },
  { env: 'entrance-diff', n: 1000, runs: 20, leaderGradient: 'unrolled', unrollSteps: 40 },
];

interface Measured {
  config: string;
  agentSteps: number;
  hidden: number;
  peakMiB: number;
  estimateMiB: number;
  wasmHeapMiB: number;
  seconds: number;
}

async function measureOne(s: Scenario): Promise<Measured> {
  await nodeBackend();
  const rss = () => process.resourceUsage().maxRSS * 1024;
  const before = rss();
  const t0 = performance.now();
  const experiment = await moduleOf(s.env).experiment(s as never);
  for (let i = 0; i < (s.env === 'entrance-diff' ? 4 : 1); i++) await experiment.iterate();
  const peak = rss() - before;
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm;
  experiment.dispose();
  return {
    config: '',
    agentSteps: agentSteps(workloadOf(s)),
    hidden: 'hidden' in s ? s.hidden : 0,
    peakMiB: peak / MiB,
    estimateMiB: estimatedBytes(workloadOf(s)) / MiB,
    wasmHeapMiB: wasm ? wasm.HEAPU8.length / MiB : NaN,
    seconds: (performance.now() - t0) / 1000,
  };
}

const arg = process.argv[2];
if (arg) {
  console.log(JSON.stringify(await measureOne(scenarioSchema.parse(JSON.parse(arg)))));
} else {
  const self = fileURLToPath(import.meta.url);
  const rows: Measured[] = [];
  for (const config of CONFIGS) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', self, JSON.stringify(config)], { encoding: 'utf8' });
    const m: Measured = { ...JSON.parse(out.trim().split('\n').at(-1)!), config: Object.entries(config).map(([k, v]) => `${k}=${v}`).join(' ') };
    rows.push(m);
    console.error(`[memory] ${m.config}: ${m.agentSteps} agent-steps, peak +${m.peakMiB.toFixed(0)} MiB`);
  }
  console.log('| configuration | agent-steps | peak RSS over baseline (MiB) | wasm heap (MiB) | bytes per agent-step | estimate (MiB) | s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const m of rows) {
    const perStep = (m.peakMiB * MiB) / m.agentSteps;
    console.log(`| ${m.config} | ${m.agentSteps.toLocaleString('en')} | ${m.peakMiB.toFixed(0)} | ${m.wasmHeapMiB.toFixed(0)} | ${perStep.toFixed(0)} | ${m.estimateMiB.toFixed(0)} | ${m.seconds.toFixed(1)} |`);
  }
  // Slopes between the pairs that differ only in size: the cost of one more agent-step.
  for (let i = 0; i + 1 < rows.length; i++) {
    const [a, b] = [rows[i], rows[i + 1]];
    if (a.hidden === b.hidden && a.config.split(' ')[0] === b.config.split(' ')[0] && b.agentSteps !== a.agentSteps) {
      console.log(`${a.config.split(' ')[0]} at hidden ${a.hidden}: ${(((b.peakMiB - a.peakMiB) * MiB) / (b.agentSteps - a.agentSteps)).toFixed(0)} bytes per extra agent-step`);
    }
  }
}
