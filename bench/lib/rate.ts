/**
 * How a training speed is timed and shown, the same in every host (Node, the lab's worker, a
 * bench page's worker): one warm-up iteration (backend start, kernel compilation, first
 * allocations) is left out, then iterations are timed until there are at least MIN_ITERATIONS
 * of them over at least MIN_SECONDS, so a fast engine is timed over seconds rather than one
 * noisy iteration, and a slow one is not timed forever. Pure: no tfjs, no browser, no Node API.
 */
import type { EntranceScenario } from '../../src/scenario/schema';
import type { Host, Row } from './output';

export const WARMUP = 1;
const MIN_ITERATIONS = 3;
const MIN_SECONDS = 5;

export const enough = (iterations: number, seconds: number) => iterations >= MIN_ITERATIONS && seconds >= MIN_SECONDS;

/** Agent-steps of one iteration: every trader of every market, every step of the episode. */
export const agentSteps = (s: Pick<EntranceScenario, 'n' | 'markets' | 'horizon'>) => s.n * s.markets * s.horizon;

export interface Rate {
  iterations: number;
  seconds: number;
}

export function rateRow(host: Host, backend: string, s: Pick<EntranceScenario, 'n' | 'markets' | 'horizon'>, rate: Rate | null, extra: Record<string, Row[string]> = {}): Row {
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
