/**
 * What the calibration environments (cobweb, Cournot, supply chain) share in their modules: theta
 * (mu and sigma of lambda_i, or each lambda_i) and its box, the leader's objective (the fit), the
 * hidden parameters' reference lines, the baseline with every lambda_i = 0 and the leaders' names.
 */
import type { MetricSpec, ReferenceLine } from '../../engine/experiment';
import type { BatchedEnv } from '../../engine/env';
import type { BuiltPpoEnv, PpoRunSettings } from '../../engine/ppo-envs';
import type { IterationWork } from '../../engine/resource-limit';
import type { StackelbergTrainer } from '../../engine/stackelberg';
import { defineEnv, leaderOff, type EnvModule, type LongRun, type ThetaSpec } from '../env-module';
import { ppoParts, ppoWorkload } from '../ppo';
import { landscapeSnapshots, trainedLandscape } from './landscape';

export interface CalibrationScenario {
  env: string;
  seed: number;
  leader: string;
  calibrate: string;
  mu: number;
  sigma: number;
  target: string;
  targetMu: number;
  targetSigma: number;
}

/** A calibration's fixed theta: (mu, sigma) of lambda_i, mu alone, or mu for each of the `agents` agents' lambda_i. */
const calibrationTheta = (s: CalibrationScenario, agents: number) =>
  s.calibrate === 'distribution' ? Float32Array.of(s.mu, s.sigma) : new Float32Array(s.calibrate === 'mu' ? 1 : agents).fill(s.mu);

/** theta in [0, lambdaMax] per dimension; `agents`: how many lambda_i there are to set one by one. */
function calibrationThetaSpec<S extends CalibrationScenario>(agents: (s: S) => number, lambdaMax: number): ThetaSpec<S> {
  const fixed = (s: S) => calibrationTheta(s, agents(s));
  return {
    fields: ['mu', 'sigma'],
    fixed,
    range: (s) => {
      const d = fixed(s).length;
      return { lo: new Array(d).fill(0), hi: new Array(d).fill(lambdaMax) };
    },
    metrics: ['mu', 'sigma'],
  };
}

/** The batched environment with theta's box; the leader's reward is the fit. */
const calibrationBuild = <S extends CalibrationScenario>(env: BatchedEnv, s: S, theta: ThetaSpec<S>): BuiltPpoEnv => ({
  env,
  thetaRange: theta.range(s),
  fixedTheta: theta.fixed(s),
  objective: 'calibration',
});

/** A calibration's hidden parameters, as reference lines, where the target is synthetic. */
const hiddenReferences = (s: CalibrationScenario): ReferenceLine[] =>
  s.target === 'synthetic'
    ? [
        { id: 'hiddenMu', label: 'hidden μ*', value: s.targetMu },
        { id: 'hiddenSigma', label: 'hidden σ*', value: s.targetSigma },
      ]
    : [];

/** Without a calibrator: every lambda_i = 0, fully rational `agents`. */
const rationalBaseline = <S extends CalibrationScenario>(description: string) => leaderOff<S>(description, 'with every λ_i = 0');

const calibratorName = (s: CalibrationScenario) =>
  ({ ppo: 'PPO calibrator', bayesopt: 'Bayesian calibrator', fixed: `Fixed λ_i ~ N(${s.mu}, ${s.sigma})`, none: 'Every λ_i = 0' })[s.leader] ?? s.leader;

/** What makes one calibration environment's module (the rest is shared, below). */
export interface CalibrationModuleSpec<S extends CalibrationScenario & PpoRunSettings & { iterations: number }> {
  id: S['env'];
  label: string;
  schema: EnvModule<S>['schema'];
  /** The environment's own figures (its report); the PPO run's follow, in `words`. */
  metrics: MetricSpec[];
  /** The PPO run's figures, in this environment's words: welfare, leaderReward, entropy, valueLoss. */
  words: Record<'welfare' | 'leaderReward' | 'entropy' | 'valueLoss', string>;
  lambdaMax: number;
  /** How many lambda_i there are (to set one by one). */
  agents(s: S): number;
  env(s: S): BatchedEnv;
  /** The environment's theory lines (the hidden parameters' follow). */
  references(s: S): ReferenceLine[];
  /** The baseline, every lambda_i = 0, in words. */
  baseline: string;
  /** What an iteration works on (the environment's config). */
  workload(s: S): IterationWork;
  /** The followers' observation and actions (its batched environment's obsDim and numActions). */
  networks(s: S): { obsDim: number; actions: number };
  tiny: Record<string, unknown>;
  longRuns: LongRun[];
  /**
   * The fit landscape (landscape.ts), where the environment draws one: an environment of the
   * scenario with `markets` copies calibrated by (mu, sigma), and how many iterations apart.
   */
  landscape?: { env(s: S, markets: number): BatchedEnv; every(s: S): number };
}

/** The fit landscape every `every` iterations and at the run's last (trainedLandscape), as snapshots. */
function landscapeSnapshotsOf<S extends CalibrationScenario & PpoRunSettings & { iterations: number }>(spec: NonNullable<CalibrationModuleSpec<S>['landscape']>, lambdaMax: number) {
  return async (trainer: StackelbergTrainer, s: S, iteration: number): Promise<Record<string, Float32Array> | null> => {
    const every = spec.every(s);
    if (!every || (iteration % every !== 0 && iteration !== s.iterations)) return null;
    const l = await trainedLandscape(trainer, (markets) => spec.env(s, markets), lambdaMax, s.seed, iteration);
    return l && landscapeSnapshots(l);
  };
}

export function calibrationModule<S extends CalibrationScenario & PpoRunSettings & { iterations: number }>(spec: CalibrationModuleSpec<S>): EnvModule<S> {
  const metrics: MetricSpec[] = [...spec.metrics, ...(['welfare', 'leaderReward', 'entropy', 'valueLoss'] as const).map((key) => ({ key, label: spec.words[key] }))];
  const theta = calibrationThetaSpec<S>(spec.agents, spec.lambdaMax);
  return defineEnv<S>({
    id: spec.id,
    label: spec.label,
    schema: spec.schema,
    theta,
    metrics,
    references: (s) => [...spec.references(s), ...hiddenReferences(s)],
    iterations: (s) => s.iterations,
    baseline: rationalBaseline(spec.baseline),
    leaderName: calibratorName,
    workload: (s) => ppoWorkload(s, spec.workload(s), { ...spec.networks(s), thetaDim: theta.fixed(s).length }, metrics),
    tiny: spec.tiny,
    longRuns: spec.longRuns,
    ...ppoParts<S>({
      build: (s) => calibrationBuild(spec.env(s), s, theta),
      metrics,
      fixedTheta: theta.fixed,
      frozenSnapshots: spec.landscape && landscapeSnapshotsOf(spec.landscape, spec.lambdaMax),
    }),
  });
}
