import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../node-backend';
import { Rng } from '../rng';
import { CategoricalHead, GaussianHead } from './heads';
import { Mlp } from './mlp';
import { followerLayers, mlpParameters, PPO_LEADER_LAYERS, ppoParameters } from './parameter-count';

beforeAll(async () => {
  await useNodeBackend();
});

const sizeOf = (variables: tf.Variable[]) => variables.reduce((n, v) => n + v.size, 0);

describe('parameter counts', () => {
  it('count what an Mlp allocates, with and without FiLM', () => {
    for (const [sizes, column] of [[[4, 8, 8, 21], 3], [[4, 8, 8, 21], undefined], [[2, 5, 1], 1], [[7, 3, 6, 2, 1], 0]] as const) {
      const net = new Mlp(sizes, Rng.fromSeed(1), column);
      expect(mlpParameters(sizes, column !== undefined), sizes.join('x')).toBe(sizeOf(net.variables));
      net.dispose();
    }
  });

  it("count a follower's categorical actor and critic, and the PPO leader's Gaussian ones", () => {
    const rng = Rng.fromSeed(2);
    const follower = new CategoricalHead(4, 21, followerLayers(12), rng, 3);
    const critic = new Mlp([4, ...followerLayers(12), 1], rng, 3);
    expect(ppoParameters({ obsDim: 4, layers: followerLayers(12), actions: 21, gaussian: false, conditioned: true })).toBe(sizeOf([...follower.variables, ...critic.variables]));
    const leader = new GaussianHead(3, PPO_LEADER_LAYERS, 2, rng, 4);
    const leaderCritic = new Mlp([3, ...PPO_LEADER_LAYERS, 1], rng);
    expect(ppoParameters({ obsDim: 3, layers: PPO_LEADER_LAYERS, actions: 4, gaussian: true, conditioned: false })).toBe(sizeOf([...leader.variables, ...leaderCritic.variables]));
    for (const x of [follower, critic, leader, leaderCritic]) x.dispose();
  });
});
