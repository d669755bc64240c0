/**
 * The typed boundary between the UI thread and the simulation worker (comlink). Only commands
 * flow in; metrics flow out in batches, at most ~20 times a second.
 */
import type { BackendName, BackendReport } from '../engine/backend-names';
import type { ProbeReport, ReferenceLine } from '../engine/experiment';
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

export interface SimUpdate {
  status: SimStatus;
  view: MetricsView | null;
}

export interface SimApi {
  /** Chooses the tfjs backend (webgpu, webgl, wasm, cpu in order, or `preferred` first). */
  init(preferred?: BackendName): Promise<BackendReport>;
  /** Validates and loads a scenario; on problems nothing changes and they are returned. */
  configure(scenario: unknown): Promise<FieldProblem[]>;
  start(): Promise<void>;
  pause(): Promise<void>;
  /** One iteration (one leader decision and one follower update) while paused or idle. */
  step(): Promise<void>;
  /** Back to iteration 0 with the same scenario; trained networks are discarded. */
  reset(): Promise<void>;
  /**
   * Sets a live field (a fixed leader's theta) while the run goes on; a value the scenario
   * refuses changes nothing and its problem is returned.
   */
  setLive(key: string, value: number): Promise<FieldProblem[]>;
  /**
   * Pauses, then plays the Lucas-critique probe with theta's live fields set as in `patch`: the
   * trained followers, frozen, seeing the new theta, beside a fixed rule acting as if theta had
   * not moved (ProbeReport); the training and its history are untouched. Returns the probe, or
   * the problems with the patch (nothing then happens).
   */
  probe(patch: Record<string, number>): Promise<{ problems: FieldProblem[]; probe: ProbeReport | null }>;
  /** The run so far at full resolution (not the charts' downsampled view), for export. */
  exportRun(): Promise<RunExport | null>;
  subscribe(listener: (update: SimUpdate) => void): Promise<void>;
}
