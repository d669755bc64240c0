import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../engine/node-backend';
import { policiesText, readPoliciesText } from '../scenario/policies-file';
import type { SimUpdate } from './api';
import { bucketEnds, bucketMeans } from './downsample';
import { SimSession } from './session';

const tiny = { env: 'entrance-tobin', n: 4, markets: 1, horizon: 8, hidden: 8, iterations: 3 };

function recorder() {
  const updates: SimUpdate[] = [];
  const session = new SimSession((u) => updates.push(u));
  const last = () => updates[updates.length - 1];
  const until = async (phase: string) => {
    while (last()?.status.phase !== phase) await new Promise((r) => setTimeout(r, 5));
  };
  return { session, updates, last, until };
}

describe('simulation session (worker side, host-agnostic)', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  it('runs to the iteration budget and reports every iteration in the view', async () => {
    const { session, last, until } = recorder();
    expect(await session.configure(tiny)).toEqual([]);
    await session.start();
    await until('done');
    const { status, view } = last();
    expect(status).toMatchObject({ phase: 'done', iteration: 3, iterations: 3 });
    expect(Array.from(view!.x)).toEqual([1, 2, 3]);
    expect(view!.columns.attendance).toHaveLength(3);
    expect(view!.snapshots.episode).toHaveLength(8);
    expect(view!.references.map((r) => r.label)).toEqual(['capacity C', 'mixed equilibrium n(C−1)/(n−1)']);
    await session.reset();
  });

  it('pause stops between iterations and step advances exactly one', async () => {
    const { session, last, until } = recorder();
    await session.configure({ ...tiny, iterations: 1000 });
    await session.start();
    await session.pause();
    const at = last().status.iteration;
    expect(last().status.phase).toBe('paused');
    await new Promise((r) => setTimeout(r, 50));
    expect(last().status.iteration).toBe(at);
    await session.step();
    expect(last().status.iteration).toBe(at + 1);
    await session.reset();
    await until('idle');
    expect(last().status.iteration).toBe(0);
    expect(last().view!.x).toHaveLength(0);
  });

  it('a bad scenario is refused with named fields and the loaded one is kept', async () => {
    const { session, last } = recorder();
    await session.configure(tiny);
    const problems = await session.configure({ ...tiny, n: 0, c: 'lots' });
    expect(problems.map((p) => p.field)).toEqual(['n', 'c']);
    await session.step();
    expect(last().status).toMatchObject({ iteration: 1, iterations: 3 });
    await session.reset();
  });
});

describe('one leader update at a time', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  it("runs through the warm-up to the leader's first update, then one update interval per step", async () => {
    const { session, last } = recorder();
    await session.configure({ ...tiny, iterations: 12, leaderWarmup: 3, leaderEvery: 2 });
    const first = await session.stepLeader();
    expect(first).toMatchObject({ from: 1, to: 5, before: null, leaderLearned: true });
    expect(first!.after.iteration).toBe(5);
    expect(last().status).toMatchObject({ phase: 'paused', iteration: 5 });
    const second = await session.stepLeader();
    expect(second).toMatchObject({ from: 6, to: 7, leaderLearned: true });
    // The figures around the step are the run's own rows.
    const rows = session.exportRun()!.rows;
    expect(second!.before).toEqual(rows[4]);
    expect(second!.after).toEqual(rows[6]);
    await session.reset();
  });

  it('Pause interrupts a long leader step between iterations, and says the leader has not learned yet', async () => {
    const { session, last } = recorder();
    await session.configure({ ...tiny, iterations: 500, leaderWarmup: 300, leaderEvery: 2 });
    const stepping = session.stepLeader();
    await new Promise((r) => setTimeout(r, 100));
    expect(last().status.phase).toBe('running');
    await session.pause();
    const step = (await stepping)!;
    expect(step.leaderLearned).toBe(false);
    expect(step.to).toBeLessThan(302);
    expect(last().status).toMatchObject({ phase: 'paused', iteration: step.to });
    await session.reset();
  });

  it('without a learning leader a step is one iteration, and the end of the run stops it', async () => {
    const { session, last } = recorder();
    await session.configure({ ...tiny, leader: 'fixed' });
    expect(await session.stepLeader()).toMatchObject({ from: 1, to: 1, leaderLearned: false });
    await session.configure({ ...tiny, iterations: 4, leaderWarmup: 3, leaderEvery: 2 });
    expect(await session.stepLeader()).toMatchObject({ from: 1, to: 4, leaderLearned: false });
    expect(last().status.phase).toBe('done');
    expect(await session.stepLeader()).toBeNull();
    await session.reset();
  });
});

describe('live fields and the Lucas-critique probe', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  it('a live value is validated like the scenario: a bad one changes nothing and names its field', async () => {
    const { session } = recorder();
    await session.configure({ ...tiny, leader: 'fixed', tau: 0.05 });
    await session.step();
    expect(session.setLive('tau', 0.08)).toEqual([]);
    const [problem] = session.setLive('tau', 5);
    expect(problem.field).toBe('tau');
    expect(problem.message).toContain('got 5');
    await session.reset();
  });

  it("a learning leader's bounds move live: cross-field rules checked, tau within the new bounds from the next iteration", async () => {
    const { session, last } = recorder();
    await session.configure({ ...tiny, iterations: 10, leader: 'ppo', tauMin: 0, tauMax: 0.1, leaderWarmup: 0, leaderEvery: 1 });
    await session.step();
    expect(session.setLive('tauMax', 0.03)).toEqual([]);
    const [problem] = session.setLive('tauMin', 0.05);
    expect(problem.message).toContain('tauMin (0.05) must not exceed tauMax (0.03)');
    expect(session.setLive('tauMin', 0.02)).toEqual([]);
    for (let i = 0; i < 3; i++) await session.step();
    const taus = Array.from(last().view!.columns.theta);
    expect(taus).toHaveLength(4);
    for (const tau of taus.slice(1)) expect(tau >= Math.fround(0.02) && tau <= Math.fround(0.03), `tau ${tau}`).toBe(true);
    await session.reset();
  });

  it("a fixed calibrator's mu moves live: the next iteration's lambda_i are drawn around it", async () => {
    const { session, last } = recorder();
    await session.configure({ env: 'cobweb', n: 20, markets: 2, horizon: 8, hidden: 8, iterations: 10, leader: 'fixed', mu: 0.1, sigma: 0 });
    await session.step();
    expect(session.setLive('mu', 0.25)).toEqual([]);
    await session.step();
    expect(Array.from(last().view!.columns.lambdaMean)).toEqual([expect.closeTo(0.1, 6), expect.closeTo(0.25, 6)]);
    await session.reset();
  });

  it('probes taxes on the trained households: both variants at the new taxes, the run paused, its history untouched', async () => {
    const { session, last } = recorder();
    await session.configure({ env: 'tax-economy', households: 6, economies: 1, horizon: 8, hidden: 8, iterations: 50, leader: 'fixed', tauA: 0.1 });
    await session.step();
    await session.step();
    const { problems, probe } = await session.probe({ tauI: 0.1, xiI: 0, tauA: 0.3, xiA: 0 });
    expect(problems).toEqual([]);
    expect(probe!.adaptive.report.metrics.tauA).toBeCloseTo(0.3, 6);
    expect(probe!.fixedRule.report.metrics.tauA).toBeCloseTo(0.3, 6);
    // The fixed rule acts as if the taxes were still the ones it was trained under.
    expect(probe!.trainedTheta.map((x) => +x.toFixed(6))).toEqual([0.2, 0, 0.1, 0]);
    expect(probe!.adaptive.actions).toMatchObject({ kind: 'means' });
    expect(probe!.adaptive.actions.values).toHaveLength(2);
    expect(probe!.adaptive.report.snapshots.lorenzWealth).toHaveLength(21);
    expect(last().status).toMatchObject({ phase: 'paused', iteration: 2 });
    expect(last().view!.columns.tauA).toHaveLength(2);
    const bad = await session.probe({ tauA: 2 });
    expect(bad.probe).toBeNull();
    expect(bad.problems.map((p) => p.field)).toEqual(['tauA']);
    await session.reset();
  });
});

describe('evaluation mode', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  it('pauses, plays N exploration-free episodes beside the training figures, and leaves the run to go on as it would have', async () => {
    const { session, last } = recorder();
    await session.configure({ ...tiny, iterations: 1000 });
    expect((await session.evaluate(5)).message).toContain('Nothing is trained yet');
    await session.step();
    await session.step();
    await session.start();
    const { message, evaluation } = await session.evaluate(3);
    expect(message).toBeNull();
    const at = last().status.iteration;
    expect(last().status.phase).toBe('paused');
    expect(evaluation!.iteration).toBe(at);
    expect(evaluation!.episodes).toHaveLength(3);
    expect(Object.keys(evaluation!.episodes[0])).toEqual(expect.arrayContaining(['attendance', 'volatility', 'welfare']));
    const rows = session.exportRun()!.rows;
    expect(rows).toHaveLength(at);
    expect(evaluation!.training.attendance).toBeCloseTo(rows.slice(-10).reduce((a, r) => a + r.attendance, 0) / Math.min(10, at), 9);
    // The same trained state evaluates the same, and the training goes on as if nothing had been played.
    expect((await session.evaluate(3)).evaluation!.episodes).toEqual(evaluation!.episodes);
    await session.step();
    const { session: plain } = recorder();
    await plain.configure({ ...tiny, iterations: 1000 });
    for (let i = 0; i <= at; i++) await plain.step();
    expect(session.exportRun()!.rows).toEqual(plain.exportRun()!.rows);
    await session.reset();
    await plain.reset();
  });

  it('refuses an episode count out of range, and says why ADAGE-Diff has no evaluation', async () => {
    const { session } = recorder();
    await session.configure(tiny);
    for (const n of [0, 101, 2.5]) expect((await session.evaluate(n)).message).toBe(`Episodes: a whole number from 1 to 100, got ${n}.`);
    await session.configure({ env: 'entrance-diff', n: 10, runs: 3, iterationsPerAgent: 2 });
    await session.step();
    const { message, evaluation } = await session.evaluate(5);
    expect(evaluation).toBeNull();
    expect(message).toContain("the run's own figures are already exploration-free");
    await session.reset();
  });
});

describe('export', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  it('gives every iteration at full resolution, each metric of the environment as a column', async () => {
    const { session, last } = recorder();
    await session.configure({ ...tiny, iterations: 5 });
    for (let i = 0; i < 3; i++) await session.step();
    const run = session.exportRun()!;
    expect(run.scenario).toMatchObject({ env: 'entrance-tobin', n: 4 });
    expect(run.rows.map((r) => r.iteration)).toEqual([1, 2, 3]);
    expect(Object.keys(run.rows[0])).toEqual(['iteration', 'attendance', 'volatility', 'mapc', 'welfare', 'theta', 'thetaStd', 'leaderReward', 'policyLoss', 'valueLoss', 'entropy', 'approxKl']);
    // The charts' view holds the same values (as float32; three points are not downsampled).
    expect(run.rows.map((r) => Math.fround(r.volatility))).toEqual(Array.from(last().view!.columns.volatility));
    await session.reset();
    expect(session.exportRun()!.rows).toEqual([]);
  });
});

describe('the session with another environment', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  it('runs the differentiable entrance game to I = iterationsPerAgent N with its own figures and histograms', async () => {
    const { session, last, until } = recorder();
    expect(await session.configure({ env: 'entrance-diff', n: 10, runs: 3, iterationsPerAgent: 2 })).toEqual([]);
    await session.start();
    await until('done');
    const { status, view } = last();
    expect(status).toMatchObject({ phase: 'done', iteration: 20, iterations: 20 });
    for (const key of ['attendance', 'attendanceG1', 'attendanceG2', 'gap', 'tau', 'tauStd', 'taxG1', 'taxG2', 'gini', 'giniStd', 'welfare']) {
      expect(view!.columns[key], key).toHaveLength(20);
    }
    expect(view!.columns.volatility).toBeUndefined();
    const shares = Array.from(view!.snapshots.histG1).concat(Array.from(view!.snapshots.histG2));
    expect(shares).toHaveLength(40);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(view!.references.map((r) => r.label)[0]).toContain('p*');
    await session.reset();
  });
});

describe('downsampling for charts', () => {
  it('keeps short series as they are', () => {
    expect(Array.from(bucketMeans([1, 2, 3], 5))).toEqual([1, 2, 3]);
    expect(Array.from(bucketEnds(3, 5))).toEqual([1, 2, 3]);
  });

  it('averages long series into at most maxPoints buckets ending at the last iteration', () => {
    const values = Array.from({ length: 10 }, (_, i) => i);
    expect(Array.from(bucketMeans(values, 4))).toEqual([0.5, 3, 5.5, 8]);
    expect(Array.from(bucketEnds(10, 4))).toEqual([2, 5, 7, 10]);
  });
});

describe('trained policies saved and loaded', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  /** A session with `tiny` trained three iterations, and the document it saves. */
  async function trainedSession() {
    const rec = recorder();
    await rec.session.configure({ ...tiny, iterations: 10 });
    expect(await rec.session.savePolicies()).toBeNull();
    for (let i = 0; i < 3; i++) await rec.session.step();
    const doc = (await rec.session.savePolicies())!;
    return { ...rec, doc };
  }

  it('saves a versioned document that a session of another scenario loads, paused, charts and all, and goes on as the saved run', async () => {
    const a = await trainedSession();
    expect(a.doc).toMatchObject({ kind: 'adage-lab-policies', format: 1, iteration: 3, scenario: { env: 'entrance-tobin', n: 4, iterations: 10 } });
    expect(a.doc.history.map((r) => r.iteration)).toEqual([1, 2, 3]);
    // Through the file's text, as a user hands it on.
    const fromFile = readPoliciesText(policiesText(a.doc));

    const b = recorder();
    await b.session.configure({ env: 'cobweb', n: 3, markets: 1, horizon: 8, hidden: 8 });
    await b.session.step();
    const { problems, scenario } = await b.session.loadPolicies(fromFile);
    expect(problems).toEqual([]);
    expect(scenario).toEqual(a.doc.scenario);
    expect(b.last().status).toMatchObject({ phase: 'paused', iteration: 3, iterations: 10 });
    expect(b.last().view!.columns.volatility).toEqual(a.last().view!.columns.volatility);
    expect(b.last().view!.snapshots.episode).toEqual(a.last().view!.snapshots.episode);

    await a.session.step();
    await b.session.step();
    expect(b.session.exportRun()!.rows).toEqual(a.session.exportRun()!.rows);
    await a.session.reset();
    await b.session.reset();
  });

  it('refuses a bad document with a message naming the problem, and the current run carries on unchanged', async () => {
    const { doc, session: source } = await trainedSession();
    await source.reset();
    const { session, last } = recorder();
    const current = { env: 'tax-economy', households: 4, economies: 1, horizon: 8, hidden: 8, iterations: 5 };
    await session.configure(current);
    await session.step();
    const bad: [unknown, string, RegExp][] = [
      [{ hello: 1 }, 'kind', /Not an ADAGE Lab policies file: its "kind" is undefined/],
      [{ ...doc, format: 2, app: '9.0.0' }, 'format', /format 2, from a newer version of the lab \("9.0.0"\); this lab \(.+\) reads format 1/],
      [{ ...doc, iteration: 'three' }, 'iteration', /^iteration: /],
      [{ ...doc, scenario: { ...doc.scenario, n: 0 } }, 'scenario.n', /^The file's scenario: n \(.+\) must be a whole number from 2/],
      [{ ...doc, history: doc.history.slice(1) }, 'history', /history has 2 rows, but the file says 3 iterations/],
      [{ ...doc, scenario: { ...doc.scenario, hidden: 16 } }, 'state.followers.weights[0]', /shape 4x8 in the file, 4x16 in this scenario/],
    ];
    for (const [input, field, message] of bad) {
      const { problems, scenario } = await session.loadPolicies(input);
      expect(scenario).toBeNull();
      expect(problems[0].field).toBe(field);
      expect(problems[0].message).toMatch(message);
    }
    expect(last().status).toMatchObject({ phase: 'paused', iteration: 1, iterations: 5 });
    expect(session.exportRun()!.scenario).toMatchObject(current);
    await session.step();
    expect(last().status.iteration).toBe(2);
    await session.reset();
  });

  it('says a file that is not JSON is not JSON', () => {
    expect(() => readPoliciesText('{"kind": "adage-lab-policies",')).toThrow(/^Not JSON, so not a policies file/);
  });
});

describe('checkpoints and divergence (nothing lost)', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  const fixedTiny = { ...tiny, leader: 'fixed', iterations: 12 };

  it('checkpoints as often as asked, sends the latest with the next update (each once), and the last is a policies file that loads', async () => {
    const updates: SimUpdate[] = [];
    const session = new SimSession((u) => updates.push(u), 0);
    await session.configure({ ...tiny, iterations: 3 });
    await session.start();
    while (updates[updates.length - 1].status.phase !== 'done') await new Promise((r) => setTimeout(r, 5));
    const sent = updates.flatMap((u) => (u.checkpoint ? [u.checkpoint] : []));
    // Updates go out at most every FLUSH_MS: a checkpoint overtaken before one went out is not sent.
    const iterations = sent.map((d) => d.iteration);
    expect(iterations[iterations.length - 1]).toBe(3);
    expect(iterations.every((it, k) => k === 0 || it > iterations[k - 1])).toBe(true);
    expect(updates[updates.length - 1].status.checkpoint).toBe(3);
    const other = new SimSession(() => undefined);
    expect(await other.loadPolicies(readPoliciesText(policiesText(sent[sent.length - 1])))).toMatchObject({ problems: [] });
    other.reset();
    await session.reset();
  });

  it('goes back to the last checkpoint after a forced NaN, says where, and resumes with halved learning rates', async () => {
    const { session, updates, last, until } = recorder();
    await session.configure(fixedTiny);
    const before = new Set(Object.keys(tf.engine().state.registeredVariables));
    for (let i = 0; i < 3; i++) await session.step();
    expect(last().status.checkpoint).toBe(3);
    const v = Object.values(tf.engine().state.registeredVariables).find((x) => !before.has(x.name))!;
    v.assign(tf.fill(v.shape, NaN));
    await session.step();
    const { status, view } = last();
    expect(status).toMatchObject({ phase: 'paused', iteration: 3, checkpoint: 3 });
    expect(status.divergence).toMatchObject({ iteration: 4, restoredTo: 3 });
    expect(status.divergence!.problems).toContain("the followers' policy loss is NaN");
    expect(view!.x).toHaveLength(3);
    // The history is the checkpoint's: finite, and no row of the diverged iteration.
    expect(Array.from(view!.columns.policyLoss).every(Number.isFinite)).toBe(true);

    const next = await session.resumeWithSmallerSteps();
    expect(next).toMatchObject({ followerLr: 0.0005, leaderLr: 0.0015 });
    await until('done');
    expect(last().status).toMatchObject({ iteration: 12, divergence: undefined });
    expect(updates.some((u) => u.status.phase === 'error')).toBe(false);
    expect(await session.resumeWithSmallerSteps()).toBeNull();
    await session.reset();
  });

  it('a divergence before any checkpoint goes back to the start', async () => {
    const updates: SimUpdate[] = [];
    // Never checkpointed while running: only when it stops.
    const session = new SimSession((u) => updates.push(u), Infinity);
    await session.configure({ ...fixedTiny, iterations: 100_000 });
    const before = new Set(Object.keys(tf.engine().state.registeredVariables));
    await session.start();
    while ((updates[updates.length - 1].status.iteration ?? 0) < 2) await new Promise((r) => setTimeout(r, 1));
    const v = Object.values(tf.engine().state.registeredVariables).find((x) => !before.has(x.name))!;
    v.assign(tf.fill(v.shape, NaN));
    while (!updates[updates.length - 1].status.divergence) await new Promise((r) => setTimeout(r, 5));
    expect(updates[updates.length - 1].status).toMatchObject({ phase: 'idle', iteration: 0, checkpoint: 0, divergence: { restoredTo: 0 } });
    await session.reset();
  });
});
