/**
 * The UI's state, in slices (zustand slices pattern): the scenario being edited and the
 * simulation as the worker reports it. Main thread only; the worker owns training.
 */
import { create, type StateCreator } from 'zustand';
import type { BackendName, BackendReport } from '../engine/backend-names';
import type { ProbeReport } from '../engine/experiment';
import type { Scenario } from '../scenario/schema';
import type { FieldProblem } from '../scenario/validate';
import type { Evaluation, MetricsView, SimStatus } from '../worker/api';
import { DEFAULT_PAGE_OPTIONS, type PageOptions } from './page-options';
import { createBaselineSlice, type BaselineSlice } from './baseline-slice';

export interface ScenarioSlice {
  scenario: Scenario;
  /** Problems found in the link the page was opened with (each fell back to its default). */
  linkProblems: FieldProblem[];
  /** What the reader of that link should know that is not a problem (the lab that made it). */
  linkNotes: string[];
  /** Problems with values typed into the form, by field. */
  fieldProblems: Record<string, string>;
  setScenario: (scenario: Scenario) => void;
  setLinkProblems: (problems: FieldProblem[]) => void;
  setLinkNotes: (notes: string[]) => void;
  setFieldProblem: (field: string, message: string | null) => void;
}

export interface SimSlice {
  backend: BackendReport | null;
  backendError: string | null;
  /** The backend whose calibration is under way while the worker chooses (null: none). */
  measuring: BackendName | null;
  status: SimStatus;
  view: MetricsView | null;
  /** The latest Lucas-critique probe (SimApi.probe), or null. */
  probe: ProbeReport | null;
  setProbe: (probe: ProbeReport | null) => void;
  /** The latest evaluation (SimApi.evaluate), or null. */
  evaluation: Evaluation | null;
  setEvaluation: (evaluation: Evaluation | null) => void;
  /**
   * What the lab did on its own that the user should know: a worker replaced, a session restored
   * after a reload. Shown until dismissed or replaced.
   */
  notice: string | null;
  setNotice: (notice: string | null) => void;
  /** The chosen backend (or why there is none); the calibration is over. */
  setBackend: (report: BackendReport | null, error?: string) => void;
  setMeasuring: (name: BackendName) => void;
  applyUpdate: (status: SimStatus, view: MetricsView | null) => void;
}

/** How the page is shown (page-options.ts), mirrored in the query string. */
export interface PageSlice {
  page: PageOptions;
  setPage: (page: PageOptions) => void;
}

export type LabState = ScenarioSlice & SimSlice & PageSlice & BaselineSlice;

const createScenarioSlice =
  (initial: Scenario): StateCreator<LabState, [], [], ScenarioSlice> =>
  (set) => ({
    scenario: initial,
    linkProblems: [],
    linkNotes: [],
    fieldProblems: {},
    setScenario: (scenario) => set({ scenario }),
    setLinkProblems: (linkProblems) => set({ linkProblems }),
    setLinkNotes: (linkNotes) => set({ linkNotes }),
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
  measuring: null,
  status: { phase: 'idle', iteration: 0, iterations: 0, rate: 0, checkpoint: 0 },
  view: null,
  probe: null,
  setProbe: (probe) => set({ probe }),
  evaluation: null,
  setEvaluation: (evaluation) => set({ evaluation }),
  notice: null,
  setNotice: (notice) => set({ notice }),
  setBackend: (backend, error) => set({ backend, backendError: error ?? null, measuring: null }),
  setMeasuring: (measuring) => set({ measuring }),
  applyUpdate: (status, view) => set({ status, view }),
});

const createPageSlice =
  (initial: PageOptions): StateCreator<LabState, [], [], PageSlice> =>
  (set) => ({
    page: initial,
    setPage: (page) => set({ page }),
  });

export function createLabStore(initial: Scenario, page: PageOptions = DEFAULT_PAGE_OPTIONS) {
  return create<LabState>()((...a) => ({ ...createScenarioSlice(initial)(...a), ...createSimSlice(...a), ...createPageSlice(page)(...a), ...createBaselineSlice(...a) }));
}

export type LabStore = ReturnType<typeof createLabStore>;
