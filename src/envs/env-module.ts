/**
 * The shape of an environment module (src/envs/<id>/module.ts): everything the engine, the
 * worker and the command line need to run an environment, in one object, so adding an
 * environment is one folder and one line in src/envs/index.ts (as Mesa's examples and
 * PettingZoo's modules are organised). The page's side is its view.ts (src/envs/view/types.ts).
 *
 * A module is free of tfjs: its experiment is imported when it is first built, so the page's
 * main thread can read every module (labels, schemas, baselines) without loading tfjs.
 */
import type { z } from 'zod';
import type { Experiment, MetricSpec, ReferenceLine } from '../engine/experiment';
import type { LeaderSchedule } from '../engine/leader-schedule';
import type { BuiltPpoEnv, ThetaRange } from '../engine/ppo-envs';
import { checkWorkload, type History, type Workload } from '../engine/resource-limit';
import { ON_VALID_FIELDS } from '../scenario/cross-field';

/** What every scenario carries: its environment and its seed. */
export interface ScenarioBase {
  env: string;
  seed: number;
  leader: string;
}

/** A run's baseline: the same scenario and seed with the leader switched off (or held at one theta). */
export interface Baseline<S> {
  /** The scenario to run beside the user's. */
  scenario: S;
  /** What the baseline is, in plain words, for the page. */
  description: string;
  /** How the one-line difference names the baseline after its first figure ("0.41 vs 0.93 without"). */
  against: string;
}

/**
 * A long run (src/envs/long-run.testing.ts): 1000 iterations in CI with the tensor count flat and
 * finite figures. The smallest scenario that still takes every path (the leader's updates, the
 * evaluations, the saves); such runs are not meant to learn anything. PPO followers take one
 * epoch (`epochs: 1`): each of the update's minibatch steps takes the same path, and one pass
 * costs a quarter of the default four.
 */
export interface LongRun {
  /** What it runs, e.g. 'PPO leader'. */
  name: string;
  input: Record<string, unknown>;
  /** Figures that may be undefined (NaN) by design in such a small run, with the reason beside the entry. */
  mayBeNaN?: string[];
}

/** theta, the leader's action, as the environment reads and bounds it. */
export interface ThetaSpec<S> {
  /** The scenario fields a fixed leader sets theta from (its sliders), in theta's order. */
  fields: readonly string[];
  /** The fixed leader's theta, from those fields. */
  fixed(s: S): Float32Array;
  /** theta's box, one interval per dimension. */
  range(s: S): ThetaRange;
  /** The iteration figures that show theta (for "the leader set θ: τ 0.089 → 0.010"). */
  metrics: readonly string[];
}

/**
 * Methods (not arrow-typed properties) throughout, so a module typed for its own scenario is a
 * module of the scenario union too.
 */
export interface EnvModule<S extends ScenarioBase = ScenarioBase> {
  id: S['env'];
  label: string;
  /** The scenario's schema: its fields (a zod object's shape), defaults, ranges and cross-field rules. */
  schema: z.ZodType<S, unknown> & { shape: Record<string, z.ZodType> };
  theta: ThetaSpec<S>;
  /** The scalar figures of every iteration, in the order tables show them, with their meanings. */
  metrics: readonly MetricSpec[];
  /** Theory lines for the charts, each with an id the view names it by. */
  references(s: S): ReferenceLine[];
  /** The run length in iterations. */
  iterations(s: S): number;
  /** The same run without the leader (see Baseline). */
  baseline(s: S): Baseline<S>;
  /** The run's leader, named for the one-line difference ("Learned tax: ..."). */
  leaderName(s: S): string;
  /** When the leader learns (null: it does not), so the lab can run one leader update at a time. */
  leaderSchedule(s: S): LeaderSchedule | null;
  /**
   * What a run needs, for the memory guard: an iteration's work, what it holds (its networks)
   * and its history. defineEnv gives the schema the rule that refuses what would not fit.
   */
  workload(s: S): Workload;
  /**
   * A small scenario (fields over the defaults) whose iterations take well under a second, with
   * the leader whose learned state is richest to save: what the conformance suite trains.
   */
  tiny: Record<string, unknown>;
  /** Its long runs (see LongRun). */
  longRuns: LongRun[];
  /** A training run of the scenario (its code, and tfjs, are loaded on first use). */
  experiment(s: S): Promise<Experiment>;
  /**
   * Where the followers learn with PPO: a fresh copy of the batched environment the trainer is
   * handed (the conformance suite steps it too). Absent for ADAGE-Diff's gradient followers.
   */
  ppoEnv?(s: S): BuiltPpoEnv;
}

/**
 * A module, typed for its own scenario, checked against the shape, its schema given the memory
 * guard: the rule comes last and judges its workload, which only the module states whole (the
 * networks' sizes are its environment's, the history's its figures').
 */
export const defineEnv = <S extends ScenarioBase>(m: EnvModule<S>): EnvModule<S> => ({ ...m, schema: m.schema.superRefine(checkWorkload((s: S) => m.workload(s)), ON_VALID_FIELDS) });

/** A run's history as its checkpoints carry it: a row per iteration, the iteration and each of `metrics`. */
export const runHistory = (iterations: number, metrics: readonly unknown[], fields: History['fields']): History => ({ iterations, numbers: 1 + metrics.length, fields });

/** The baseline of an environment whose leader can be switched off ('none'). */
export const leaderOff =
  <S extends ScenarioBase>(description: string, against: string) =>
  (s: S): Baseline<S> => ({ scenario: { ...s, leader: 'none' }, description, against });
