/**
 * The store's slice for comparing a run with its baseline (scenario/baseline.ts): whether the
 * user asked for it, and the baseline run as its own worker reports it.
 */
import type { StateCreator } from 'zustand';
import type { MetricsView, SimStatus } from '../worker/api';

export interface BaselineSlice {
  /** "Compare with baseline" is ticked. */
  baselineOn: boolean;
  /** The baseline run's status and view (null while it is off or not yet reported). */
  baselineStatus: SimStatus | null;
  baselineView: MetricsView | null;
  setBaselineOn: (on: boolean) => void;
  applyBaselineUpdate: (status: SimStatus | null, view: MetricsView | null) => void;
}

export const createBaselineSlice =
  (on: boolean): StateCreator<BaselineSlice, [], [], BaselineSlice> =>
  (set) => ({
    baselineOn: on,
    baselineStatus: null,
    baselineView: null,
    setBaselineOn: (baselineOn) => set({ baselineOn }),
    applyBaselineUpdate: (baselineStatus, baselineView) => set({ baselineStatus, baselineView }),
  });
