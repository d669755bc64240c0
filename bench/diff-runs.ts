/**
 * Figure 6: the differentiable entrance game (ADAGE-Diff), wall time of a whole run (I = 10 N
 * iterations of every run side by side, the learned fairness tax with its myopic gradient) for
 * N = 10 (100 runs), 100 and 1000 (20 runs), in Node as the CLI runs it and in the lab's worker
 * from pressing Start until the counter shows the last iteration.
 */
import { type EntranceDiffScenario, moduleOf } from '../src/scenario/schema';
import { entranceDiffScenarioSchema } from '../src/envs/entrance-diff/config';
import { openLab, type Lab } from './lib/lab';
import { nodeBackend } from './lib/node';
import type { Figure, Row } from './lib/output';

const CASES = [
  { n: 10, runs: 100 },
  { n: 100, runs: 20 },
  { n: 1000, runs: 20 },
].map((c) => entranceDiffScenarioSchema.parse({ env: 'entrance-diff', seed: 1, ...c }));
const LIMIT_S = 300;

async function nodeSeconds(s: EntranceDiffScenario): Promise<number> {
  await nodeBackend();
  const env = moduleOf(s);
  const experiment = await env.experiment(s);
  const t0 = performance.now();
  try {
    for (let i = env.iterations(s); i > 0; i--) await experiment.iterate();
    return (performance.now() - t0) / 1000;
  } finally {
    experiment.dispose();
  }
}

async function chromiumSeconds(lab: Lab, s: EntranceDiffScenario): Promise<{ seconds: number | null; backend: string }> {
  const total = moduleOf(s).iterations(s);
  const run = await openLab(lab, s);
  try {
    const t = await run.until((tr) => tr.iterations.some(([, it]) => it === total), LIMIT_S);
    const end = t.iterations.find(([, it]) => it === total);
    return { seconds: end ? end[0] : null, backend: run.backend };
  } finally {
    await run.close();
  }
}

export async function diffRuns(lab: () => Promise<Lab>): Promise<Omit<Figure, 'machine'>> {
  const rows: Row[] = [];
  for (const s of CASES) {
    const iterations = moduleOf(s).iterations(s);
    rows.push({ host: 'node', backend: await nodeBackend(), n: s.n, runs: s.runs, iterations, seconds: await nodeSeconds(s) });
    const browser = await chromiumSeconds(await lab(), s);
    rows.push({ host: 'chromium', backend: browser.backend, n: s.n, runs: s.runs, iterations, seconds: browser.seconds });
  }
  return {
    figure: 6,
    name: 'diff_runs',
    title: 'Differentiable entrance game: wall time of a whole run',
    config: { env: 'entrance-diff', leader: 'fairness (myopic)', iterations: 'I = 10 N', init: 'uniform', lateStart: 0.5 },
    rows,
    notes: [
      'Node: experiment.iterate() I times in this process. Chromium: from pressing Start until the iteration counter shows I (the worker trains, the page draws its charts meanwhile); – means not within 300 s.',
    ],
  };
}
