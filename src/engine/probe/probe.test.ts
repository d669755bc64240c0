/**
 * The Lucas-critique probe (Experiment.probe) in every environment, small and seeded: after a
 * little training, theta moves; the adaptive followers' actions change, the fixed rule's stay
 * those played at the trained theta, and the training goes on as if nobody had probed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenario/schema';
import { parseScenario } from '../../scenario/validate';
import type { Experiment, IterationReport, ProbeReport } from '../experiment';
import { mean } from '../metrics';
import { useNodeBackend } from '../node-backend';
import { PROBE_EPISODES } from './report';
import { moduleOf } from '../../scenario/schema';

beforeAll(async () => {
  await useNodeBackend();
});

const scenario = (fields: Record<string, unknown>): Scenario => parseScenario({ seed: 1, ...fields }, 'strict').scenario;

async function trained(s: Scenario, iterations: number): Promise<Experiment> {
  const x = await moduleOf(s).experiment(s);
  for (let i = 0; i < iterations; i++) await x.iterate();
  return x;
}

const probeAt = (x: Experiment, s: Scenario, patch: Record<string, number>): Promise<ProbeReport> => x.probe({ ...s, ...patch } as Scenario);

/** Everything but the wall time. */
const comparable = ({ ms: _ms, ...rest }: IterationReport) => rest;

/**
 * Two runs of s trained `iterations`; `probe` probes one of them; then each of the next
 * iterations of the probed run must equal the untouched run's.
 */
async function expectUntouched(s: Scenario, iterations: number, probe: (x: Experiment) => Promise<void>): Promise<void> {
  const probed = await trained(s, iterations);
  const untouched = await trained(s, iterations);
  try {
    await probe(probed);
    expect(probed.iterationsDone).toBe(iterations);
    for (let i = 0; i < 2; i++) expect(comparable(await probed.iterate())).toEqual(comparable(await untouched.iterate()));
  } finally {
    probed.dispose();
    untouched.dispose();
  }
}

/** Each fixed leader's trained theta, and a moved one, by scenario field. */
const CASES: { name: string; fields: Record<string, unknown>; at: Record<string, number>; moved: Record<string, number> }[] = [
  { name: 'entrance-tobin', fields: { env: 'entrance-tobin', n: 10, markets: 2, horizon: 32, hidden: 16, leader: 'fixed', tau: 0.05 }, at: { tau: 0.05 }, moved: { tau: 0.1 } },
  { name: 'cobweb', fields: { env: 'cobweb', markets: 2, horizon: 32, hidden: 16, leader: 'fixed', mu: 0.1, sigma: 0.05 }, at: { mu: 0.1, sigma: 0.05 }, moved: { mu: 0.3, sigma: 0 } },
  { name: 'market-maker', fields: { env: 'market-maker', markets: 4, horizon: 32, hidden: 16, baselines: false, leader: 'fixed', omega: 0.5 }, at: { omega: 0.5 }, moved: { omega: 1 } },
  { name: 'entrance-diff', fields: { env: 'entrance-diff', runs: 4, leader: 'fixed', tau: 0.05, tauMax: 10 }, at: { tau: 0.05 }, moved: { tau: 5 } },
];

describe.each(CASES)('the probe in $name', ({ fields, at, moved }) => {
  it('leaves the fixed rule acting as at the trained theta while the adaptive followers respond', async () => {
    const s = scenario(fields);
    const x = await trained(s, 5);
    try {
      const home = await probeAt(x, s, at);
      const away = await probeAt(x, s, moved);
      expect(home.trainedTheta.map((v) => +v.toFixed(6))).toEqual(Object.values(at));
      expect(away.theta.map((v) => +v.toFixed(6))).toEqual(Object.values(moved));
      // At the trained theta the two are one and the same episode.
      expect(home.fixedRule.actions).toEqual(home.adaptive.actions);
      // Moved: the fixed rule still plays what was played at the trained theta; the adaptive followers do not.
      expect(away.fixedRule.actions).toEqual(home.adaptive.actions);
      expect(away.adaptive.actions.values).not.toEqual(home.adaptive.actions.values);
      const total = away.adaptive.actions.values.reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 5);
    } finally {
      x.dispose();
    }
  });
});

describe('the probe in the tax economy (continuous actions)', () => {
  it('moves the adaptive households more than the fixed rule, which responds only through the economy it lives in', async () => {
    const at = { tauI: 0.2, xiI: 0, tauA: 0, xiA: 0 };
    const s = scenario({ env: 'tax-economy', households: 10, economies: 2, horizon: 16, hidden: 16, leader: 'fixed', ...at });
    const x = await trained(s, 5);
    try {
      const home = await probeAt(x, s, at);
      const away = await probeAt(x, s, { tauI: 0.6, xiI: 0.3, tauA: 0.5, xiA: 0 });
      expect(home.fixedRule.actions).toEqual(home.adaptive.actions);
      expect(home.adaptive.actions.kind).toBe('means');
      // (savings ratio p, hours h), each a mean action in [0, 1].
      const shift = (v: number[]) => Math.hypot(...v.map((y, k) => y - home.adaptive.actions.values[k]));
      const adaptive = shift(away.adaptive.actions.values);
      const fixedRule = shift(away.fixedRule.actions.values);
      console.log(`mean (p, h) moved by ${adaptive.toFixed(5)} (adaptive) and ${fixedRule.toFixed(5)} (fixed rule)`);
      // Not zero for the fixed rule: the taxes change wealth and income, which it does observe.
      expect(fixedRule).toBeLessThan(adaptive / 3);
      expect(away.fixedRule.report.metrics.tauA).toBeCloseTo(0.5, 6);
    } finally {
      x.dispose();
    }
  });
});

describe('the probe in the entrance game', () => {
  it("makes the fixed rule's welfare linear in tau: its play does not respond, only the tax it pays does", async () => {
    const s = scenario(CASES[0].fields);
    const x = await trained(s, 5);
    try {
      // One after another: probes share the trainer's rollout buffers.
      const figures: Record<string, number>[] = [];
      for (const tau of [0, 0.05, 0.1]) figures.push((await probeAt(x, s, { tau })).fixedRule.report.metrics);
      const [w0, w5, w10] = figures;
      expect(w5.volatility).toBe(w0.volatility);
      expect(w5.welfare).toBeCloseTo((w0.welfare + w10.welfare) / 2, 5);
      expect(w10.welfare).toBeLessThan(w0.welfare);
    } finally {
      x.dispose();
    }
  });

  it('plays PROBE_EPISODES pairs on different draws, the same ones each time; each side shows their means', async () => {
    const s = scenario(CASES[0].fields);
    const x = await trained(s, 5);
    try {
      const probe = await probeAt(x, s, { tau: 0.1 });
      const { adaptive, fixedRule } = probe.episodes;
      expect(adaptive).toHaveLength(PROBE_EPISODES);
      expect(fixedRule).toHaveLength(PROBE_EPISODES);
      // Other draws, other episodes.
      expect(new Set(adaptive.map((m) => m.volatility)).size).toBeGreaterThan(1);
      for (const key of ['volatility', 'welfare', 'attendance']) {
        expect(probe.adaptive.report.metrics[key], key).toBeCloseTo(mean(adaptive.map((m) => m[key])), 9);
        expect(probe.fixedRule.report.metrics[key], key).toBeCloseTo(mean(fixedRule.map((m) => m[key])), 9);
      }
      // The probe's own draws: the same probe again plays the same episodes.
      const again = await probeAt(x, s, { tau: 0.1 });
      expect(again.episodes).toEqual(probe.episodes);
    } finally {
      x.dispose();
    }
  });

  it("leaves the training's next iterations as in a run never probed (a learning leader, a continuing market)", async () => {
    const s = scenario({ ...CASES[0].fields, leader: 'ppo', leaderWarmup: 0, leaderEvery: 1 });
    await expectUntouched(s, 2, async (x) => {
      await probeAt(x, s, { tau: 0.1 });
      await probeAt(x, s, { tau: 0 });
    });
  });
});

describe('the probe in the differentiable entrance game', () => {
  it('a strong tax lowers the adaptive agents\u2019 entry probability; the fixed rule enters as before and ends worse off after tax', async () => {
    const s = scenario(CASES[3].fields);
    const x = await trained(s, 5);
    try {
      const home = await probeAt(x, s, { tau: 0.05 });
      const away = await probeAt(x, s, { tau: 5 });
      const enter = (p: ProbeReport['adaptive']) => p.actions.values[1];
      console.log(`entry probability ${enter(home.adaptive).toFixed(4)} at tau = 0.05; at tau = 5 ${enter(away.adaptive).toFixed(4)} adaptive, ${enter(away.fixedRule).toFixed(4)} fixed rule; welfare ${away.adaptive.report.metrics.welfare.toFixed(4)} and ${away.fixedRule.report.metrics.welfare.toFixed(4)}`);
      expect(enter(away.adaptive)).toBeLessThan(enter(home.adaptive) - 0.01);
      expect(enter(away.fixedRule)).toBe(enter(home.adaptive));
      expect(away.fixedRule.report.metrics.welfare).toBeLessThan(away.adaptive.report.metrics.welfare);
      expect(away.fixedRule.report.metrics.tau).toBeCloseTo(5, 5);
    } finally {
      x.dispose();
    }
  });

  it('leaves the run as it was: the next iterations equal a run never probed, and no tensor is left behind', async () => {
    const s = scenario({ ...CASES[3].fields, leader: 'fairness' });
    await expectUntouched(s, 3, async (x) => {
      const before = tf.memory().numTensors;
      await probeAt(x, s, { tau: 5 });
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
