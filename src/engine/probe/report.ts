/** A StackelbergTrainer's probe as the experiment reports it (ProbeReport). */
import type { IterationReport, ProbeReport } from '../experiment';
import { mean } from '../metrics';
import type { FrozenEpisode, IterationMetrics } from '../stackelberg';

/**
 * Episodes the probe plays on each side: one episode's figures vary with its draws, so the page
 * shows their means and the paired difference with its interval over the episodes.
 */
export const PROBE_EPISODES = 8;

/** Each dimension's mean over the copies of a copy-major theta (copies x d values). */
export function meanTheta(theta: ArrayLike<number>, d: number): number[] {
  const copies = theta.length / d;
  return Array.from({ length: d }, (_, k) => {
    let s = 0;
    for (let e = 0; e < copies; e++) s += theta[e * d + k];
    return s / copies;
  });
}

/**
 * The probe as the page shows it: each side's figures are the means over its episodes (its
 * snapshots and actions, the first episode's), and `episodes` keeps every episode's figures for
 * the paired difference and its interval.
 */
export function probeReportOf(
  probe: { adaptive: FrozenEpisode; fixedRule: FrozenEpisode; trainedTheta: Float32Array; episodes: { adaptive: IterationMetrics[]; fixedRule: IterationMetrics[] } },
  theta: Float32Array,
  report: (m: IterationMetrics) => IterationReport,
): ProbeReport {
  const side = (first: FrozenEpisode, all: IterationMetrics[]) => {
    const figures = all.map((m) => report(m).metrics);
    const r = report(first.metrics);
    for (const key of Object.keys(r.metrics)) r.metrics[key] = mean(figures.map((f) => f[key]));
    return { side: { report: r, actions: first.actions }, figures };
  };
  const adaptive = side(probe.adaptive, probe.episodes.adaptive);
  const fixedRule = side(probe.fixedRule, probe.episodes.fixedRule);
  return {
    theta: Array.from(theta),
    trainedTheta: meanTheta(probe.trainedTheta, theta.length),
    adaptive: adaptive.side,
    fixedRule: fixedRule.side,
    episodes: { adaptive: adaptive.figures, fixedRule: fixedRule.figures },
  };
}
