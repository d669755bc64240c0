/**
 * One row of figure 9 as any host measures it (a Node process, a bench page's worker): the
 * trainer the lab would build for the scenario, `trainerOf(...).iterate()` on the backend in
 * use, timed by the rule of rate.ts and counted by counters.ts. Progress goes out after every
 * iteration, so a host that stops a row at its time budget keeps what was measured.
 */
import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend } from '../../src/engine/backend';
import type { BackendName } from '../../src/engine/backend-names';
import type { RowGrouping } from '../../src/engine/rl/unique-rows';
import { trainerOf } from '../../src/envs/trainer';
import type { Scenario } from '../../src/scenario/schema';
import { countBackend, type Counts } from './counters';
import { enough, WARMUP } from './rate';

export interface IterationProgress {
  /** The GPU as tfjs's webgpu backend describes it; null on other backends. */
  adapter: { vendor: string; architecture: string } | null;
  /** Seconds of the WARMUP iterations and what they counted in all; null until they are done. */
  warmupS: number | null;
  warmup: Counts | null;
  /** Timed iterations so far, their seconds, and what they counted in all (null before the first). */
  iterations: number;
  seconds: number;
  counts: Counts | null;
  done: boolean;
}

const add = (a: Counts, b: Counts): Counts => ({
  kernels: a.kernels + b.kernels,
  dispatches: a.dispatches === null || b.dispatches === null ? null : a.dispatches + b.dispatches,
  readbacks: a.readbacks + b.readbacks,
});

/**
 * Trains `s` on the backend in use until the timing rule is met or an iteration as long as the
 * last one would end after `deadline` (ms since the epoch: the host stops a row still going
 * then), reporting after every iteration.
 */
export async function measureIterations(s: Scenario, grouping: RowGrouping, deadline: number, report: (p: IterationProgress) => void): Promise<void> {
  const info = (tf.backend() as { adapterInfo?: { vendor: string; architecture: string } }).adapterInfo;
  const counter = countBackend();
  const trainer = trainerOf(s, grouping);
  try {
    counter.take(); // building the networks is no part of an iteration
    const p: IterationProgress = {
      adapter: info ? { vendor: info.vendor, architecture: info.architecture } : null,
      warmupS: null,
      warmup: null,
      iterations: 0,
      seconds: 0,
      counts: null,
      done: false,
    };
    // Sent before the warm-up too: a row stopped during it still says on which adapter.
    report(p);
    const w0 = performance.now();
    for (let i = 0; i < WARMUP; i++) await trainer.iterate();
    p.warmupS = (performance.now() - w0) / 1000;
    p.warmup = counter.take();
    report(p);
    const t0 = performance.now();
    // The warm-up (compilation included) is the first estimate of an iteration: on a slow
    // backend, an iteration that could not end in time is not started.
    let lastMs = p.warmupS * 1000;
    while (!enough(p.iterations, p.seconds) && Date.now() + lastMs <= deadline) {
      const a = performance.now();
      await trainer.iterate();
      lastMs = performance.now() - a;
      p.iterations++;
      p.seconds = (performance.now() - t0) / 1000;
      const c = counter.take();
      p.counts = p.counts ? add(p.counts, c) : c;
      report(p);
    }
    p.done = true;
    report(p);
  } finally {
    trainer.dispose();
  }
}

/** What a host is asked to measure: `deadline` in ms since the epoch, when the host stops the row. */
export interface RowRequest {
  scenario: Scenario;
  grouping: RowGrouping;
  backend: BackendName;
  deadline: number;
}

/** What a row's process or worker sends its host, one message at a time. */
export type RowMessage = { progress: IterationProgress } | { error: string };

/** What a host brought back: the last progress (null if none came) and why the row ended early, if it did. */
export interface Outcome {
  progress: IterationProgress | null;
  problem: string | null;
}

/** A host of figure 9's rows: the backends it has, what the figure should say about it, and a row measured there. */
export interface RowHost {
  backends: BackendName[];
  notes: string[];
  /** Measures one row, stopping it `budgetS` seconds from now. */
  measure(r: Omit<RowRequest, 'deadline'>, budgetS: number): Promise<Outcome>;
}

/**
 * Chooses the backend by name (so that webgl on a software renderer is taken, not skipped as
 * the lab skips it) and measures; a failure becomes a message.
 */
export async function measureRow(r: RowRequest, post: (m: RowMessage) => void): Promise<void> {
  try {
    await chooseBackend([r.backend], r.backend);
    await measureIterations(r.scenario, r.grouping, r.deadline, (progress) => post({ progress }));
  } catch (err) {
    post({ error: err instanceof Error ? err.message : String(err) });
  }
}
