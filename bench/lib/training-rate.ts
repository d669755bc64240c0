/**
 * Training speed of one scenario, timed the same way in both hosts: one warm-up iteration
 * (backend start, kernel compilation, first allocations) is left out, then iterations are
 * timed until there are at least MIN_ITERATIONS of them over at least MIN_SECONDS, so a fast
 * engine is timed over seconds rather than one noisy iteration, and a slow one is not timed forever.
 */
import type { RowGrouping } from '../../src/engine/rl/unique-rows';
import type { EntranceScenario } from '../../src/scenario/schema';
import { openLab, type Lab, type Trace } from './lab';
import { nodeBackend } from './node';
import type { Host, Row } from './output';
import { trainerOf } from '../../src/envs/trainer';

const WARMUP = 1;
const MIN_ITERATIONS = 3;
const MIN_SECONDS = 5;

const enough = (iterations: number, seconds: number) => iterations >= MIN_ITERATIONS && seconds >= MIN_SECONDS;

/** Agent-steps of one iteration: every trader of every market, every step of the episode. */
export const agentSteps = (s: EntranceScenario) => s.n * s.markets * s.horizon;

interface Rate {
  iterations: number;
  seconds: number;
}

export function rateRow(host: Host, backend: string, s: EntranceScenario, rate: Rate | null, extra: Record<string, Row[string]> = {}): Row {
  const perS = rate && rate.iterations > 0 ? rate.iterations / rate.seconds : null;
  return {
    host,
    backend,
    agentStepsPerS: perS && perS * agentSteps(s),
    iterationsPerS: perS,
    msPerIteration: perS && 1000 / perS,
    timedIterations: rate?.iterations ?? 0,
    ...extra,
  };
}

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
