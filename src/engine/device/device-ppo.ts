/**
 * The device-resident path (WarpDrive's idea, on WebGPU through tfjs): a whole iteration of
 * the followers (the rollout with the environment's own step, sampling, the critic's values,
 * GAE, and PPO's epochs of minibatches with their backward pass and Adam) runs as WGSL kernels
 * on one "arena" buffer that keeps the networks, the optimiser, the environment's state and
 * the trajectory on the GPU. What comes back is one small readback per iteration: the loss
 * terms, each parameter tensor's sum (the divergence check), the reward sums and the aggregate
 * paths the charts need. The rest of the trainer (leader, figures, probe, saving) is the
 * host's, and reads the networks and the environment back only when it needs them.
 *
 * The random draws come from the trainer's Rng in the host path's order (uniforms per follower
 * and step, then one permutation per epoch), uploaded once per iteration, so the GPU plays
 * what the CPU would, up to float rounding.
 *
 * Dispatches per iteration: the episode (one, or two per step beyond ONE_DISPATCH_AGENTS
 * followers per copy), 5, and per minibatch 3 per chunk of rows (forward and backward, then
 * the gradient's two reduction passes) plus 1 (Adam): 70 at the standard 100 x 8 x 128,
 * hidden 64 (the tfjs-op path: 11,643).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BatchedEnv } from '../env';
import type { DeviceEnv } from './device-env';
import { dispatch, f32, WORKGROUP_GROUPS, type Kernel, type WebGpuBackendLike } from './kernel';
import { backwardWgsl, forwardWgsl, gradientDecodeWgsl, netLayout, netScratch, variableRanges, type NetLayout } from './mlp-wgsl';
import { FOLLOWER_ADAM, type PpoConfig, type PpoStats } from '../rl/ppo';

/** PPO's per-row loss terms, in PpoStats order. */
const STAT_KEYS = ['policyLoss', 'valueLoss', 'entropy', 'approxKl', 'clipFrac'] as const;
const STATS = STAT_KEYS.length;
/** The scratch buffer's largest size (floats); larger minibatches are done in chunks of rows. */
const SCRATCH_FLOATS = 32 * 1024 * 1024;

/** A run too large for one of this device's buffers: the trainer keeps to the host path. */
export class DeviceTooSmall extends Error {}
/**
 * Up to this many followers per copy the episode is one dispatch (a workgroup per copy plays it
 * step after step); beyond, two dispatches per step use an invocation per follower. On a GPU each
 * dispatch costs about 0.2 ms of host time through tfjs, while a workgroup's 256 invocations
 * handle up to 4 followers each per step in well under that.
 */
const ONE_DISPATCH_AGENTS = 1024;
/** Rows summed by one invocation of the gradient's first reduction pass. */
const BLOCK_ROWS = 128;

export interface DevicePpoSettings {
  env: BatchedEnv & { device: DeviceEnv };
  horizon: number;
  /** The followers' hidden layers (the actor and the critic have the same). */
  hidden: readonly number[];
  gamma: number;
  lambda: number;
  ppo: PpoConfig;
}

/** What the host hands over and takes back: the networks' flat parameters, Adam's state, the environment's. */
export interface DeviceState {
  params: Float32Array;
  m: Float32Array;
  v: Float32Array;
  adamSteps: number;
  env: Float32Array;
}

export interface DeviceIteration {
  stats: PpoStats;
  /** Each parameter tensor's sum, in the trainer's variable order. */
  parameterSums: Float32Array;
  /** Mean reward per follower and step of each copy, before rewardScale. */
  welfare: Float64Array;
  /** The aggregate of copy e after step t at [t * copies + e]. */
  aggregates: Float32Array;
  /** Sum of the critic's values over the rollout (non-finite if any was). */
  valueSum: number;
}

type KernelName = 'begin' | 'load' | 'act' | 'rollout' | 'bootstrap' | 'step' | 'gae' | 'mbStats' | 'forwardBackward' | 'partialSums' | 'reduce' | 'adam' | 'finish';

/** WGSL: `lse`, the log of the sum of exp(a_out) (the actor's logits), computed stably. */
const LOG_SUM_EXP = `var top = a_out[0];
          for (var k = 1; k < ACTIONS; k++) { top = max(top, a_out[k]); }
          var total = 0.0;
          for (var k = 0; k < ACTIONS; k++) { total += exp(a_out[k] - top); }
          let lse = top + log(total);`;

export class DevicePpo {
  readonly actor: NetLayout;
  readonly critic: NetLayout;
  private readonly arena: tf.Tensor1D;
  private readonly scratch: tf.Tensor1D;
  /** Per block of rows, each gradient slot's sum (the first pass of the reduction). */
  private readonly partials: tf.Tensor1D;
  private readonly kernels: Record<KernelName, Kernel>;
  private readonly o: Record<string, number>;
  private readonly prefix: number;
  private readonly chunkRows: number;
  private readonly finishSize: number;
  private adamSteps = 0;

  constructor(
    private readonly backend: WebGpuBackendLike,
    private readonly s: DevicePpoSettings,
  ) {
    const { env, horizon: T, hidden, ppo } = s;
    const K = env.numActions;
    const B = env.copies * env.agents;
    const OBS = env.obsDim;
    this.actor = netLayout([OBS, ...hidden, K], 0);
    this.critic = netLayout([OBS, ...hidden, 1], this.actor.end);
    const P = this.critic.end;
    const size = T * B;
    const mbSize = Math.floor(size / ppo.minibatches);
    const batches = ppo.epochs * ppo.minibatches;

    // The arena: what push/pull move first (params, moments, environment), then the rest.
    const o: Record<string, number> = {};
    let at = 0;
    const take = (name: string, n: number) => ((o[name] = at), (at += n));
    take('PARAMS', P);
    take('M', P);
    take('V', P);
    take('ENV', env.device.stateSize);
    this.prefix = at;
    take('THETA', env.copies * env.thetaDim);
    take('GRAD', P + STATS);
    take('STATSUM', STATS);
    take('OBS_', size * OBS);
    take('ACT', size);
    take('LOGP', size);
    take('VAL', size);
    take('REW', size);
    take('ADV', size);
    take('RET', size);
    take('NEXTV', B);
    take('VSUM', B);
    take('AGG', T * env.copies);
    take('MBSTAT', 2 * batches);
    this.o = o;
    const limit = backend.device.limits.maxStorageBufferBindingSize;
    if (4 * at > limit) throw new DeviceTooSmall(`the GPU's arena would take ${(4 * at / 2 ** 20).toFixed(0)} MiB, over this device's ${(limit / 2 ** 20).toFixed(0)} MiB per buffer`);
    this.arena = tf.zeros([at]);

    const aScratch = netScratch(this.actor, 0);
    const cScratch = netScratch(this.critic, aScratch.end);
    const ROWW = cScratch.end + STATS;
    const statsAt = cScratch.end;
    this.chunkRows = Math.max(1, Math.min(mbSize, Math.floor(Math.min(SCRATCH_FLOATS, limit / 4) / ROWW)));
    this.scratch = tf.zeros([this.chunkRows * ROWW]);
    this.partials = tf.zeros([Math.ceil(this.chunkRows / BLOCK_ROWS) * (P + STATS)]);

    const ranges = [...variableRanges(this.actor), ...variableRanges(this.critic)];
    this.finishSize = STATS + ranges.length + env.copies + T * env.copies + 1;

    const consts = [
      ...Object.entries(o).map(([k, v]) => `const O_${k}: i32 = ${v};`),
      `const BATCH: i32 = ${B}; const STEPS: i32 = ${T}; const COPIES: i32 = ${env.copies}; const AGENTS: i32 = ${env.agents};`,
      `const OBS: i32 = ${OBS}; const ACTIONS: i32 = ${K}; const THETA_DIM: i32 = ${env.thetaDim}; const THETA_COL: i32 = ${env.thetaColumn};`,
      `const NPARAM: i32 = ${P}; const CRITIC_START: i32 = ${this.critic.start}; const SIZE: i32 = ${size}; const MBSIZE: i32 = ${mbSize}; const MBS: i32 = ${ppo.minibatches};`,
      `const ROWW: i32 = ${ROWW}; const STATS_AT: i32 = ${statsAt};`,
    ].join('\n');
    // Helpers over the arena, where it is the kernel's output (`result`).
    const arenaHelpers = `${consts}
      fn st(k: i32) -> f32 { return result[O_ENV + k]; }
      fn setSt(k: i32, v: f32) { result[O_ENV + k] = v; }
      fn theta(e: i32, k: i32) -> f32 { return result[O_THETA + e * THETA_DIM + k]; }
      fn act(t: i32, i: i32) -> i32 { return i32(result[O_ACT + t * BATCH + i]); }
      fn reward(t: i32, i: i32, raw: f32) { result[O_REW + t * BATCH + i] = raw * ${f32(env.rewardScale)}; }
      fn aggregate(t: i32, e: i32, d: f32) { result[O_AGG + t * COPIES + e] = d; }
      ${env.device.observe}`;
    // Follower i at step t: observes, samples its action from the uploaded uniform A[row], and the critic values it.
    const actRow = `${arenaHelpers}
        fn actRow(t: i32, i: i32) {
          let row = t * BATCH + i;
          var x = observe(i);
          for (var c = 0; c < OBS; c++) { result[O_OBS_ + row * OBS + c] = x[c]; }
          let th = x[THETA_COL];
          ${forwardWgsl(this.actor, 'a_', 'result', 'x', 'th')}
          ${LOG_SUM_EXP}
          // The first action whose cumulative probability exceeds u (rl/heads.ts sampleCategorical).
          let u = A[row];
          var a = 0;
          var acc = exp(a_out[0] - lse);
          while (u >= acc && a < ACTIONS - 1) { a++; acc += exp(a_out[a] - lse); }
          result[O_ACT + row] = f32(a);
          result[O_LOGP + row] = a_out[a] - lse;
          ${forwardWgsl(this.critic, 'c_', 'result', 'x', 'th')}
          result[O_VAL + row] = c_out[0];
        }`;
    const rowOf = (k: string) => `let epoch = ${k} / MBS; let mb = ${k} % MBS; let first = epoch * SIZE + mb * MBSIZE;`;

    this.kernels = {
      // theta for this iteration, and the loss terms' sums cleared.
      begin: {
        name: 'begin',
        inputs: 1,
        code: `${consts}
        fn run(index: i32) {
          if (index < COPIES * THETA_DIM) { result[O_THETA + index] = A[index]; }
          else if (index < COPIES * THETA_DIM + ${STATS}) { result[O_STATSUM + index - COPIES * THETA_DIM] = 0.0; }
        }`,
      },
      load: { name: 'load', inputs: 1, code: `fn run(index: i32) { if (index < ${this.prefix}) { result[index] = A[index]; } }` },
      act: {
        name: 'act',
        inputs: 1,
        uniforms: [['t', 'i32']],
        code: `${actRow}
        fn run(index: i32) { if (index < BATCH) { actRow(uniforms.t, index); } }`,
      },
      // The whole episode in one dispatch, a workgroup per copy: its followers act, then one
      // invocation steps the copy, step after step (copies are independent: DeviceEnv).
      rollout: {
        name: 'rollout',
        inputs: 1,
        layout: 'groups',
        code: `${actRow}
        ${env.device.stepCopy}
        fn run(index: i32) {
          let e = i32(workgroupId.x);
          let tid = i32(localIndex);
          for (var t = 0; t < STEPS; t++) {
            for (var k = tid; k < AGENTS; k += ${WORKGROUP_GROUPS}) { actRow(t, e * AGENTS + k); }
            storageBarrier();
            if (tid == 0) { stepCopy(e, t); }
            storageBarrier();
          }
        }`,
      },
      bootstrap: {
        name: 'bootstrap',
        code: `${arenaHelpers}
        fn run(index: i32) {
          if (index >= BATCH) { return; }
          var x = observe(index);
          let th = x[THETA_COL];
          ${forwardWgsl(this.critic, 'c_', 'result', 'x', 'th')}
          result[O_NEXTV + index] = c_out[0];
        }`,
      },
      step: {
        name: 'step',
        uniforms: [['t', 'i32']],
        code: `${arenaHelpers}
        ${env.device.stepCopy}
        fn run(index: i32) { if (index < COPIES) { stepCopy(index, uniforms.t); } }`,
      },
      // Generalised advantage estimation (rl/gae.ts), one follower per invocation.
      gae: {
        name: 'gae',
        code: `${consts}
        fn run(index: i32) {
          if (index >= BATCH) { return; }
          var last = 0.0;
          var values = 0.0;
          for (var t = STEPS - 1; t >= 0; t--) {
            let i = t * BATCH + index;
            var next = result[O_NEXTV + index];
            if (t < STEPS - 1) { next = result[O_VAL + i + BATCH]; }
            let delta = result[O_REW + i] + ${f32(s.gamma)} * next - result[O_VAL + i];
            last = delta + ${f32(s.gamma * s.lambda)} * last;
            result[O_ADV + i] = last;
            result[O_RET + i] = last + result[O_VAL + i];
            values += result[O_VAL + i];
          }
          // This follower's values summed, for the divergence check (finish adds the followers').
          result[O_VSUM + index] = values;
        }`,
      },
      // Each minibatch's advantage mean and 1 / (std + 1e-8) (CleanRL), one workgroup per minibatch.
      mbStats: {
        name: 'mb_stats',
        inputs: 1,
        layout: 'groups',
        code: `${consts}
        var<workgroup> part: array<f32, 256>;
        fn total(tid: i32, v: f32) -> f32 {
          part[tid] = v;
          workgroupBarrier();
          for (var w = 128; w > 0; w = w / 2) {
            if (tid < w) { part[tid] += part[tid + w]; }
            workgroupBarrier();
          }
          let out = part[0];
          workgroupBarrier();
          return out;
        }
        fn run(index: i32) {
          let k = i32(workgroupId.x);
          let tid = i32(localIndex);
          ${rowOf('k')}
          var s = 0.0;
          for (var j = tid; j < MBSIZE; j += 256) { s += result[O_ADV + A[first + j]]; }
          let mean = total(tid, s) / f32(MBSIZE);
          var q = 0.0;
          for (var j = tid; j < MBSIZE; j += 256) { let d = result[O_ADV + A[first + j]] - mean; q += d * d; }
          let variance = total(tid, q) / f32(MBSIZE);
          if (tid == 0) {
            result[O_MBSTAT + 2 * k] = mean;
            result[O_MBSTAT + 2 * k + 1] = 1.0 / (sqrt(variance) + 1e-8);
          }
        }`,
      },
      // Forward, PPO's loss and the backward pass of one minibatch row per invocation; each row
      // leaves what its weight gradients need in the scratch buffer (mlp-wgsl.ts).
      forwardBackward: {
        name: 'forward_backward',
        inputs: 2,
        uniforms: [['k', 'i32'], ['c0', 'i32'], ['rows', 'i32']],
        code: `${consts}
        fn run(index: i32) {
          if (index >= uniforms.rows) { return; }
          ${rowOf('uniforms.k')}
          let r = B[first + uniforms.c0 + index];
          let base = index * ROWW;
          var x: array<f32, OBS>;
          for (var c = 0; c < OBS; c++) { x[c] = A[O_OBS_ + r * OBS + c]; }
          let th = x[THETA_COL];
          let a = i32(A[O_ACT + r]);
          let adv = (A[O_ADV + r] - A[O_MBSTAT + 2 * uniforms.k]) * A[O_MBSTAT + 2 * uniforms.k + 1];
          let ret = A[O_RET + r];
          ${forwardWgsl(this.actor, 'a_', 'A', 'x', 'th')}
          ${forwardWgsl(this.critic, 'c_', 'A', 'x', 'th')}
          ${LOG_SUM_EXP}
          var entropy = 0.0;
          for (var k = 0; k < ACTIONS; k++) { let l = a_out[k] - lse; entropy -= exp(l) * l; }
          let logRatio = a_out[a] - lse - A[O_LOGP + r];
          let ratio = exp(logRatio);
          let clipped = clamp(ratio, ${f32(1 - ppo.clipCoef)}, ${f32(1 + ppo.clipCoef)});
          // The gradient passes through the unclipped ratio where it is the one chosen (as tfjs's min/max pass it).
          var passes = ratio >= clipped;
          if (adv >= 0.0) { passes = ratio <= clipped; }
          let perRow = 1.0 / f32(MBSIZE);
          let dLogp = select(0.0, -adv * ratio * perRow, passes);
          var a_g: array<f32, ACTIONS>;
          for (var k = 0; k < ACTIONS; k++) {
            let l = a_out[k] - lse;
            let p = exp(l);
            a_g[k] = dLogp * (select(0.0, 1.0, k == a) - p) + ${f32(ppo.entCoef)} * perRow * p * (l + entropy);
          }
          var c_g: array<f32, 1>;
          let v = c_out[0];
          c_g[0] = ${f32(ppo.vfCoef)} * (v - ret) * perRow;
          ${backwardWgsl(this.actor, aScratch, 'a_', 'A', 'th', (off, val) => `result[base + ${off}] = ${val};`)}
          ${backwardWgsl(this.critic, cScratch, 'c_', 'A', 'th', (off, val) => `result[base + ${off}] = ${val};`)}
          result[base + STATS_AT] = max(-adv * ratio, -adv * clipped);
          result[base + STATS_AT + 1] = 0.5 * (v - ret) * (v - ret);
          result[base + STATS_AT + 2] = entropy;
          result[base + STATS_AT + 3] = ratio - 1.0 - logRatio;
          result[base + STATS_AT + 4] = select(0.0, 1.0, abs(ratio - 1.0) > ${f32(ppo.clipCoef)});
        }`,
      },
      // Each parameter's gradient (and each loss term) summed over a block of a chunk's rows,
      // one invocation per block and parameter: enough of them to keep a GPU busy.
      partialSums: {
        name: 'partial_sums',
        inputs: 3,
        uniforms: [['k', 'i32'], ['c0', 'i32'], ['rows', 'i32']],
        code: `${consts}
        const NGRAD: i32 = NPARAM + ${STATS};
        fn decode(g: i32) -> vec3<i32> {
          if (g >= NPARAM) { return vec3<i32>(0, 0, STATS_AT + g - NPARAM); }
          if (g < CRITIC_START) {
            ${gradientDecodeWgsl(this.actor, aScratch)}
          }
          ${gradientDecodeWgsl(this.critic, cScratch)}
          return vec3<i32>(0, 0, 0);
        }
        fn run(index: i32) {
          let block = index / NGRAD;
          let g = index % NGRAD;
          let q0 = block * ${BLOCK_ROWS};
          if (q0 >= uniforms.rows) { return; }
          ${rowOf('uniforms.k')}
          let d = decode(g);
          var s = 0.0;
          for (var q = q0; q < min(q0 + ${BLOCK_ROWS}, uniforms.rows); q++) {
            let row = q * ROWW;
            var a = 1.0;
            if (d.x == 1) { a = C[O_OBS_ + B[first + uniforms.c0 + q] * OBS + d.y]; }
            else if (d.x == 2) { a = A[row + d.y]; }
            s += a * A[row + d.z];
          }
          result[index] = s;
        }`,
      },
      // The blocks' sums added into the gradient.
      reduce: {
        name: 'reduce',
        inputs: 1,
        uniforms: [['blocks', 'i32'], ['accumulate', 'i32']],
        code: `${consts}
        fn run(index: i32) {
          let n = NPARAM + ${STATS};
          if (index >= n) { return; }
          var s = 0.0;
          for (var b = 0; b < uniforms.blocks; b++) { s += A[b * n + index]; }
          if (uniforms.accumulate == 1) { s += result[O_GRAD + index]; }
          result[O_GRAD + index] = s;
        }`,
      },
      // Adam with global gradient-norm clipping (rl/flat-adam.ts), in one workgroup.
      adam: {
        name: 'adam',
        layout: 'groups',
        uniforms: [['stepSize', 'f32'], ['correction2', 'f32']],
        code: `${consts}
        var<workgroup> part: array<f32, 256>;
        fn run(index: i32) {
          let tid = i32(localIndex);
          var s = 0.0;
          for (var p = tid; p < NPARAM; p += 256) { let g = result[O_GRAD + p]; s += g * g; }
          part[tid] = s;
          workgroupBarrier();
          for (var w = 128; w > 0; w = w / 2) {
            if (tid < w) { part[tid] += part[tid + w]; }
            workgroupBarrier();
          }
          let scale = min(1.0, ${f32(ppo.maxGradNorm)} / (sqrt(part[0]) + 1e-6));
          for (var p = tid; p < NPARAM; p += 256) {
            let g = result[O_GRAD + p] * scale;
            let m = ${f32(FOLLOWER_ADAM.beta1)} * result[O_M + p] + ${f32(1 - FOLLOWER_ADAM.beta1)} * g;
            let v = ${f32(FOLLOWER_ADAM.beta2)} * result[O_V + p] + ${f32(1 - FOLLOWER_ADAM.beta2)} * g * g;
            result[O_M + p] = m;
            result[O_V + p] = v;
            result[O_PARAMS + p] -= uniforms.stepSize * m / (sqrt(v / uniforms.correction2) + ${f32(FOLLOWER_ADAM.epsilon)});
          }
          if (tid < ${STATS}) { result[O_STATSUM + tid] += result[O_GRAD + NPARAM + tid] / f32(MBSIZE); }
        }`,
      },
      // The iteration's one readback: loss terms, parameter sums, reward sums, aggregates, value sum.
      finish: {
        name: 'finish',
        inputs: 1,
        code: `${consts}
        var<private> RANGES: array<i32, ${2 * ranges.length}> = array<i32, ${2 * ranges.length}>(${ranges.flat().join(', ')});
        fn run(index: i32) {
          var i = index;
          if (i < ${STATS}) { result[index] = A[O_STATSUM + i]; return; }
          i -= ${STATS};
          if (i < ${ranges.length}) {
            var s = 0.0;
            for (var p = RANGES[2 * i]; p < RANGES[2 * i + 1]; p++) { s += A[O_PARAMS + p]; }
            result[index] = s;
            return;
          }
          i -= ${ranges.length};
          if (i < COPIES) {
            var s = 0.0;
            for (var t = 0; t < STEPS; t++) { for (var k = 0; k < AGENTS; k++) { s += A[O_REW + t * BATCH + i * AGENTS + k]; } }
            result[index] = s;
            return;
          }
          i -= COPIES;
          if (i < STEPS * COPIES) { result[index] = A[O_AGG + i]; return; }
          if (i == STEPS * COPIES) {
            var s = 0.0;
            for (var j = 0; j < BATCH; j++) { s += A[O_VSUM + j]; }
            result[index] = s;
          }
        }`,
      },
    };
  }

  /** Hands the networks, Adam's state and the environment to the GPU. */
  push(state: DeviceState): void {
    const data = new Float32Array(this.prefix);
    if (state.params.length !== this.critic.end || state.env.length !== this.s.env.device.stateSize) throw new Error('device state of the wrong size');
    data.set(state.params, this.o.PARAMS);
    data.set(state.m, this.o.M);
    data.set(state.v, this.o.V);
    data.set(state.env, this.o.ENV);
    this.adamSteps = state.adamSteps;
    const t = tf.tensor1d(data);
    this.run('load', this.prefix, [t], this.arena);
    t.dispose();
  }

  /** The GPU's networks, Adam's state and environment, read back (one readback). */
  async pull(): Promise<DeviceState> {
    const head = tf.slice(this.arena, 0, this.prefix);
    const data = (await head.data()) as Float32Array;
    head.dispose();
    const P = this.critic.end;
    return {
      params: data.slice(this.o.PARAMS, this.o.PARAMS + P),
      m: data.slice(this.o.M, this.o.M + P),
      v: data.slice(this.o.V, this.o.V + P),
      adamSteps: this.adamSteps,
      env: data.slice(this.o.ENV, this.o.ENV + this.s.env.device.stateSize),
    };
  }

  /**
   * One iteration of the followers: the episode with `theta` (copies x thetaDim), drawing
   * `uniforms` (one per follower and step, time-major) to sample actions, then PPO with one
   * permutation of the rollout's rows per epoch.
   */
  async iterate(theta: Float32Array, uniforms: Float32Array, permutations: readonly Uint32Array[]): Promise<DeviceIteration> {
    const { env, horizon: T, ppo } = this.s;
    const B = env.copies * env.agents;
    const size = T * B;
    const mbSize = Math.floor(size / ppo.minibatches);
    const thetaT = tf.tensor1d(theta);
    const u = tf.tensor1d(uniforms);
    const perm = tf.tensor1d(concatInt32(permutations), 'int32');
    this.run('begin', theta.length + STATS, [thetaT], this.arena);
    if (env.agents <= ONE_DISPATCH_AGENTS) this.run('rollout', env.copies, [u], this.arena);
    else {
      for (let t = 0; t < T; t++) {
        this.run('act', B, [u], this.arena, [t]);
        this.run('step', env.copies, [], this.arena, [t]);
      }
    }
    this.run('bootstrap', B, [], this.arena);
    this.run('gae', B, [], this.arena);
    const batches = ppo.epochs * ppo.minibatches;
    this.run('mbStats', batches, [perm], this.arena);
    const { beta1, beta2 } = FOLLOWER_ADAM;
    for (let k = 0; k < batches; k++) {
      for (let c0 = 0; c0 < mbSize; c0 += this.chunkRows) {
        const rows = Math.min(this.chunkRows, mbSize - c0);
        this.run('forwardBackward', rows, [this.arena, perm], this.scratch, [k, c0, rows]);
        const blocks = Math.ceil(rows / BLOCK_ROWS);
        this.run('partialSums', blocks * (this.critic.end + STATS), [this.scratch, perm, this.arena], this.partials, [k, c0, rows]);
        this.run('reduce', this.critic.end + STATS, [this.partials], this.arena, [blocks, c0 > 0 ? 1 : 0]);
      }
      this.adamSteps++;
      this.run('adam', 1, [], this.arena, [ppo.lr / (1 - beta1 ** this.adamSteps), 1 - beta2 ** this.adamSteps]);
    }
    const out = tf.zeros([this.finishSize]);
    this.run('finish', this.finishSize, [this.arena], out);
    const figures = (await out.data()) as Float32Array;
    for (const t of [thetaT, u, perm, out]) t.dispose();

    const nVars = this.finishSize - STATS - env.copies - T * env.copies - 1;
    const stats = Object.fromEntries(STAT_KEYS.map((key, i) => [key, figures[i] / batches])) as unknown as PpoStats;
    let at = STATS;
    const parameterSums = figures.slice(at, (at += nVars));
    const welfare = Float64Array.from(figures.subarray(at, (at += env.copies)), (sum) => sum / env.rewardScale / (T * env.agents));
    const aggregates = figures.slice(at, (at += T * env.copies));
    return { stats, parameterSums, welfare, aggregates, valueSum: figures[at] };
  }

  private run(kernel: KernelName, threads: number, inputs: tf.TensorInfo[], output: tf.TensorInfo, uniforms: number[] = []): void {
    dispatch(this.backend, this.kernels[kernel], threads, inputs, output, uniforms);
  }

  dispose(): void {
    this.arena.dispose();
    this.scratch.dispose();
    this.partials.dispose();
  }
}

function concatInt32(parts: readonly Uint32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}
