/**
 * Runs of one tax-economy scenario with seeds seed, seed + 1, ... side by side, reported as one:
 * each figure is the mean over the runs, except welfareGovMin / welfareGovMax, the lowest and
 * highest over the runs (each already over its own economies), so the welfare band spans seeds;
 * snapshots are the first run's.
 */
import type { Experiment, IterationReport, MetricSpec, ProbeSide } from '../../engine/experiment';
import { mean } from '../../engine/metrics';
import { ppoExperiment, type PpoExperimentSpec } from '../../engine/ppo-experiment';
import type { TaxEconomyScenario } from './config';

export function taxEconomySeeds(s: TaxEconomyScenario, spec: PpoExperimentSpec<TaxEconomyScenario>): Experiment {
  if (s.seeds === 1) return ppoExperiment(s, spec);
  const runs = Array.from({ length: s.seeds }, (_, k) => ppoExperiment({ ...s, seed: s.seed + k }, spec));
  const keys = spec.metrics.map((m: MetricSpec) => m.key);
  const combine = (reports: IterationReport[]): IterationReport => {
    const metrics: Record<string, number> = {};
    for (const key of keys) {
      const values = reports.map((r) => r.metrics[key]);
      metrics[key] = key === 'welfareGovMin' ? Math.min(...values) : key === 'welfareGovMax' ? Math.max(...values) : mean(values);
    }
    return { iteration: reports[0].iteration, metrics, snapshots: reports[0].snapshots, ms: reports.reduce((a, r) => a + r.ms, 0) };
  };
  const inTurn = async <R>(f: (e: Experiment) => Promise<R>) => {
    const out: R[] = [];
    for (const run of runs) out.push(await f(run));
    return out;
  };
  /** A probe's side over the seeds: its figures combined as an iteration's, its actions' means. */
  const combineSide = (sides: ProbeSide[]): ProbeSide => ({
    report: combine(sides.map((p) => p.report)),
    actions: { kind: sides[0].actions.kind, values: sides[0].actions.values.map((_, k) => mean(sides.map((p) => p.actions.values[k]))) },
  });
  return {
    get iterationsDone() {
      return runs[0].iterationsDone;
    },
    iterate: async () => combine(await inTurn((e) => e.iterate())),
    applyLive: (next) => runs.forEach((e) => e.applyLive(next)),
    saveState: async () => ({ runs: await Promise.all(runs.map((e) => e.saveState())) }),
    loadState: (state) => state.get('runs').items(runs.length).forEach((r, k) => runs[k].loadState(r)),
    probe: async (next) => {
      const probes = await inTurn((e) => e.probe(next));
      const trainedTheta = probes[0].trainedTheta.map((_, k) => mean(probes.map((p) => p.trainedTheta[k])));
      return {
        theta: probes[0].theta,
        trainedTheta,
        adaptive: combineSide(probes.map((p) => p.adaptive)),
        fixedRule: combineSide(probes.map((p) => p.fixedRule)),
        // Every seed's episodes, pair by pair.
        episodes: { adaptive: probes.flatMap((p) => p.episodes.adaptive), fixedRule: probes.flatMap((p) => p.episodes.fixedRule) },
      };
    },
    dispose: () => runs.forEach((e) => e.dispose()),
  };
}
