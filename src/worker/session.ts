/**
 * One experiment as the worker runs it: the trainer, the metric history, and the run loop
 * that trains while the UI stays free. Host-agnostic (no worker or DOM API), so it is tested
 * in Node. Updates go out at most every FLUSH_MS.
 */
import { ENV_REGISTRY } from '../engine/envs/registry';
import { StackelbergTrainer, type IterationMetrics } from '../engine/stackelberg';
import type { Scenario } from '../scenario/schema';
import { parseScenario, ScenarioError, type FieldProblem } from '../scenario/validate';
import { METRIC_KEYS, type MetricKey, type MetricsView, type Phase, type SimUpdate } from './api';
import { bucketEnds, bucketMeans } from './downsample';

export const FLUSH_MS = 50;

/** Lets queued commands (pause, setTheta) run between iterations. */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class SimSession {
  private scenario: Scenario | null = null;
  private trainer: StackelbergTrainer | null = null;
  private history = new Map<MetricKey, number[]>();
  private series: Float32Array = new Float32Array(0);
  private phase: Phase = 'idle';
  private message: string | undefined;
  private loop: Promise<void> | null = null;
  private lastFlush = 0;
  private recent: number[] = [];

  constructor(private readonly emit: (update: SimUpdate) => void) {}

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
    this.scenario = scenario;
    this.discard();
    return [];
  }

  async start(): Promise<void> {
    if (!this.scenario || this.phase === 'running') return;
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
    if (!this.scenario || this.phase === 'running') return;
    await this.iterateOnce();
    this.phase = this.isFinished() ? 'done' : 'paused';
    this.flush(true);
  }

  async reset(): Promise<void> {
    await this.pause();
    this.discard();
  }

  setTheta(theta: number): void {
    if (this.scenario) this.scenario = { ...this.scenario, tau: theta };
    this.trainer?.setFixedTheta(theta);
  }

  private async run(): Promise<void> {
    try {
      while (this.phase === 'running' && !this.isFinished()) {
        await this.iterateOnce();
        this.flush(false);
        await yieldToEvents();
      }
      if (this.phase === 'running') this.phase = 'done';
    } catch (err) {
      this.phase = 'error';
      this.message = `Training stopped: ${(err as Error).message}`;
    }
    this.flush(true);
  }

  private isFinished(): boolean {
    return (this.trainer?.iterationsDone ?? 0) >= (this.scenario?.iterations ?? 0);
  }

  private async iterateOnce(): Promise<void> {
    this.trainer ??= new StackelbergTrainer(this.scenario!);
    this.record(await this.trainer.iterate());
  }

  private record(m: IterationMetrics): void {
    for (const key of METRIC_KEYS) {
      let column = this.history.get(key);
      if (!column) this.history.set(key, (column = []));
      column.push(m[key]);
    }
    this.series = m.series;
    const now = performance.now();
    this.recent.push(now);
    while (this.recent.length > 1 && now - this.recent[0] > 3000) this.recent.shift();
  }

  private discard(): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.history.clear();
    this.series = new Float32Array(0);
    this.recent = [];
    this.message = undefined;
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
        iteration: this.trainer?.iterationsDone ?? 0,
        iterations: this.scenario?.iterations ?? 0,
        rate: this.rate(),
        message: this.message,
      },
      view: this.view(),
    });
  }

  private view(): MetricsView | null {
    const s = this.scenario;
    if (!s) return null;
    const count = this.history.get('welfare')?.length ?? 0;
    const columns = {} as Record<MetricKey, Float32Array>;
    for (const key of METRIC_KEYS) columns[key] = bucketMeans(this.history.get(key) ?? []);
    return { x: bucketEnds(count), columns, series: this.series.slice(), references: ENV_REGISTRY[s.env].references(s) };
  }
}
