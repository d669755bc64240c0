/**
 * Connects the store to the worker: commands go out, updates come back into the store, and
 * the scenario is mirrored into the URL fragment so the address bar is always a shareable link.
 */
import * as Comlink from 'comlink';
import { BACKEND_ORDER, type BackendName } from '../engine/backend-names';
import { encodeScenario } from '../scenario/codec';
import type { PoliciesDocument } from '../scenario/policies-file';
import type { Scenario } from '../scenario/schema';
import type { FieldProblem } from '../scenario/validate';
import type { LeaderStep, RunExport } from '../worker/api';
import { createSimWorker } from '../worker/client';
import { writePageOptions, type PageOptions } from './page-options';
import type { LabStore } from './store';

export interface SimController {
  configure(scenario: Scenario): Promise<void>;
  start(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  /** Runs to the leader's next update (SimApi.stepLeader). */
  stepLeader(): Promise<LeaderStep | null>;
  reset(): Promise<void>;
  /** A live field (a fixed leader's theta) changes while the run goes on. */
  setLive(key: string, value: number): Promise<void>;
  /** The run so far at full resolution, for export (null before a scenario is loaded). */
  exportRun(): Promise<RunExport | null>;
  /** How the page is shown (a preset, classroom mode), kept in the address's query. */
  setPage(page: PageOptions): void;
  /** The trained lab as a policies document, for a file or the browser; null before anything is trained. */
  savePolicies(): Promise<PoliciesDocument | null>;
  /**
   * Loads a trained lab (a policies document, unchecked): on success the form and the link
   * take its scenario and the run is paused at its iteration; the problems are returned for
   * the caller to show, and then nothing has changed.
   */
  loadPolicies(doc: unknown): Promise<FieldProblem[]>;
  /** Plays the Lucas-critique probe with theta's live fields as in `patch`; see SimApi.probe. */
  probe(patch: Record<string, number>): Promise<void>;
}

/** `?backend=wasm` in the page address puts that backend first (the scenario lives in the fragment). */
export function preferredBackend(search: string): BackendName | undefined {
  const b = new URLSearchParams(search).get('backend');
  return (BACKEND_ORDER as readonly string[]).includes(b ?? '') ? (b as BackendName) : undefined;
}

export function connectSim(store: LabStore): SimController {
  const { api } = createSimWorker();
  const ready = (async () => {
    await api.subscribe(Comlink.proxy((u) => store.getState().applyUpdate(u.status, u.view)));
    try {
      store.getState().setBackend(await api.init(preferredBackend(location.search)));
    } catch (err) {
      store.getState().setBackend(null, (err as Error).message);
    }
    await api.configure(store.getState().scenario);
  })();

  /** The worker's refusals, each beside its field in the form. */
  const showProblems = (problems: FieldProblem[]) => problems.forEach((p) => store.getState().setFieldProblem(p.field, p.message));
  const mirrorToUrl = (s: Scenario) => history.replaceState(null, '', `${location.pathname}${location.search}#${encodeScenario(s)}`);
  mirrorToUrl(store.getState().scenario);
  /** The scenario the worker now runs, in the form and the address bar. */
  const adopt = (s: Scenario) => {
    store.getState().setScenario(s);
    mirrorToUrl(s);
  };

  return {
    setPage(page) {
      store.getState().setPage(page);
      history.replaceState(null, '', `${location.pathname}${writePageOptions(location.search, page)}${location.hash}`);
    },
    async configure(scenario) {
      adopt(scenario);
      await ready;
      const problems = await api.configure(scenario);
      showProblems(problems);
      // A new run: what was probed was probed on followers that are gone.
      if (!problems.length) store.getState().setProbe(null);
    },
    start: async () => (await ready, api.start()),
    pause: async () => (await ready, api.pause()),
    step: async () => (await ready, api.step()),
    stepLeader: async () => (await ready, api.stepLeader()),
    reset: async () => (store.getState().setProbe(null), await ready, api.reset()),
    exportRun: async () => (await ready, api.exportRun()),
    async probe(patch) {
      await ready;
      const { problems, probe } = await api.probe(patch);
      showProblems(problems);
      if (probe) store.getState().setProbe(probe);
    },
    async setLive(key, value) {
      await ready;
      const problems = await api.setLive(key, value);
      showProblems(problems);
      if (problems.length) return;
      adopt({ ...store.getState().scenario, [key]: value } as Scenario);
    },
    savePolicies: async () => (await ready, api.savePolicies()),
    async loadPolicies(doc) {
      await ready;
      const { problems, scenario } = await api.loadPolicies(doc);
      if (!scenario) return problems;
      adopt(scenario);
      // The form's messages were about values the loaded scenario replaced; the probe, about other followers.
      const { fieldProblems, setFieldProblem, setProbe } = store.getState();
      for (const field of Object.keys(fieldProblems)) setFieldProblem(field, null);
      setProbe(null);
      return [];
    },
  };
}
