/**
 * Training speed of one scenario in Node and in the lab's worker, timed by the same rule
 * (rate.ts: a warm-up left out, then at least a few iterations over at least a few seconds).
 */
import type { RowGrouping } from '../../src/engine/rl/unique-rows';
import type { EntranceScenario } from '../../src/scenario/schema';
import { openLab, type Lab, type Trace } from './lab';
import { nodeBackend } from './node';
import type { Row } from './output';
import { enough, rateRow, WARMUP } from './rate';
import { trainerOf } from '../../src/envs/trainer';

/**
 * The engine as the CLI drives it: StackelbergTrainer.iterate() in this process. With
 * grouping 'none' every row goes through the networks, as in the PyTorch reference.
 */
export async function nodeRate(s: EntranceScenario, limitS: number, grouping: RowGrouping = 'identical'): Promise<Row> {
  const backend = await nodeBackend();
  const trainer = trainerOf(s, grouping);
  try {
    for (let i = 0; i < WARMUP; i++) await trainer.iterate();
    const t0 = performance.now();
    let iterations = 0;
    let seconds = 0;
    while (!enough(iterations, seconds) && seconds < limitS) {
      await trainer.iterate();
      iterations++;
      seconds = (performance.now() - t0) / 1000;
    }
    return rateRow('node', backend, s, { iterations, seconds }, { rows: grouping === 'none' ? 'every row' : 'distinct rows' });
  } finally {
    trainer.dispose();
  }
}

/** The lab's worker, read from the iteration counter the user sees (`s.iterations` must outlast the timing). */
export async function chromiumRate(lab: Lab, s: EntranceScenario, limitS: number): Promise<Row> {
  const run = await openLab(lab, s);
  try {
    // From the first iteration shown after the warm-up to the last one shown.
    const span = (t: Trace) => {
      const timed = t.iterations.filter(([, it]) => it >= WARMUP);
      if (timed.length < 2) return null;
      const [ta, ia] = timed[0];
      const [tb, ib] = timed[timed.length - 1];
      return { iterations: ib - ia, seconds: tb - ta };
    };
    const trace = await run.until((t) => {
      const w = span(t);
      return w !== null && enough(w.iterations, w.seconds);
    }, limitS);
    return rateRow('chromium', run.backend, s, span(trace), { rows: 'distinct rows', ...run.page });
  } finally {
    await run.close();
  }
}
