/**
 * Runs a scenario's baseline (scenario/baseline.ts) in a second worker beside the main run
 * while "Compare with baseline" is ticked: configured from the same scenario, started, paused,
 * stepped and reset with it, its updates in the store's baseline slice. Unticking ends the
 * worker. The tick is a page option (page.baseline, `?baseline=1` in the address).
 */
import * as Comlink from 'comlink';
import type { BackendName } from '../engine/backend-names';
import { baselineOf } from '../scenario/baseline';
import type { PoliciesDocument } from '../scenario/policies-file';
import type { Scenario } from '../scenario/schema';
import type { RunExport, SimApi } from '../worker/api';
import { workloadOf } from '../scenario/schema';
import { createSimWorker, expectedFirstIterationMs, silenceLimit, watchWorker } from '../worker/client';
import { preferredBackend } from './page-options';
import type { SimController } from './sim-controller';
import type { LabStore } from './store';

/** The backend the main run chose (undefined if none could be), once it has chosen. */
function mainBackend(store: LabStore): Promise<BackendName | undefined> {
  const chosen = () => {
    const { backend, backendError } = store.getState();
    return backend || backendError ? { name: backend?.name } : null;
  };
  const now = chosen();
  if (now) return Promise.resolve(now.name);
  return new Promise((resolve) => {
    const unsubscribe = store.subscribe(() => {
      const c = chosen();
      if (c) {
        unsubscribe();
        resolve(c.name);
      }
    });
  });
}

/**
 * One baseline worker. Its commands run one after another (a step and a start must not overlap
 * in the worker); configure and reset drop the commands still waiting, such as the steps that
 * catch the baseline up with a main run that was already under way.
 */
class BaselineRun {
  private readonly worker: Worker;
  private readonly api: Comlink.Remote<SimApi>;
  private queue: Promise<void> = Promise.resolve();
  private generation = 0;
  private closed = false;
  private readonly unwatch: () => void;

  /**
   * `onDead`: the worker died or hung (watchWorker); the caller replaces this run. `restarts`: the
   * baseline workers replaced before this one, each doubling the silence this one may keep.
   */
  constructor(
    private readonly store: LabStore,
    onDead: (reason: string) => void,
    restarts: number,
  ) {
    ({ api: this.api, worker: this.worker } = createSimWorker('adage-baseline'));
    // First of all, and never dropped: the commands after it need the backend.
    this.queue = this.guarded(async () => {
      await this.api.subscribe(Comlink.proxy((u) => this.closed || store.getState().applyBaselineUpdate(u.status, u.view)));
      // The main run's backend, so that the two differ by their leader alone.
      await this.api.init(
        baselineOf(store.getState().scenario).scenario,
        preferredBackend(location.search) ?? (await mainBackend(store)),
        [],
        Comlink.proxy((reason) => onDead(`lost its backend's device (${reason})`)),
      );
    });
    const limit = () => {
      const { baselineStatus, scenario } = store.getState();
      return silenceLimit({ rate: baselineStatus?.rate ?? 0, expectedMs: expectedFirstIterationMs(workloadOf(baselineOf(scenario).scenario)), restarts });
    };
    this.unwatch = watchWorker(this.api, this.worker, limit, onDead);
    this.configure(store.getState().scenario);
    this.catchUp();
  }

  /** Loads the baseline of `scenario` (a new run, as the main run's is). */
  configure(scenario: Scenario): void {
    this.generation++;
    this.enqueue(async () => {
      await this.api.configure(baselineOf(scenario).scenario);
    });
  }

  /** Loads the baseline's own trained lab; one the worker refuses is trained afresh up to `iteration` instead. */
  load(doc: unknown, iteration: number): void {
    this.generation++;
    this.enqueue(async () => {
      if (!(await this.api.loadPolicies(doc)).problems.length) return;
      await this.api.configure(baselineOf(this.store.getState().scenario).scenario);
      for (let i = 0; i < iteration; i++) await this.api.step();
    });
  }

  start(): void {
    // Starting a finished run starts it afresh; a slower baseline must not carry on with its old one.
    if (this.store.getState().status.phase === 'done') this.reset();
    this.enqueue(() => this.api.start());
  }

  pause(): void {
    this.enqueue(() => this.api.pause());
  }

  step(): void {
    this.enqueue(() => this.api.step());
  }

  reset(): void {
    this.generation++;
    this.enqueue(() => this.api.reset());
  }

  setLive(key: string, value: number): void {
    this.enqueue(async () => {
      await this.api.setLive(key, value);
    });
  }

  /** The baseline's run so far (null once closed). */
  async exportRun(): Promise<RunExport | null> {
    return this.closed ? null : this.api.exportRun();
  }

  close(): void {
    this.closed = true;
    this.unwatch();
    this.worker.terminate();
    this.store.getState().applyBaselineUpdate(null, null);
  }

  /**
   * Ticked mid-run, or the main run loaded from a file or restored after a reload: runs if the
   * main run is running, else steps to its iteration (a comparison over the same iterations).
   * `iteration`: where the main run is, when its status may not have reached the store yet (a
   * load answers before the worker's status update arrives).
   */
  catchUp(iteration = this.store.getState().status.iteration): void {
    if (this.store.getState().status.phase === 'running') return this.start();
    for (let i = 0; i < iteration; i++) this.step();
  }

  /** Runs `command` after those before it, unless configure or reset came in between, or the run was closed. */
  private enqueue(command: () => Promise<void>): void {
    const generation = this.generation;
    this.queue = this.queue.then(() => (this.closed || generation !== this.generation ? undefined : this.guarded(command)));
  }

  /** Runs `command`, showing a failure as the baseline's error. */
  private async guarded(command: () => Promise<void>): Promise<void> {
    try {
      await command();
    } catch (err) {
      // A worker ended by close() rejects what was in flight; anything else is the baseline's own failure.
      if (!this.closed) this.store.getState().applyBaselineUpdate({ phase: 'error', iteration: 0, iterations: 0, rate: 0, checkpoint: 0, message: `Baseline stopped: ${(err as Error).message}` }, null);
    }
  }
}

/**
 * The main run's controller with the baseline following it: every command goes to the main run
 * and, while comparing, to the baseline (which the main run never waits for).
 */
export function withBaseline(sim: SimController, store: LabStore): SimController {
  let run: BaselineRun | null = null;
  let restarts = 0;
  /** A baseline worker that died is replaced by a new one, which trains afresh up to the run's iteration. */
  const replace = (dead: BaselineRun, reason: string) => {
    if (dead !== run) return;
    dead.close();
    restarts++;
    run = open();
    store.getState().setNotice(`The baseline's worker ${reason}. A new one retrains the baseline up to iteration ${store.getState().status.iteration}.`);
  };
  const open = (): BaselineRun => {
    const opened: BaselineRun = new BaselineRun(store, (reason) => replace(opened, reason), restarts);
    return opened;
  };
  const follow = (on: boolean) => {
    if (on && !run) run = open();
    if (!on && run) {
      run.close();
      run = null;
    }
  };
  follow(store.getState().page.baseline);
  store.subscribe((s, prev) => {
    if (s.page.baseline !== prev.page.baseline) follow(s.page.baseline);
  });

  return {
    ...sim,
    async configure(scenario) {
      await sim.configure(scenario);
      // A scenario the main run refused is refused by the baseline's worker too, which then keeps its own.
      run?.configure(scenario);
    },
    exportBaseline: async () => (run ? run.exportRun() : null),
    start: async () => (run?.start(), sim.start()),
    pause: async () => (run?.pause(), sim.pause()),
    step: async () => (run?.step(), sim.step()),
    reset: async () => (run?.reset(), sim.reset()),
    // The probe and evaluation mode pause the main run; the baseline waits for them.
    probe: async (patch) => (run?.pause(), sim.probe(patch)),
    evaluate: async (episodes) => (run?.pause(), sim.evaluate(episodes)),
    async stepLeader() {
      const step = await sim.stepLeader();
      // The same iterations for the baseline, whose own leader (if any) keeps its own schedule.
      if (step) for (let i = step.from; i <= step.to; i++) run?.step();
      return step;
    },
    async loadPolicies(doc, baseline) {
      const problems = await sim.loadPolicies(doc);
      if (!problems.length && run) {
        // Loaded without problems, so the document is a policies document.
        const { iteration } = doc as PoliciesDocument;
        if (baseline !== undefined) run.load(baseline, iteration);
        else {
          // No saved baseline: it trains afresh up to the loaded iteration.
          run.configure(store.getState().scenario);
          run.catchUp(iteration);
        }
      }
      return problems;
    },
    async setLive(key, value) {
      await sim.setLive(key, value);
      const scenario = store.getState().scenario as Record<string, unknown>;
      // Accepted by the main run: the baseline takes its own value of that field (held or not, as its leader says).
      if (scenario[key] === value) run?.setLive(key, (baselineOf(store.getState().scenario).scenario as Record<string, unknown>)[key] as number);
    },
  };
}
