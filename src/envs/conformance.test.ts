/**
 * The conformance suite every environment of the list passes (PettingZoo's api_test and
 * seed_test are the model), on its module's tiny scenario: a new environment is checked by
 * adding it to src/envs/index.ts, nothing else.
 *
 * - The batched environment (where the followers learn with PPO): observation and action
 *   shapes; theta reaches the observation column the environment says carries it; the same seed
 *   plays the same trajectory; rewards are finite.
 * - The experiment: theta reaches the payoff (a fixed leader at either end of theta's box plays
 *   differently); the same seed gives the same figures and another seed others; save, load and
 *   continue bit for bit; tensors flat across iterations and all freed on dispose; at the
 *   defaults, the memory estimate at or above the tensors' measured peak in an iteration and the
 *   checkpoint's estimated length within a factor of two of its JSON; every value held in tfjs
 *   variables counted by the estimate.
 * - The scenario: its link round-trips.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Experiment, IterationReport } from '../engine/experiment';
import type { BuiltPpoEnv } from '../engine/ppo-envs';
import { useNodeBackend } from '../engine/node-backend';
import { StateReader } from '../engine/persist/state';
import { checkpointChars, estimatedBytes, heldValues } from '../engine/resource-limit';
import { Rng } from '../engine/rng';
import { baselineOf, leaderName } from '../scenario/baseline';
import { decodeScenario, encodeScenario } from '../scenario/codec';
import { policiesDocument, policiesText } from '../scenario/policies-file';
import { defaultScenario, moduleOf, scenarioSchema, workloadOf, type Scenario } from '../scenario/schema';
import { ENVS } from '.';
import { snapshotLimit } from '../scenario/policies-file';

const tinyOf = (id: string, over: Record<string, unknown> = {}): Scenario => scenarioSchema.parse({ env: id, ...moduleOf(id as Scenario['env']).tiny, ...over });

/** The values held in every tfjs variable there is. */
const valuesInVariables = () => Object.values(tf.engine().state.registeredVariables).reduce((n, v) => n + v.size, 0);

/** What an iteration reports, without its wall time. */
const figures = ({ iteration, metrics, snapshots }: IterationReport) => ({ iteration, metrics, snapshots });

/** Through JSON, as a file carries it: nothing may depend on object identity or typed arrays. */
const throughJson = <T,>(x: T): T => JSON.parse(JSON.stringify(x));

async function play(e: Experiment, iterations: number): Promise<ReturnType<typeof figures>[]> {
  const out = [];
  for (let i = 0; i < iterations; i++) out.push(figures(await e.iterate()));
  return out;
}

/** Sets theta in every leader copy. */
function setTheta({ env }: BuiltPpoEnv, theta: ArrayLike<number>): void {
  for (let e = 0; e < env.leaderCopies; e++) env.theta.set(theta, e * env.thetaDim);
}

/** K steps of random actions from `seed`: the observations and rewards seen. */
function rollout(built: BuiltPpoEnv, seed: number, steps: number): { obs: Float32Array[]; rewards: Float32Array[] } {
  const { env } = built;
  const rng = Rng.fromSeed(seed);
  const rows = env.copies * env.agents;
  const obs: Float32Array[] = [];
  const rewards: Float32Array[] = [];
  env.reset();
  env.beginEpisode?.(rng);
  for (let t = 0; t < steps; t++) {
    const o = new Float32Array(rows * env.obsDim);
    env.observe(o);
    obs.push(o);
    const actions = env.actionDim ? Float32Array.from({ length: rows * env.actionDim }, () => rng.uniform()) : Int32Array.from({ length: rows }, () => rng.int(env.numActions));
    const r = new Float32Array(rows);
    env.step(actions, r);
    rewards.push(r);
  }
  return { obs, rewards };
}

describe.each(ENVS.map((e) => [e.module.id, e.module] as const))('%s conforms', (id, module) => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  const ppo = module.ppoEnv;
  if (ppo) it('has observations and actions of the stated shapes, theta in its column, one trajectory per seed and finite rewards', () => {
    const s = tinyOf(id);
    const m = moduleOf(s);
    const built = m.ppoEnv!(s);
    const { env } = built;
    expect(env.obsDim).toBeGreaterThan(0);
    expect(env.actionDim ? env.actionDim > 0 : env.numActions > 1).toBe(true);
    expect(env.thetaColumn).toBeLessThan(env.obsDim);
    expect(env.theta.length).toBe(env.copies * env.thetaDim);
    expect(m.theta.fixed(s).length).toBe(env.thetaDim);
    const range = m.theta.range(s);
    expect([range.lo.length, range.hi.length]).toEqual([env.thetaDim, env.thetaDim]);

    // theta at either end of its box: the followers of the leader's copies see it in thetaColumn.
    const [atLo, atHi] = [range.lo, range.hi].map((theta) => {
      const b = m.ppoEnv!(s);
      setTheta(b, theta);
      return rollout(b, 3, 1).obs[0];
    });
    const column = (o: Float32Array) => Array.from({ length: env.leaderCopies * env.agents }, (_, row) => o[row * env.obsDim + env.thetaColumn]);
    expect(column(atLo)).not.toEqual(column(atHi));

    // Same seed, same trajectory; the rewards are finite.
    const [a, b] = [1, 2].map(() => {
      const copy = m.ppoEnv!(s);
      setTheta(copy, m.theta.fixed(s));
      return rollout(copy, 11, 6);
    });
    expect(b).toEqual(a);
    for (const r of a.rewards) expect(r.every(Number.isFinite)).toBe(true);
    for (const o of a.obs) expect(o.every(Number.isFinite)).toBe(true);
  });

  it('lets theta reach the payoff: a fixed leader at either end of its box plays differently', async () => {
    const s = tinyOf(id);
    const range = moduleOf(s).theta.range(s);
    const [lo, hi] = await Promise.all(
      [range.lo, range.hi].map(async (theta) => {
        const at = tinyOf(id, { leader: 'fixed', ...Object.fromEntries(module.theta.fields.map((f, k) => [f, theta[k]])) });
        const e = await moduleOf(at).experiment(at);
        const [first] = await play(e, 1);
        e.dispose();
        return first.metrics;
      }),
    );
    expect(lo).not.toEqual(hi);
  });

  it('trains the same with the same seed and otherwise with another, saves, loads and goes on bit for bit, and keeps its tensors', async () => {
    const s = tinyOf(id);
    const before = tf.memory().numTensors;
    const original = await moduleOf(s).experiment(s);
    const first = await play(original, 2);
    // What a file may carry of each snapshot (policies-file.ts) is at least what an iteration makes.
    for (const [key, values] of Object.entries(first[0].snapshots)) expect(values.length, key).toBeLessThanOrEqual(snapshotLimit(s));
    const settled = tf.memory().numTensors;
    first.push(...(await play(original, 1)));
    expect(tf.memory().numTensors).toBe(settled);
    const state = throughJson(await original.saveState());

    const again = await moduleOf(s).experiment(s);
    expect(await play(again, 3)).toEqual(first);
    again.dispose();
    const other = tinyOf(id, { seed: s.seed + 1 });
    const another = await moduleOf(other).experiment(other);
    expect((await play(another, 1))[0].metrics).not.toEqual(first[0].metrics);
    another.dispose();

    const loaded = await moduleOf(s).experiment(s);
    loaded.loadState(new StateReader(state));
    expect(loaded.iterationsDone).toBe(3);
    expect(await play(loaded, 2)).toEqual(await play(original, 2));
    for (const e of [loaded, original]) e.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  // At the defaults (what a user runs): the tiny scenario's tensors are mostly the networks, and
  // its checkpoint as much the environment's carried state as the networks.
  it("estimates, at the defaults, an iteration's memory at or above the tensors' measured peak, and the checkpoint's length within a factor of two", async () => {
    const s = defaultScenario(id as Scenario['env']);
    const e = await moduleOf(s).experiment(s);
    const reports: IterationReport[] = [];
    const { peakBytes } = await tf.profile(async () => {
      reports.push(await e.iterate());
    });
    reports.push(await e.iterate());
    // The checkpoint the session takes after them: a history row per iteration (session.ts).
    const keys = moduleOf(s).metrics.map((m) => m.key);
    const rows = reports.map((r) => ({ iteration: r.iteration, ...Object.fromEntries(keys.map((k) => [k, r.metrics[k]])) }));
    const text = policiesText(policiesDocument(s, rows, reports[1].snapshots, await e.saveState()));
    e.dispose();
    const w = workloadOf(s);
    expect(estimatedBytes(w)).toBeGreaterThanOrEqual(peakBytes);
    const ratio = checkpointChars({ ...w, history: { ...w.history, iterations: rows.length } }) / text.length;
    expect([ratio > 0.5, ratio < 2], `estimate / length = ${ratio}`).toEqual([true, true]);
  });

  it("counts every value its experiment holds in tfjs variables: the networks and their Adam moments (a PPO leader's too), a game's strategies", async () => {
    const withPpoLeader = scenarioSchema.safeParse({ ...tinyOf(id), leader: 'ppo' });
    for (const s of [tinyOf(id), ...(withPpoLeader.success ? [withPpoLeader.data] : [])]) {
      const before = valuesInVariables();
      const e = await moduleOf(s).experiment(s);
      expect(heldValues(workloadOf(s).held), s.leader).toBe(valuesInVariables() - before);
      e.dispose();
    }
  });

  it('has a baseline of the same environment and seed, with the leader switched off or held, that is a valid scenario as it stands', () => {
    const s = tinyOf(id, { seed: 7 });
    const { scenario, description, against } = baselineOf(s);
    expect(scenarioSchema.parse(scenario)).toEqual(scenario);
    expect([scenario.env, scenario.seed]).toEqual([id, 7]);
    expect(scenario.leader).not.toBe(s.leader);
    expect([description.length > 0, against.length > 0, leaderName(s).length > 0]).toEqual([true, true, true]);
  });

  it('round-trips its scenario through a link', () => {
    const s = tinyOf(id, { seed: 42 });
    const back = decodeScenario(encodeScenario(s), 'strict');
    expect(back.problems).toEqual([]);
    expect(back.scenario).toEqual(s);
  });
});
