/**
 * One experiment as the worker runs it: the experiment, the metric history, and the run loop
 * that trains while the UI stays free. Host-agnostic (no worker or DOM API), so it is tested
 * in Node. Updates go out at most every FLUSH_MS.
 *
 * Nothing is lost: while training, a checkpoint (the trained lab as a policies document) is taken
 * every CHECKPOINT_MS and whenever the run stops, and sent out with the next update, so the UI
 * thread can restore it into a new worker or after a reload. An iteration that diverges (NaN or
 * infinity, engine/divergence.ts) sends the run back to the last checkpoint, paused, and says where.
 */
import { nextLeaderUpdate } from '../engine/leader-schedule';
import { DivergenceError } from '../engine/divergence';
import type { Experiment, IterationReport, ProbeReport } from '../engine/experiment';
import { finalMetrics } from '../engine/metrics';
import { StateError, StateReader } from '../engine/persist/state';
import { checkPoliciesDocument, policiesDocument, type PoliciesDocument } from '../scenario/policies-file';
import type { Scenario } from '../scenario/schema';
import { STEP_FACTOR, withScaledLearningRates } from '../scenario/step-sizes';
import { parseScenario, ScenarioError, type FieldProblem } from '../scenario/validate';
import { EVALUATION_EPISODES, type Divergence, type Evaluation, type LeaderStep, type MetricsView, type Phase, type PoliciesLoad, type RunExport, type SimUpdate } from './api';
import { bucketEnds, bucketMeans } from './downsample';
import { moduleOf } from '../scenario/schema';

export const FLUSH_MS = 50;
/** How often a running experiment is checkpointed (it also is whenever it stops). */
export const CHECKPOINT_MS = 3000;

/** A policies document's trained state loaded into a new experiment of `scenario`, not yet in use. */
type Prepared = { experiment: Experiment; snapshots: Record<string, Float32Array>; doc: PoliciesDocument; scenario: Scenario };

/**
 * Lets queued commands (pause, setLive) run between iterations: a message to ourselves is a
 * task behind them. Not setTimeout(0), which browsers clamp to 4 ms once nested: with the
 * differentiable game's 2 ms iterations that made a run in the worker four times slower.
 */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** The longest sleep while slowed down (keepPace): how soon Pause or a new pace is heard. */
const PACE_SLEEP_MS = 100;

export class SimSession {
  private scenario: Scenario | null = null;
  private experiment: Experiment | null = null;
  private history = new Map<string, number[]>();
  private snapshots: Record<string, Float32Array> = {};
  private phase: Phase = 'idle';
  private message: string | undefined;
  private loop: Promise<void> | null = null;
  private lastFlush = 0;
  private recent: number[] = [];
  /** At most this many iterations a second while running (a class watching each step); null: full speed. */
  private pace: number | null = null;
  /**
   * Steps and probes one at a time: they share the experiment's rollout buffers, and a slider
   * moved twice quickly must not interleave two probes.
   */
  private queue: Promise<unknown> = Promise.resolve();
  /** The last good state (the trained lab as a document); null before the first iteration. */
  private checkpoint: PoliciesDocument | null = null;
  private lastCheckpoint = 0;
  /** A checkpoint taken since the last update, to go out with the next one. */
  private unsent: PoliciesDocument | null = null;
  /** The divergence the run last went back from, until it goes on or is replaced. */
  private divergence: Divergence | null = null;

  constructor(
    private readonly emit: (update: SimUpdate) => void,
    private readonly checkpointMs = CHECKPOINT_MS,
  ) {}

  /** Validates strictly: a bad scenario changes nothing and its problems are returned. */
  async configure(input: unknown): Promise<FieldProblem[]> {
    let scenario: Scenario;
    try {
      scenario = parseScenario(input, 'strict').scenario;
    } catch (err) {
      if (err instanceof ScenarioError) return err.problems;
      throw err;
    }
    await this.pause();
    await this.queue;
    this.scenario = scenario;
    this.discard();
    return [];
  }

  /** Slows the run to `perSecond` iterations a second, or lets it go at full speed (null). */
  setPace(perSecond: number | null): void {
    if (perSecond !== null && !(Number.isFinite(perSecond) && perSecond > 0)) throw new Error(`pace must be a positive number of iterations a second or null, got ${perSecond}`);
    this.pace = perSecond;
  }

  async start(): Promise<void> {
    if (!this.scenario || this.phase === 'running') return;
    await this.queue;
    // Another start may have come in while this one waited (a type guard cannot know).
    if ((this.phase as Phase) === 'running') return;
    if (this.phase === 'done') this.discard();
    this.phase = 'running';
    this.flush(true);
    this.loop = this.run();
  }

  async pause(): Promise<void> {
    if (this.phase === 'running') this.phase = 'paused';
    await this.loop;
    this.loop = null;
  }

  async step(): Promise<void> {
    await this.exclusive(async () => {
      if (!this.scenario || this.phase === 'running') return;
      if (await this.iterateOnce()) {
        this.phase = this.isFinished() ? 'done' : 'paused';
        await this.takeCheckpoint();
      }
      this.flush(true);
    });
  }

  /** See SimApi.stepLeader. Runs like Start, to a stop: Pause interrupts it between iterations. */
  async stepLeader(): Promise<LeaderStep | null> {
    if (!this.scenario || this.phase === 'running' || this.isFinished()) return null;
    await this.queue;
    if ((this.phase as Phase) === 'running' || this.isFinished()) return null;
    const schedule = moduleOf(this.scenario).leaderSchedule(this.scenario);
    const done = this.experiment?.iterationsDone ?? 0;
    const update = nextLeaderUpdate(schedule, done);
    const before = done > 0 ? this.row(done - 1) : null;
    this.phase = 'running';
    this.flush(true);
    this.loop = this.run(update);
    await this.loop;
    this.loop = null;
    const to = this.experiment?.iterationsDone ?? 0;
    if (to === done) return null;
    return { from: done + 1, to, before, after: this.row(to - 1), leaderLearned: schedule !== null && to === update };
  }

  async reset(): Promise<void> {
    await this.pause();
    await this.queue;
    this.discard();
  }

  /** A live field (a fixed leader's theta), validated like any scenario, then applied without restarting. */
  setLive(key: string, value: number): FieldProblem[] {
    const checked = this.withPatch({ [key]: value });
    if ('problems' in checked) return checked.problems;
    this.scenario = checked.next;
    this.experiment?.applyLive(checked.next);
    return [];
  }

  /** See SimApi.probe. */
  async probe(patch: Record<string, number>): Promise<{ problems: FieldProblem[]; probe: ProbeReport | null }> {
    const checked = this.withPatch(patch);
    if ('problems' in checked) return { problems: checked.problems, probe: null };
    return this.exclusive(async () => {
      await this.pause();
      this.experiment ??= await moduleOf(this.scenario!).experiment(this.scenario!);
      const probe = await this.experiment.probe(checked.next);
      this.flush(true);
      return { problems: [], probe };
    });
  }

  /** See SimApi.evaluate. */
  async evaluate(episodes: number): Promise<{ message: string | null; evaluation: Evaluation | null }> {
    const { min, max } = EVALUATION_EPISODES;
    const refuse = (message: string) => ({ message, evaluation: null });
    if (!Number.isInteger(episodes) || episodes < min || episodes > max) return refuse(`Episodes: a whole number from ${min} to ${max}, got ${episodes}.`);
    return this.exclusive(async () => {
      await this.pause();
      const scenario = this.scenario;
      if (!scenario) return refuse('No scenario is loaded.');
      const experiment = (this.experiment ??= await moduleOf(scenario).experiment(scenario));
      // ADAGE-Diff's followers and leader follow gradients and never explore: its training figures are the evaluation.
      if (!experiment.evaluate) return refuse("This environment has no evaluation mode: nothing in it explores, so the run's own figures are already exploration-free.");
      if (experiment.iterationsDone === 0) return refuse('Nothing is trained yet: train at least one iteration, then evaluate.');
      let reports: IterationReport[];
      try {
        reports = await experiment.evaluate(episodes);
      } catch (err) {
        return refuse(`Evaluation failed: ${(err as Error).message}. The run is as it was.`);
      }
      const rows = this.exportRun()!.rows;
      const keys = moduleOf(scenario).metrics.map((m) => m.key);
      return { message: null, evaluation: { iteration: experiment.iterationsDone, episodes: reports.map((r) => r.metrics), training: finalMetrics(rows, keys) } };
    });
  }

  /** Runs f after every step, probe or evaluation already asked for. */
  private exclusive<T>(f: () => Promise<T>): Promise<T> {
    const result = this.queue.then(f);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Every iteration so far, each metric of the environment in its registry order. */
  exportRun(): RunExport | null {
    const s = this.scenario;
    if (!s) return null;
    const count = this.experiment?.iterationsDone ?? 0;
    return { scenario: s, rows: Array.from({ length: count }, (_, i) => this.row(i)) };
  }

  /** Iteration i + 1's figures, each metric of the environment in its registry order. */
  private row(i: number): Record<string, number> {
    const keys = moduleOf(this.scenario!).metrics.map((m) => m.key);
    return Object.fromEntries([['iteration', i + 1], ...keys.map((k) => [k, this.history.get(k)?.[i] ?? NaN])]);
  }

  /** See SimApi.savePolicies. */
  async savePolicies(): Promise<PoliciesDocument | null> {
    const { scenario, experiment } = this;
    if (!scenario || !experiment || experiment.iterationsDone === 0) return null;
    // The state is taken between iterations (after any step or probe under way): a run in progress pauses for it and goes on.
    const wasRunning = this.phase === 'running';
    await this.pause();
    try {
      return await this.exclusive(() => this.document(scenario, experiment));
    } finally {
      if (wasRunning && this.phase === 'paused') await this.start();
    }
  }

  /** The trained lab as a policies document (between iterations). */
  private async document(scenario: Scenario, experiment: Experiment): Promise<PoliciesDocument> {
    return policiesDocument(scenario, this.exportRun()!.rows, this.snapshots, await experiment.saveState());
  }

  /**
   * See SimApi.loadPolicies. The file is checked and its state loaded into a new experiment
   * before anything is touched, so a bad file leaves the current run (even a running one) and
   * its scenario as they were. A loaded lab is also the first checkpoint of what follows.
   */
  async loadPolicies(input: unknown): Promise<PoliciesLoad> {
    const checked = checkPoliciesDocument(input);
    if ('problems' in checked) return { problems: checked.problems, scenario: null };
    const prepared = await this.prepare(checked.doc, checked.doc.scenario);
    if ('problems' in prepared) return { problems: prepared.problems, scenario: null };
    await this.pause();
    await this.queue;
    this.adopt(prepared);
    this.flush(true);
    return { problems: [], scenario: prepared.scenario };
  }

  /** `doc`'s trained state in a new experiment of `scenario` (its own, or with other learning rates). */
  private async prepare(doc: PoliciesDocument, scenario: Scenario): Promise<Prepared | { problems: FieldProblem[] }> {
    const experiment = await moduleOf(scenario).experiment(scenario);
    try {
      experiment.loadState(new StateReader(doc.state));
      if (experiment.iterationsDone !== doc.iteration) throw new StateError('state.iteration', `${experiment.iterationsDone} in the state, but the file says ${doc.iteration}`);
      return { experiment, snapshots: new StateReader(doc.snapshots, 'snapshots').arrays('float32'), doc, scenario };
    } catch (err) {
      experiment.dispose();
      if (err instanceof StateError) return { problems: err.problems };
      // Anything else a damaged state trips over on its way in is still the state's problem, not a crash.
      return { problems: [{ field: 'state', message: `state: the trained state cannot be loaded (${(err as Error).message})` }] };
    }
  }

  /** Makes a prepared experiment the run, paused at its iteration (done if that is the end), with its history. */
  private adopt({ experiment, snapshots, doc, scenario }: Prepared): void {
    this.scenario = scenario;
    this.discard();
    this.experiment = experiment;
    for (const { key } of moduleOf(scenario).metrics) this.history.set(key, doc.history.map((row) => row[key] ?? NaN));
    this.snapshots = snapshots;
    // The first checkpoint of what follows, sent out so that the UI thread holds it too.
    this.checkpoint = this.unsent = doc;
    // Paused, so the user can resume, step or try a policy on what was loaded.
    this.phase = this.isFinished() ? 'done' : 'paused';
  }

  /**
   * After a divergence: every learning rate times STEP_FACTOR (SimApi.resumeWithSmallerSteps),
   * from the checkpoint the run went back to, and running again. Returns the new scenario, or
   * null when there is no divergence to resume from.
   */
  async resumeWithSmallerSteps(): Promise<Scenario | null> {
    if (!this.scenario || !this.divergence) return null;
    await this.pause();
    await this.queue;
    const next = parseScenario(withScaledLearningRates(this.scenario, STEP_FACTOR), 'strict').scenario;
    if (this.checkpoint) {
      const prepared = await this.prepare(this.checkpoint, next);
      // The same scenario but its learning rates: the state fits, as it did a moment ago.
      if ('problems' in prepared) throw new Error(prepared.problems.map((p) => p.message).join(' '));
      this.adopt(prepared);
    } else {
      this.scenario = next;
      this.discard();
    }
    await this.start();
    return next;
  }

  /** The loaded scenario with some fields changed, validated strictly. */
  private withPatch(patch: Record<string, number>): { next: Scenario } | { problems: FieldProblem[] } {
    if (!this.scenario) return { problems: [] };
    try {
      return { next: parseScenario({ ...this.scenario, ...patch }, 'strict').scenario };
    } catch (err) {
      if (err instanceof ScenarioError) return { problems: err.problems };
      throw err;
    }
  }

  /** Trains while running, to the end of the run or up to iteration `stop`, whichever comes first. */
  private async run(stop = Infinity): Promise<void> {
    try {
      while (this.phase === 'running' && !this.isFinished() && (this.experiment?.iterationsDone ?? 0) < stop) {
        const began = performance.now();
        if (!(await this.iterateOnce())) break;
        if (performance.now() - this.lastCheckpoint >= this.checkpointMs) await this.takeCheckpoint();
        // Slowed down, every iteration is shown as it comes.
        this.flush(this.pace !== null);
        await yieldToEvents();
        // Only between iterations: the last one of a run or of a leader step ends at once.
        if (!this.isFinished() && (this.experiment?.iterationsDone ?? 0) < stop) await this.keepPace(began);
      }
      if (this.phase === 'running') this.phase = this.isFinished() ? 'done' : 'paused';
      // Stopped (paused, done, a leader step ended): what is on screen is what a restore gives back.
      await this.takeCheckpoint();
    } catch (err) {
      this.phase = 'error';
      this.message = `Training stopped: ${(err as Error).message}`;
    }
    this.flush(true);
  }

  /** While slowed down: waits until 1 / pace seconds after `began`, in short sleeps so that Pause and a new pace take effect at once. */
  private async keepPace(began: number): Promise<void> {
    while (this.pace !== null && this.phase === 'running') {
      const left = began + 1000 / this.pace - performance.now();
      if (left <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, PACE_SLEEP_MS)));
    }
  }

  private iterations(): number {
    return this.scenario ? moduleOf(this.scenario).iterations(this.scenario) : 0;
  }

  private isFinished(): boolean {
    return (this.experiment?.iterationsDone ?? 0) >= this.iterations();
  }

  /**
   * One iteration, recorded. False when it diverged: the run is then back at its last checkpoint,
   * paused, and the divergence is reported.
   */
  private async iterateOnce(): Promise<boolean> {
    this.experiment ??= await moduleOf(this.scenario!).experiment(this.scenario!);
    let report: IterationReport;
    try {
      report = await this.experiment.iterate();
    } catch (err) {
      if (!(err instanceof DivergenceError)) throw err;
      await this.goBack(err);
      return false;
    }
    this.divergence = null;
    this.record(report);
    return true;
  }

  /** Back to the last checkpoint (or the start, if there is none yet) after a divergence, paused. */
  private async goBack(err: DivergenceError): Promise<void> {
    const checkpoint = this.checkpoint;
    const prepared = checkpoint && (await this.prepare(checkpoint, this.scenario!));
    if (prepared && !('problems' in prepared)) this.adopt(prepared);
    else this.discard();
    this.phase = (this.experiment?.iterationsDone ?? 0) > 0 ? 'paused' : 'idle';
    this.divergence = { iteration: err.iteration, problems: err.problems, restoredTo: this.experiment?.iterationsDone ?? 0 };
  }

  /** A checkpoint of the run as it is now, unless nothing changed since the last one. */
  private async takeCheckpoint(): Promise<void> {
    const { scenario, experiment } = this;
    if (!scenario || !experiment || experiment.iterationsDone === 0 || experiment.iterationsDone === this.checkpoint?.iteration) return;
    this.checkpoint = this.unsent = await this.document(scenario, experiment);
    this.lastCheckpoint = performance.now();
  }

  private record(r: IterationReport): void {
    for (const [key, value] of Object.entries(r.metrics)) {
      let column = this.history.get(key);
      if (!column) this.history.set(key, (column = []));
      column.push(value);
    }
    this.snapshots = r.snapshots;
    const now = performance.now();
    this.recent.push(now);
    while (this.recent.length > 1 && now - this.recent[0] > 3000) this.recent.shift();
  }

  private discard(): void {
    this.experiment?.dispose();
    this.experiment = null;
    this.history.clear();
    this.snapshots = {};
    this.recent = [];
    this.message = undefined;
    this.checkpoint = null;
    this.divergence = null;
    this.phase = 'idle';
    this.flush(true);
  }

  private rate(): number {
    const r = this.recent;
    if (this.phase !== 'running' || r.length < 2) return 0;
    return ((r.length - 1) * 1000) / (r[r.length - 1] - r[0]);
  }

  private flush(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastFlush < FLUSH_MS) return;
    this.lastFlush = now;
    this.emit({
      status: {
        phase: this.phase,
        iteration: this.experiment?.iterationsDone ?? 0,
        iterations: this.iterations(),
        rate: this.rate(),
        message: this.message,
        divergence: this.divergence ?? undefined,
        checkpoint: this.checkpoint?.iteration ?? 0,
      },
      view: this.view(),
      checkpoint: this.unsent ?? undefined,
    });
    this.unsent = null;
  }

  private view(): MetricsView | null {
    const s = this.scenario;
    if (!s) return null;
    const env = moduleOf(s);
    const count = this.experiment?.iterationsDone ?? 0;
    const columns: Record<string, Float32Array> = {};
    for (const { key } of env.metrics) columns[key] = bucketMeans(this.history.get(key) ?? []);
    // Copies: the view's buffers are transferred to the UI thread.
    const snapshots = Object.fromEntries(Object.entries(this.snapshots).map(([k, v]) => [k, v.slice()]));
    return { x: bucketEnds(count), columns, snapshots, references: env.references(s) };
  }
}
