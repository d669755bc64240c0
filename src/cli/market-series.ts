/**
 * IterationMetrics carries market 0's D_t only, but the percentage change of D is a figure
 * over every market. This records env.aggregate after each step of the trainer's episode,
 * through the environment object the trainer exposes, without touching the engine. If the
 * trainer ever stops calling env.step once per step, take() fails loudly instead of
 * reporting wrong figures.
 */
import type { BatchedEnv } from '../engine/env';
import type { IterationMetrics } from '../engine/stackelberg';

export class MarketSeries {
  private steps: Float64Array[] = [];

  constructor(private readonly env: BatchedEnv) {
    const step = env.step.bind(env);
    env.step = (actions, rewardsOut) => {
      step(actions, rewardsOut);
      this.steps.push(env.aggregate.slice());
    };
  }

  /** D_t of each market through the episode just run (market-major), and a fresh start. */
  take(m: IterationMetrics): Float64Array[] {
    const steps = this.steps;
    this.steps = [];
    const consistent = steps.length === m.series.length && steps.every((d, t) => Math.fround(d[0]) === m.series[t]);
    if (!consistent) throw new Error('per-market D_t recorded by the CLI disagrees with the trainer\'s market-0 series: the trainer no longer steps its environment once per episode step (see src/cli/market-series.ts)');
    const markets: Float64Array[] = [];
    for (let e = 0; e < this.env.copies; e++) markets.push(Float64Array.from(steps, (d) => d[e]));
    return markets;
  }
}
