/**
 * Connects the store to the worker: commands go out, updates come back into the store, and
 * the scenario is mirrored into the URL fragment so the address bar is always a shareable link.
 *
 * Nothing is lost when the worker is: it is watched (a heartbeat, its error event, its backend's
 * device), and one that dies or hangs is replaced by a new worker given the user's scenario and
 * the run's last checkpoint, running again if it was. Each checkpoint is also kept in the browser
 * (last-session.ts) for a reload.
 */
import * as Comlink from 'comlink';
import type { BackendName } from '../engine/backend-names';
import { encodeScenario } from '../scenario/codec';
import type { PoliciesDocument } from '../scenario/policies-file';
import { workloadOf, type Scenario } from '../scenario/schema';
import type { FieldProblem } from '../scenario/validate';
import type { LeaderStep, RunExport, SimApi, SimUpdate } from '../worker/api';
import { createSimWorker, expectedFirstIterationMs, silenceLimit, watchWorker } from '../worker/client';
import { LastSessionStore } from './last-session';
import { preferredBackend, writePageOptions, type PageOptions } from './page-options';
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
  /** The baseline's run so far at full resolution while comparing; null when not comparing. */
  exportBaseline(): Promise<RunExport | null>;
  /** How the page is shown (a preset, classroom mode), kept in the address's query. */
  setPage(page: PageOptions): void;
  /** The trained lab as a policies document, for a file or the browser; null before anything is trained. */
  savePolicies(): Promise<PoliciesDocument | null>;
  /**
   * Loads a trained lab (a policies document, unchecked): on success the form and the link
   * take its scenario and the run is paused at its iteration; the problems are returned for
   * the caller to show, and then nothing has changed. `baseline`: the baseline's own trained lab
   * (a finished run's), for the baseline worker while comparing; without it the baseline trains
   * afresh up to the loaded iteration.
   */
  loadPolicies(doc: unknown, baseline?: unknown): Promise<FieldProblem[]>;
  /** Plays the Lucas-critique probe with theta's live fields as in `patch`; see SimApi.probe. */
  probe(patch: Record<string, number>): Promise<void>;
  /**
   * Plays evaluation mode over `episodes` episodes (SimApi.evaluate); the store holds its figures.
   * Returns why there are none (null: there are).
   */
  evaluate(episodes: number): Promise<string | null>;
  /** After a divergence: halved learning rates, from the checkpoint, running (SimApi.resumeWithSmallerSteps). */
  resumeWithSmallerSteps(): Promise<void>;
}

/** The worker was replaced while a command was waiting on it. */
class WorkerReplaced extends Error {
  override name = 'WorkerReplaced';
}

/** One worker and what is known of it. */
interface Host {
  api: Comlink.Remote<SimApi>;
  worker: Worker;
  /** Resolves once it has a backend and the scenario. */
  ready: Promise<void>;
  /** Rejects (WorkerReplaced) when this worker is replaced, so that what waits on it returns. */
  replaced: Promise<never>;
  replace: () => void;
  /** Stops the heartbeat. */
  unwatch: () => void;
}

/** The scenario as the address bar's fragment, so that the address is always its link (the page's query kept). */
export function mirrorToUrl(s: Scenario): void {
  history.replaceState(null, '', `${location.pathname}${location.search}#${encodeScenario(s)}`);
}

export function connectSim(store: LabStore, lastSession = new LastSessionStore()): SimController {
  /** The run's last checkpoint, for a new worker; null for a new scenario until one is taken. */
  let checkpoint: PoliciesDocument | null = null;
  /** Backends whose device was lost in this page: a new worker skips them. */
  const lostBackends: BackendName[] = [];
  /** Workers replaced in this page: each doubles the silence the next may keep. */
  let restarts = 0;

  const remember = () => void lastSession.save({ scenario: store.getState().scenario, checkpoint });
  const onUpdate = (u: SimUpdate) => {
    if (u.checkpoint) {
      checkpoint = u.checkpoint;
      remember();
    }
    store.getState().applyUpdate(u.status, u.view);
  };

  const launch = (): Host => {
    const { api, worker } = createSimWorker();
    let replace!: () => void;
    const replaced = new Promise<never>((_, reject) => (replace = () => reject(new WorkerReplaced())));
    replaced.catch(() => undefined);
    const host: Host = { api, worker, replaced, replace, ready: Promise.resolve(), unwatch: () => undefined };
    host.ready = (async () => {
      await api.subscribe(Comlink.proxy((u) => host === current && onUpdate(u)));
      try {
        const report = await api.init(
          store.getState().scenario,
          preferredBackend(location.search),
          lostBackends,
          Comlink.proxy((reason) => {
            lostBackends.push(report.name);
            void restart(`lost its ${report.name} device (${reason})`, host);
          }),
          Comlink.proxy((name: BackendName) => host === current && store.getState().setMeasuring(name)),
        );
        store.getState().setBackend(report);
      } catch (err) {
        store.getState().setBackend(null, (err as Error).message);
      }
      await api.configure(store.getState().scenario);
      await api.setPace(store.getState().page.pace);
    })();
    const limit = () => silenceLimit({ rate: store.getState().status.rate, expectedMs: expectedFirstIterationMs(workloadOf(store.getState().scenario)), restarts });
    host.unwatch = watchWorker(api, worker, limit, (reason) => void restart(reason, host));
    return host;
  };
  let current = launch();

  /**
   * `command` on the current worker once it is ready; `fallback` if that worker is replaced
   * first (the new one has the run, and the user can ask again).
   */
  const call = async <T>(command: (api: Comlink.Remote<SimApi>) => Promise<T>, fallback: T): Promise<T> => {
    const host = current;
    try {
      await Promise.race([host.ready, host.replaced]);
      return await Promise.race([command(host.api), host.replaced]);
    } catch (err) {
      if (err instanceof WorkerReplaced) return fallback;
      throw err;
    }
  };

  /** Replaces `dead` (if it is still the current worker) and restores the run in the new one. */
  async function restart(reason: string, dead: Host): Promise<void> {
    if (dead !== current) return;
    const wasRunning = store.getState().status.phase === 'running';
    dead.replace();
    dead.unwatch();
    dead.worker.terminate();
    restarts++;
    current = launch();
    const saved = checkpoint;
    const restored = await call(async (api) => (saved && !(await api.loadPolicies(saved)).problems.length ? saved.iteration : 0), 0);
    if (wasRunning) await call((api) => api.start(), undefined);
    const from = restored ? `from its checkpoint at iteration ${restored}` : 'from the start (there was no checkpoint yet)';
    store.getState().setNotice(`The simulation worker ${reason}. A new worker took over with your settings, ${from}${wasRunning ? ', and training goes on' : ''}.`);
  }

  /** The worker's refusals, each beside its field in the form. */
  const showProblems = (problems: FieldProblem[]) => problems.forEach((p) => store.getState().setFieldProblem(p.field, p.message));
  mirrorToUrl(store.getState().scenario);
  /** The scenario the worker now runs, in the form, the address bar and the browser's memory. */
  const adopt = (s: Scenario) => {
    store.getState().setScenario(s);
    mirrorToUrl(s);
    remember();
  };
  /** The probe and the evaluation, played by followers now gone. */
  const forgetPlays = () => {
    store.getState().setProbe(null);
    store.getState().setEvaluation(null);
  };
  /** A new run: its checkpoints are to come. */
  const forgetRun = () => {
    checkpoint = null;
    remember();
  };

  return {
    setPage(page) {
      if (page.pace !== store.getState().page.pace) void call((api) => api.setPace(page.pace), undefined);
      store.getState().setPage(page);
      history.replaceState(null, '', `${location.pathname}${writePageOptions(location.search, page)}${location.hash}`);
    },
    async configure(scenario) {
      adopt(scenario);
      const problems = await call((api) => api.configure(scenario), []);
      showProblems(problems);
      // A new run: what was probed or evaluated was played by followers that are gone.
      if (!problems.length) {
        forgetPlays();
        forgetRun();
      }
    },
    start: () => call((api) => api.start(), undefined),
    pause: () => call((api) => api.pause(), undefined),
    step: () => call((api) => api.step(), undefined),
    stepLeader: () => call((api) => api.stepLeader(), null),
    async reset() {
      forgetPlays();
      await call((api) => api.reset(), undefined);
      forgetRun();
    },
    exportRun: () => call((api) => api.exportRun(), null),
    // The baseline runs beside this controller (baseline-controller.ts), which answers for it.
    exportBaseline: async () => null,
    async probe(patch) {
      const { problems, probe } = await call((api) => api.probe(patch), { problems: [], probe: null });
      showProblems(problems);
      if (probe) store.getState().setProbe(probe);
    },
    async evaluate(episodes) {
      const { message, evaluation } = await call((api) => api.evaluate(episodes), { message: 'The simulation worker was replaced; evaluate again.', evaluation: null });
      store.getState().setEvaluation(evaluation);
      return message;
    },
    async setLive(key, value) {
      const problems = await call((api) => api.setLive(key, value), []);
      showProblems(problems);
      if (problems.length) return;
      adopt({ ...store.getState().scenario, [key]: value } as Scenario);
    },
    savePolicies: () => call((api) => api.savePolicies(), null),
    async loadPolicies(doc) {
      const { problems, scenario } = await call((api) => api.loadPolicies(doc), { problems: [], scenario: null });
      if (!scenario) return problems;
      adopt(scenario);
      // The form's messages were about values the loaded scenario replaced; the probe and the evaluation, about other followers.
      const { fieldProblems, setFieldProblem } = store.getState();
      for (const field of Object.keys(fieldProblems)) setFieldProblem(field, null);
      forgetPlays();
      return [];
    },
    async resumeWithSmallerSteps() {
      const scenario = await call<Scenario | null>((api) => api.resumeWithSmallerSteps(), null);
      if (scenario) adopt(scenario);
    },
  };
}
