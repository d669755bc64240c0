import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../engine/node-backend';
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
