import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../node-backend';
import { Rng } from '../rng';
import { CategoricalHead, GaussianHead, type PolicyHead } from './heads';
import { Mlp } from './mlp';
import { DEFAULT_PPO, groupMinibatch, ppoLoss, type PpoBatch } from './ppo';

beforeAll(async () => {
  await useNodeBackend();
});

const OBS_DIM = 3;
const cfg = { ...DEFAULT_PPO, entCoef: 0.05 };

/** The textbook per-row clipped PPO loss (CleanRL), for reference. */
function perRowLoss(policy: PolicyHead, critic: Mlp, b: PpoBatch): tf.Scalar {
  const obs = tf.tensor2d(b.obs, [b.size, OBS_DIM]);
  const act = b.actions instanceof Int32Array ? tf.tensor1d(b.actions, 'int32') : tf.tensor1d(b.actions);
  const { mean, variance } = tf.moments(tf.tensor1d(b.advantages));
  const adv = tf.div(tf.sub(tf.tensor1d(b.advantages), mean), tf.add(tf.sqrt(variance), 1e-8));
  const { logp, entropy } = policy.logProbEntropy(obs, act);
  const ratio = tf.exp(tf.sub(logp, tf.tensor1d(b.logp)));
  const pg = tf.mean(tf.maximum(tf.mul(tf.neg(adv), ratio), tf.mul(tf.neg(adv), tf.clipByValue(ratio, 1 - cfg.clipCoef, 1 + cfg.clipCoef))));
  const v = tf.reshape(critic.apply(obs), [-1]);
  const vLoss = tf.mul(0.5, tf.mean(tf.square(tf.sub(v, tf.tensor1d(b.returns)))));
  return tf.sub(tf.add(pg, tf.mul(cfg.vfCoef, vLoss)), tf.mul(cfg.entCoef, tf.mean(entropy))) as tf.Scalar;
}

/**
 * rows rows drawn from `distinct` observations; old log-probabilities are the policy's own,
 * shifted per (observation, action) so that some ratios fall outside the clip range.
 */
async function batch(policy: PolicyHead, rows: number, distinct: number, discrete: boolean, rng: Rng): Promise<PpoBatch> {
  const table = Float32Array.from({ length: distinct * OBS_DIM }, () => rng.normal());
  const which = Int32Array.from({ length: rows }, () => Math.floor(rng.uniform() * distinct));
  const obs = new Float32Array(rows * OBS_DIM);
  which.forEach((d, r) => obs.set(table.subarray(d * OBS_DIM, (d + 1) * OBS_DIM), r * OBS_DIM));
  const actions = discrete ? Int32Array.from(which, () => (rng.uniform() < 0.5 ? 0 : 1)) : Float32Array.from(which, () => rng.normal());
  const shift = Float32Array.from({ length: distinct * 2 }, () => rng.uniform() - 0.5);
  const logpNow = await tf.tidy(() => policy.logProbEntropy(tf.tensor2d(obs, [rows, OBS_DIM]), discrete ? tf.tensor1d(actions, 'int32') : tf.tensor1d(actions)).logp).data();
  const logp = Float32Array.from(logpNow, (l, r) => l + (discrete ? shift[which[r] * 2 + actions[r]] : shift[r % shift.length]));
  const advantages = Float32Array.from(which, () => rng.normal());
  const returns = Float32Array.from(which, () => rng.normal());
  return { size: rows, obs, actions, logp, advantages, returns };
}

async function expectSameLossAndGradients(policy: PolicyHead, critic: Mlp, b: PpoBatch): Promise<void> {
  const vars = [...policy.variables, ...critic.variables];
  const mb = groupMinibatch(b, OBS_DIM, Int32Array.from({ length: b.size }, (_, i) => i));
  const ours = tf.variableGrads(() => ppoLoss(policy, critic, OBS_DIM, mb, cfg).loss, vars);
  const ref = tf.variableGrads(() => perRowLoss(policy, critic, b), vars);
  expect((await ours.value.data())[0]).toBeCloseTo((await ref.value.data())[0], 5);
  for (const v of vars) {
    const [a, r] = [await ours.grads[v.name].data(), await ref.grads[v.name].data()];
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(r[i], 5);
  }
}

describe('PPO on rows grouped by (observation, action, old log-probability)', () => {
  it('groups identical rows and keeps every row counted', async () => {
    const rng = Rng.fromSeed(1);
    const policy = new CategoricalHead(OBS_DIM, 2, [8], rng);
    const b = await batch(policy, 200, 5, true, rng);
    const mb = groupMinibatch(b, OBS_DIM, Int32Array.from({ length: b.size }, (_, i) => i));
    expect(mb.groups).toBeLessThanOrEqual(10); // 5 observations x 2 actions
    expect(mb.groups).toBeGreaterThanOrEqual(8);
    expect(mb.count.reduce((s, c) => s + c, 0)).toBe(200);
    expect(mb.rows).toBe(200);
    policy.dispose();
  });

  it('gives the per-row loss and gradients for a categorical policy with many repeated rows', async () => {
    const rng = Rng.fromSeed(2);
    const policy = new CategoricalHead(OBS_DIM, 2, [8, 8], rng, 2);
    const critic = new Mlp([OBS_DIM, 8, 8, 1], rng, 2);
    await expectSameLossAndGradients(policy, critic, await batch(policy, 300, 7, true, rng));
    policy.dispose();
    critic.dispose();
  });

  it('gives the per-row loss and gradients for a Gaussian policy, where no two rows are alike', async () => {
    const rng = Rng.fromSeed(3);
    const policy = new GaussianHead(OBS_DIM, [8], 0.7, rng);
    const critic = new Mlp([OBS_DIM, 8, 1], rng);
    await expectSameLossAndGradients(policy, critic, await batch(policy, 64, 64, false, rng));
    policy.dispose();
    critic.dispose();
  });
});
