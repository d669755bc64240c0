import type { Scenario } from '../scenario/schema';
import type { StateReader, StateTree } from './persist/state';

/**
 * A trained experiment's state as a JSON tree: the iteration count, every network's weights,
 * what the leader has learned, the random streams and the environment's carried state.
 */
export type TrainedState = StateTree;
import type { ActionSummary } from './probe/action-tally';

/**
 * One training run of any environment, as the worker, the CLI and the tests drive it: build it
 * from a validated Scenario (envs/registry.ts), call iterate() until the registry's iteration
 * count, dispose. What an iteration reports is keyed by the environment's metric list, so the
 * session, the charts and the CLI need no environment-specific code to carry it.
 */
export interface Experiment {
  readonly iterationsDone: number;
  /** One iteration (one leader decision and one follower update, or one A-GD step). */
  iterate(): Promise<IterationReport>;
  /**
   * A live field changed (a fixed leader's theta, moved on its slider): the experiment takes
   * the new value from the scenario without restarting. A learning leader or no tax ignores it.
   */
  applyLive(s: Scenario): void;
  /**
   * The Lucas-critique probe at the theta of s's live fields (a fixed leader's): the followers as
   * trained so far, frozen, against a fixed rule that acts as if theta were still what training
   * ended with (ProbeReport). Training is neither advanced nor changed.
   */
  probe(s: Scenario): Promise<ProbeReport>;
  /**
   * What it has trained, between iterations, so that a trained lab can be handed out: an
   * experiment of the same scenario that loads it goes on exactly as this one would.
   */
  saveState(): Promise<TrainedState>;
  /**
   * Evaluation mode: `episodes` episodes with exploration off and the policies frozen (the
   * leader without its exploration noise, the followers' Gaussian actions at their means), each
   * reported as an iteration is; training is neither advanced nor changed, and the same trained
   * state evaluates the same. Absent where nothing explores (ADAGE-Diff's gradient followers and
   * leader): there the training's own figures are the evaluation.
   */
  evaluate?(episodes: number): Promise<IterationReport[]>;
  /**
   * Restores a saveState, read through a StateReader (new StateReader(state)), into a freshly
   * built experiment of the same scenario. Throws a StateError (persist/state.ts) naming the
   * path of what does not fit; the experiment may then be half loaded, so the caller disposes
   * of it.
   */
  loadState(state: StateReader): void;
  /** Frees every tensor the experiment made. */
  dispose(): void;
}

export interface IterationReport {
  iteration: number;
  /** This iteration's scalar figures, keyed as the environment's `metrics` list says. */
  metrics: Record<string, number>;
  /**
   * The latest state as arrays, keyed as the environment's `snapshots` list says (the last
   * episode's D_t, a histogram of strategies); each iteration replaces the previous one.
   */
  snapshots: Record<string, Float32Array>;
  /** Wall time of this iteration. */
  ms: number;
}

/** A scalar figure an environment reports every iteration. */
export interface MetricSpec {
  key: string;
  /** What it is, with its unit, for tables and the command line. */
  label: string;
  /** Summarised at the end of a run (mean of the last iterations) by the command line. */
  final?: boolean;
}

/** A theory line drawn on a chart, e.g. capacity C or the mixed equilibrium p*. */
export interface ReferenceLine {
  /** How a chart names it (charts pick their lines by id). */
  id: string;
  label: string;
  value: number;
}

/** One side of a probe: its frozen episode as an iteration's report, and what the followers did. */
export interface ProbeSide {
  report: IterationReport;
  actions: ActionSummary;
}

/**
 * The Lucas critique, visible: after training, theta moves and
 * - adaptive: the followers' conditional policy sees the new theta and responds, no retraining;
 * - fixedRule: the same followers act as if theta were still `trainedTheta` (a behaviour rule
 *   estimated under the old policy), while the environment applies the new theta.
 * Both are played from the same start on the same random draws.
 */
export interface ProbeReport {
  /** The theta applied (the environment's theta dimensions). */
  theta: number[];
  /** The theta the fixed rule acts as if it still were: the mean over the leader's copies at the end of training. */
  trainedTheta: number[];
  adaptive: ProbeSide;
  fixedRule: ProbeSide;
  /**
   * Every episode's figures (by metric key), pair by pair: episode k of both sides met the same
   * draws, so their differences are paired. One pair where the probe is deterministic (ADAGE-Diff).
   */
  episodes: { adaptive: Record<string, number>[]; fixedRule: Record<string, number>[] };
}
