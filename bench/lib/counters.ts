/**
 * What one training iteration asks of its backend, counted where tfjs does it (tfjs's own
 * profiler times kernels one by one and reads each result back, which would change what is
 * measured):
 * - kernels: calls of the engine's runKernel, every op and every gradient op, on any backend;
 * - dispatches: GPU programs run, each one dispatch (webgpu's runWebGPUProgram, webgl's
 *   runWebGLProgram); none on wasm or cpu, which have no GPU;
 * - readbacks: values brought to the host. On webgpu, getBufferData calls (a GPU buffer mapped
 *   and copied; a read of values already on the CPU costs nothing); elsewhere the engine's read
 *   and readSync (tensor.data(), dataSync()): counted there, not in the backend, whose read calls
 *   its own readSync (one readback counted twice) and whose kernels read their own memory.
 * Host-agnostic: runs in Node and in a browser worker.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface Counts {
  kernels: number;
  /** null: the backend has no GPU. */
  dispatches: number | null;
  readbacks: number;
}

const DISPATCH: Record<string, string> = { webgpu: 'runWebGPUProgram', webgl: 'runWebGLProgram' };

type Methods = Record<string, (...args: unknown[]) => unknown>;

/** Counts every later call of `name` on `target` (an instance: the methods are its class's). */
function count(target: object, name: string, add: () => void): void {
  const obj = target as Methods;
  const original = obj[name];
  if (typeof original !== 'function') throw new Error(`no ${name} to count on ${target.constructor.name}`);
  obj[name] = function (this: unknown, ...args: unknown[]) {
    add();
    return original.apply(this, args);
  };
}

/** Counts from now on, on the backend in use: `take()` returns what was counted since the last take. */
export function countBackend(): { take(): Counts } {
  const name = tf.getBackend();
  const gpu = name in DISPATCH;
  let c: Counts = { kernels: 0, dispatches: gpu ? 0 : null, readbacks: 0 };
  count(tf.engine(), 'runKernel', () => c.kernels++);
  if (gpu) count(tf.backend(), DISPATCH[name], () => (c.dispatches as number)++);
  if (name === 'webgpu') count(tf.backend(), 'getBufferData', () => c.readbacks++);
  else for (const m of ['read', 'readSync']) count(tf.engine(), m, () => c.readbacks++);
  return {
    take() {
      const taken = c;
      c = { kernels: 0, dispatches: gpu ? 0 : null, readbacks: 0 };
      return taken;
    },
  };
}
