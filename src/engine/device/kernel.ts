/**
 * Running a WGSL kernel of our own through tfjs's webgpu backend (its runWebGPUProgram), so the
 * device-resident path shares tfjs's device, buffers, queue and pipeline cache. Every kernel
 * here works on flat float32 or int32 tensors: `result` is the output, written in place when
 * an existing tensor is given (the trainer's arena), and inputs are read-only, named A, B, ...
 * One call is one GPU dispatch.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu/dist/webgpu_program';

/** The part of tfjs's WebGPUBackend this path uses. */
export interface WebGpuBackendLike {
  device: GPUDevice;
  runWebGPUProgram(program: WebGPUProgram, inputs: tf.TensorInfo[], outputDtype: tf.DataType, uniforms?: { type: string; data: number[] }[], output?: tf.TensorInfo): tf.TensorInfo;
}

export interface Kernel {
  /** Names the kernel in tfjs's pipeline cache (with a hash of its code). */
  name: string;
  /**
   * The body: WGSL functions and `fn run(index: i32)`, called per invocation (flat) or per
   * workgroup invocation (groups: read workgroupId and localIndex).
   */
  code: string;
  /** Read-only inputs, in binding order: their names in the code are A, B, C, ... */
  inputs?: number;
  /** Scalar uniforms in order, read as uniforms.<name>: name and WGSL type. */
  uniforms?: readonly (readonly [string, 'i32' | 'f32'])[];
  /**
   * 'flat': one invocation per index in [0, threads), 64 per workgroup (tfjs folds the
   * dispatch into y and z beyond 65,535 workgroups); 'groups': `threads` workgroups of 256.
   */
  layout?: 'flat' | 'groups';
}

/** A number as a WGSL f32 literal (an integer gets its ".0"). */
export const f32 = (x: number) => (/[.e]/.test(String(x)) ? String(x) : `${x}.0`);

const WORKGROUP_FLAT = 64;
export const WORKGROUP_GROUPS = 256;

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const INPUT_NAMES = 'ABCDEFGH';

/**
 * tfjs's main, calling the kernel's run. The pipeline's layout is derived from the bindings the
 * code uses, while tfjs binds every input and the uniforms: each is named here, so none is left out.
 */
function entry(inputs: number): string {
  const uses = ['_ = &result;', '_ = uniforms.NAN;', ...INPUT_NAMES.slice(0, inputs).split('').map((n) => `_ = &${n};`)];
  return `fn main(index: i32) {\n  ${uses.join(' ')}\n  run(index);\n}`;
}

/** Runs `kernel` over `threads` invocations (or workgroups), writing into `output`. */
export function dispatch(
  backend: WebGpuBackendLike,
  kernel: Kernel,
  threads: number,
  inputs: readonly tf.TensorInfo[],
  output: tf.TensorInfo,
  uniforms: readonly number[] = [],
): void {
  const names = kernel.uniforms ?? [];
  if (names.length !== uniforms.length) throw new Error(`${kernel.name}: ${names.length} uniforms named, ${uniforms.length} given`);
  const groups = kernel.layout === 'groups';
  const size = groups ? WORKGROUP_GROUPS : WORKGROUP_FLAT;
  const program: WebGPUProgram = {
    variableNames: INPUT_NAMES.slice(0, inputs.length).split(''),
    outputShape: output.shape,
    shaderKey: `adage_${kernel.name}_${fnv(kernel.code)}`,
    dispatchLayout: { x: [0] },
    dispatch: [groups ? threads : Math.ceil(threads / size), 1, 1],
    workgroupSize: [size, 1, 1],
    uniforms: names.map(([n, type]) => `${n} : ${type},`).join(' '),
    getUserCode: () => `${kernel.code}\n${entry(inputs.length)}`,
  };
  const values = names.map(([, type], i) => ({ type: type === 'i32' ? 'int32' : 'float32', data: [uniforms[i]] }));
  backend.runWebGPUProgram(program, [...inputs], output.dtype, values, output);
}
