/**
 * The store's slice for comparing a run with its baseline (scenario/baseline.ts): the baseline
 * run as its own worker reports it. Whether it is asked for is a page option (page.baseline).
 */
import type { StateCreator } from 'zustand';
import type { MetricsView, SimStatus } from '../worker/api';

export interface BaselineSlice {
  /** The baseline run's status and view (null while it is off or not yet reported). */
  baselineStatus: SimStatus | null;
  baselineView: MetricsView | null;
  applyBaselineUpdate: (status: SimStatus | null, view: MetricsView | null) => void;
}

export const createBaselineSlice: StateCreator<BaselineSlice, [], [], BaselineSlice> = (set) => ({
  baselineStatus: null,
  baselineView: null,
  applyBaselineUpdate: (baselineStatus, baselineView) => set({ baselineStatus, baselineView }),
});
