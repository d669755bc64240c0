/**
 * The UI's state, in slices (zustand slices pattern): the scenario being edited and the
 * simulation as the worker reports it. Main thread only; the worker owns training.
 */
import { create, type StateCreator } from 'zustand';
import type { BackendReport } from '../engine/backend-names';
import type { Scenario } from '../scenario/schema';
import type { FieldProblem } from '../scenario/validate';
import type { MetricsView, SimStatus } from '../worker/api';
import { createBaselineSlice, type BaselineSlice } from './baseline-slice';

export interface ScenarioSlice {
  scenario: Scenario;
  /** Problems found in the link the page was opened with (each fell back to its default). */
  linkProblems: FieldProblem[];
  /** Problems with values typed into the form, by field. */
  fieldProblems: Record<string, string>;
  setScenario: (scenario: Scenario) => void;
  setLinkProblems: (problems: FieldProblem[]) => void;
  setFieldProblem: (field: string, message: string | null) => void;
}

export interface SimSlice {
  backend: BackendReport | null;
  backendError: string | null;
  status: SimStatus;
  view: MetricsView | null;
  /** The latest episode played with a policy tried by hand (SimApi.tryLive), or null. */
  tried: MetricsView | null;
  setTried: (tried: MetricsView | null) => void;
  setBackend: (report: BackendReport | null, error?: string) => void;
  applyUpdate: (status: SimStatus, view: MetricsView | null) => void;
}

export type LabState = ScenarioSlice & SimSlice & BaselineSlice;

const createScenarioSlice =
  (initial: Scenario): StateCreator<LabState, [], [], ScenarioSlice> =>
  (set) => ({
    scenario: initial,
    linkProblems: [],
    fieldProblems: {},
    setScenario: (scenario) => set({ scenario }),
    setLinkProblems: (linkProblems) => set({ linkProblems }),
    setFieldProblem: (field, message) =>
      set((s) => {
        const fieldProblems = { ...s.fieldProblems };
        if (message) fieldProblems[field] = message;
        else delete fieldProblems[field];
        return { fieldProblems };
      }),
  });

const createSimSlice: StateCreator<LabState, [], [], SimSlice> = (set) => ({
  backend: null,
  backendError: null,
  status: { phase: 'idle', iteration: 0, iterations: 0, rate: 0 },
  view: null,
  tried: null,
  setTried: (tried) => set({ tried }),
  setBackend: (backend, error) => set({ backend, backendError: error ?? null }),
  applyUpdate: (status, view) => set({ status, view }),
});

/** `compare`: the baseline run starts ticked (a shared link with `?baseline=1`). */
export function createLabStore(initial: Scenario, compare = false) {
  return create<LabState>()((...a) => ({ ...createScenarioSlice(initial)(...a), ...createSimSlice(...a), ...createBaselineSlice(compare)(...a) }));
}

export type LabStore = ReturnType<typeof createLabStore>;
