/** Backend names and the report shape, without tfjs, so the UI thread can use them cheaply. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

/**
 * What a backend's calibration at the scenario's size came to (engine/backend-calibration.ts):
 * - rate: its timed iterations per second;
 * - under: stopped while timed, as soon as it could no longer beat the fastest so far: it runs
 *   fewer than `itPerS` iterations a second;
 * - slowStart: stopped before its first iteration ended (set-up and shader compiles included),
 *   after `ms`.
 */
export type Figure = { kind: 'rate'; itPerS: number } | { kind: 'under'; itPerS: number } | { kind: 'slowStart'; ms: number };

export interface Measurement {
  name: BackendName;
  figure: Figure;
  /** Read from this browser's cache of earlier calibrations on the same device and size. */
  earlier: boolean;
}

export interface BackendReport {
  name: BackendName;
  skipped: { name: BackendName; reason: string }[];
  /** The calibration behind the choice, fastest first; absent when nothing was measured (one candidate, or `?backend=`). */
  measured?: Measurement[];
}
