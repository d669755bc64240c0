/** A StackelbergTrainer's probe as the experiment reports it (ProbeReport). */
import type { IterationReport, ProbeReport } from '../experiment';
import type { FrozenEpisode, IterationMetrics } from '../stackelberg';

/** Each dimension's mean over the copies of a copy-major theta (copies x d values). */
export function meanTheta(theta: ArrayLike<number>, d: number): number[] {
  const copies = theta.length / d;
  return Array.from({ length: d }, (_, k) => {
    let s = 0;
    for (let e = 0; e < copies; e++) s += theta[e * d + k];
    return s / copies;
  });
}

export function probeReportOf(
  probe: { adaptive: FrozenEpisode; fixedRule: FrozenEpisode; trainedTheta: Float32Array },
  theta: Float32Array,
  report: (m: IterationMetrics) => IterationReport,
): ProbeReport {
  const side = (f: FrozenEpisode) => ({ report: report(f.metrics), actions: f.actions });
  return { theta: Array.from(theta), trainedTheta: meanTheta(probe.trainedTheta, theta.length), adaptive: side(probe.adaptive), fixedRule: side(probe.fixedRule) };
}
