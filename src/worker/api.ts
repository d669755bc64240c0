/**
 * The typed boundary between the UI thread and the simulation worker (comlink). Only commands
 * flow in; metrics flow out in batches, at most ~20 times a second.
 */
import type { BackendName, BackendReport } from '../engine/backend-names';
import type { ProbeReport, ReferenceLine } from '../engine/experiment';
import type { PoliciesDocument } from '../scenario/policies-file';
import type { Scenario } from '../scenario/schema';
import type { FieldProblem } from '../scenario/validate';

export type Phase = 'idle' | 'running' | 'paused' | 'done' | 'error';

export interface SimStatus {
  phase: Phase;
  iteration: number;
  iterations: number;
  /** Iterations per second over the recent past (0 when not running). */
  rate: number;
  /** Human-readable reason for 'error'. */
  message?: string;
  /** The divergence the run just went back from (engine/divergence.ts), until it goes on. */
  divergence?: Divergence;
  /** The iteration of the last checkpoint (0: none yet). */
  checkpoint: number;
}

/** A NaN or infinity in an iteration, and where the run went back to. */
export interface Divergence {
  /** The iteration it appeared in. */
  iteration: number;
  /** What was not finite, e.g. "the followers' value loss is NaN". */
  problems: string[];
  /** The checkpoint's iteration the run is now paused at (0: back to the start). */
  restoredTo: number;
}

/** What the charts draw: every metric per iteration, downsampled to at most MAX_POINTS. */
export interface MetricsView {
  /** Iteration number of each point (the last iteration of its bucket). */
  x: Float32Array;
  /** One column per metric of the environment (see its registry entry), aligned with x. */
  columns: Record<string, Float32Array>;
  /** The latest iteration's snapshots (the episode's D_t, a histogram), by key. */
  snapshots: Record<string, Float32Array>;
  /** Theory lines (e.g. capacity C, the mixed equilibrium). */
  references: ReferenceLine[];
}

/** A run as exported: its scenario and one row per iteration with every metric of the environment. */
export interface RunExport {
  scenario: Scenario;
  rows: Record<string, number>[];
}

/** What one leader step (SimApi.stepLeader) did: the iterations it ran and the figures around them. */
export interface LeaderStep {
  from: number;
  to: number;
  /** The figures of the iteration before the step (null at the start) and of its last one. */
  before: Record<string, number> | null;
  after: Record<string, number>;
  /** False where the leader does not learn (a fixed tax) or the run ended before its update. */
  leaderLearned: boolean;
}

/** How many episodes evaluation mode plays (SimApi.evaluate): the form's default and its range. */
export const EVALUATION_EPISODES = { default: 10, min: 1, max: 100 } as const;

/** Evaluation mode's answer (SimApi.evaluate): the figures, or why there are none. */
export interface Evaluation {
  /** The iteration of the trained state it played. */
  iteration: number;
  /** Each episode's figures, keyed as the environment's metrics. */
  episodes: Record<string, number>[];
  /** The training's own figures beside them: each metric's mean over its last FINAL_WINDOW iterations (engine/metrics.ts). */
  training: Record<string, number>;
}

/** What loading a trained lab gave: the problems that refused it, or the scenario now loaded. */
export interface PoliciesLoad {
  problems: FieldProblem[];
  scenario: Scenario | null;
}

export interface SimUpdate {
  status: SimStatus;
  view: MetricsView | null;
  /**
   * A new checkpoint (the trained lab as a policies document), when one was taken since the last
   * update: the UI thread keeps it to restore a new worker, and the browser keeps it for a reload.
   */
  checkpoint?: PoliciesDocument;
}

export interface SimApi {
  /**
   * Chooses the tfjs backend: `preferred` if it works (else the next in BACKEND_ORDER), otherwise
   * the fastest on `scenario` by a short calibration of each contender, or by figures this browser
   * kept from an earlier one on the same device and size (engine/backend-calibration.ts);
   * `onMeasuring` is told as each one's measuring begins. `lost` are skipped; `onLost` is called if
   * the chosen backend's device is lost later (the UI thread then moves the run to a new worker
   * on another backend).
   */
  init(scenario: unknown, preferred: BackendName | undefined, lost: BackendName[], onLost: (reason: string) => void, onMeasuring?: (name: BackendName) => void): Promise<BackendReport>;
  /** Validates and loads a scenario; on problems nothing changes and they are returned. */
  configure(scenario: unknown): Promise<FieldProblem[]>;
  start(): Promise<void>;
  pause(): Promise<void>;
  /** One iteration (one leader decision and one follower update) while paused or idle. */
  step(): Promise<void>;
  /**
   * While paused or idle: the iterations up to and including the leader's next update (the
   * followers' episodes before it too), for a class following one leader decision at a time.
   * Without a learning leader, one iteration. null when nothing was run (running, or done).
   */
  stepLeader(): Promise<LeaderStep | null>;
  /** Back to iteration 0 with the same scenario; trained networks are discarded. */
  reset(): Promise<void>;
  /**
   * Sets a live field (a fixed leader's theta) while the run goes on; a value the scenario
   * refuses changes nothing and its problem is returned.
   */
  setLive(key: string, value: number): Promise<FieldProblem[]>;
  /** At most `perSecond` iterations a second while running (null: full speed), for a class watching each step. */
  setPace(perSecond: number | null): Promise<void>;
  /**
   * Pauses, then plays the Lucas-critique probe with theta's live fields set as in `patch`: the
   * trained followers, frozen, seeing the new theta, beside a fixed rule acting as if theta had
   * not moved (ProbeReport); the training and its history are untouched. Returns the probe, or
   * the problems with the patch (nothing then happens).
   */
  probe(patch: Record<string, number>): Promise<{ problems: FieldProblem[]; probe: ProbeReport | null }>;
  /**
   * Pauses, then plays evaluation mode (Experiment.evaluate): `episodes` episodes with exploration
   * off and the policies frozen, beside the training's own final figures; the training, its history
   * and the scenario are untouched. `message` says why there is no evaluation instead (nothing
   * trained yet, an episode count out of range, an environment where nothing explores, a failure).
   */
  evaluate(episodes: number): Promise<{ message: string | null; evaluation: Evaluation | null }>;
  /** The run so far at full resolution (not the charts' downsampled view), for export. */
  exportRun(): Promise<RunExport | null>;
  /**
   * The trained lab as a policies document (scenario, metric history, trained state), for a
   * file or the browser's storage; null before anything is trained.
   */
  savePolicies(): Promise<PoliciesDocument | null>;
  /**
   * Validates a policies document, configures its scenario and restores its trained state and
   * metric history, paused (Resume goes on training). On problems nothing changes, the current
   * run included, and they are returned.
   */
  loadPolicies(doc: unknown): Promise<PoliciesLoad>;
  /**
   * After a divergence (status.divergence): every learning rate halved, from the checkpoint the run
   * went back to, and running again. Returns the new scenario (null: no divergence to resume from).
   */
  resumeWithSmallerSteps(): Promise<Scenario | null>;
  /**
   * Answers between iterations: the UI thread's heartbeat, to tell a worker that died. During an
   * iteration the worker posts BEAT_MESSAGE instead (engine/heartbeat.ts).
   */
  ping(): Promise<true>;
  subscribe(listener: (update: SimUpdate) => void): Promise<void>;
}

/** What a training worker posts beside comlink's messages while it computes (engine/heartbeat.ts); comlink ignores a message without an id. */
export const BEAT_MESSAGE = 'adage-beat';
