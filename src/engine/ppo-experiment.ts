/**
 * The StackelbergTrainer as an Experiment: the listed figures by key (the environment's own
 * report first, then the trainer's), the episode's aggregate path and the environment's
 * snapshots. Every environment whose followers learn with PPO runs through it.
 */
import type { Scenario } from '../scenario/schema';
import type { Experiment, IterationReport, MetricSpec } from './experiment';
import type { BuiltPpoEnv, PpoRunSettings, ThetaRange } from './ppo-envs';
import { PROBE_EPISODES, probeReportOf } from './probe/report';
import { figuresOf, StackelbergTrainer, type IterationMetrics } from './stackelberg';

export interface PpoExperimentSpec<S extends PpoRunSettings> {
  /** A fresh copy of the scenario's environment. */
  build(s: S): BuiltPpoEnv;
  /** The figures reported, by key. */
  metrics: readonly MetricSpec[];
  /** The fixed leader's theta from a scenario's live fields (its sliders). */
  fixedTheta(s: S): Float32Array;
  /** A learning leader's bounds from a scenario, where they are fields (and so may move live); otherwise the built ones stay. */
  thetaRange?(s: S): ThetaRange;
  /**
   * Snapshots that take the trained followers and longer than an iteration (a calibration's fit
   * landscape): asked after each iteration, they return new arrays or null to keep the last ones,
   * which every report carries until they are replaced.
   */
  frozenSnapshots?(trainer: StackelbergTrainer, s: S, iteration: number): Promise<Record<string, Float32Array> | null>;
  /**
   * Figures only evaluation mode computes (the tax economy's best flat tax), one value per
   * evaluation episode, from the trained state and those episodes' figures; in training
   * iterations the environment reports them undefined (NaN).
   */
  evaluated?(trainer: StackelbergTrainer, s: S, episodes: IterationMetrics[]): Promise<Record<string, number[]>>;
}

export function ppoExperiment<S extends PpoRunSettings>(s: S, spec: PpoExperimentSpec<S>): Experiment {
  const trainer = new StackelbergTrainer(s, () => spec.build(s));
  const keys = spec.metrics.map((f) => f.key);
  let kept: Record<string, Float32Array> = {};
  const report = (m: IterationMetrics): IterationReport => {
    const metrics = figuresOf(m, keys);
    return { iteration: m.iteration, metrics, snapshots: { episode: m.series, ...m.envSnapshots, ...kept }, ms: m.ms };
  };
  const thetaOf = (next: Scenario) => spec.fixedTheta(next as unknown as S);
  return {
    get iterationsDone() {
      return trainer.iterationsDone;
    },
    iterate: async () => {
      const m = await trainer.iterate();
      kept = (await spec.frozenSnapshots?.(trainer, s, m.iteration)) ?? kept;
      return report(m);
    },
    applyLive: (next) => {
      const live = next as unknown as S;
      trainer.applyLive({ fixedTheta: thetaOf(next), thetaRange: spec.thetaRange?.(live) ?? trainer.thetaRange, leaderLr: live.leaderLr, leaderEvery: live.leaderEvery });
    },
    saveState: () => trainer.saveState(),
    evaluate: async (episodes) => {
      const played = await trainer.evaluate(episodes);
      const extra = (await spec.evaluated?.(trainer, s, played)) ?? {};
      return played.map((m, k) => {
        const r = report(m);
        for (const [key, values] of Object.entries(extra)) r.metrics[key] = values[k];
        return r;
      });
    },
    loadState: (state) => trainer.loadState(state),
    probe: async (next) => {
      const theta = thetaOf(next);
      return probeReportOf(await trainer.probe(theta, PROBE_EPISODES), theta, report);
    },
    dispose: () => trainer.dispose(),
  };
}
