/**
 * Choosing the tfjs backend. Hosts register what they can (the worker: wasm, and webgpu, webgl
 * and cpu as loaders; Node: wasm, cpu); this tries them in order and says why each skipped one
 * was skipped, and screens them for a calibration that measures which is fastest
 * (backend-calibration.ts).
 * A backend counts only once a small computation reads back correctly: on webgpu with part of
 * the SwiftShader flags setBackend succeeded but reads returned zeros.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Candidate } from './backend-calibration';
import { BACKEND_ORDER, type BackendName, type BackendReport } from './backend-names';

/**
 * Backends a host offers without loading their code until one is set up. The webgpu and webgl
 * backends were two thirds of the worker's script, parsed by every worker at every page start
 * (about 0.3 s on a 2-core machine) though wasm runs the lab wherever there is no GPU.
 */
const loaders = new Map<BackendName, () => Promise<unknown>>();

/** Offers `name` in this host, its code loaded by `load` when it is first set up; returns a function that withdraws the offer. */
export function registerBackendLoader(name: BackendName, load: () => Promise<unknown>): () => void {
  loaders.set(name, load);
  return () => loaders.delete(name);
}

/** The WebGPU adapter this host would get, or why there is none. */
async function webgpuAdapter(): Promise<{ adapter: GPUAdapter } | { why: string }> {
  const gpu = globalThis.navigator?.gpu;
  if (!gpu) return { why: 'navigator.gpu is not available' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  return adapter ? { adapter } : { why: 'navigator.gpu exists but no GPU adapter was granted' };
}

/** The WebGL renderer's name (null: no OffscreenCanvas to ask, as in Node), or why there is no WebGL. */
function webglRenderer(): { renderer: string | null } | { why: string } {
  if (typeof OffscreenCanvas === 'undefined') return { renderer: null };
  const canvas = new OffscreenCanvas(1, 1);
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return { why: 'no WebGL context' };
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { renderer };
}

/**
 * WebGL on a software rasteriser (SwiftShader, llvmpipe: what a machine without a GPU gets) is
 * far slower than wasm for these small networks, so it is skipped unless asked for by name
 * (`?backend=webgl`, `asked`). WebGPU gets a software adapter only when the browser was started
 * with unsafe flags, which we take as the user's choice too.
 */
function whyNotWebgl(asked: boolean): string | null {
  const gl = webglRenderer();
  if ('why' in gl) return gl.why;
  return !asked && gl.renderer && /swiftshader|llvmpipe|softpipe|software/i.test(gl.renderer) ? `software renderer (${gl.renderer}), slower than wasm` : null;
}

async function sanityCheck(): Promise<boolean> {
  const t = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 0, 0, 1], [2, 2])));
  const v = await t.data();
  t.dispose();
  return v[0] === 1 && v[1] === 2 && v[2] === 3 && v[3] === 4;
}

/** Why `name` cannot be used here without setting it up (null: it may be), `asked`: chosen by name. */
async function whyNot(name: BackendName, lost: readonly BackendName[], asked: boolean): Promise<string | null> {
  if (lost.includes(name)) return 'its device was lost earlier in this session';
  if (!tf.findBackendFactory(name) && !loaders.has(name)) return 'not available in this host';
  if (name === 'webgpu') {
    const gpu = await webgpuAdapter();
    return 'why' in gpu ? gpu.why : null;
  }
  return name === 'webgl' ? whyNotWebgl(asked) : null;
}

/** Makes `name` tfjs' backend; null once it computes correctly, else why not. */
export async function setUpBackend(name: BackendName): Promise<string | null> {
  try {
    if (!tf.findBackendFactory(name)) await loaders.get(name)?.();
    if (!(await tf.setBackend(name))) return 'failed to initialise';
    await tf.ready();
    return (await sanityCheck()) ? null : 'a test computation read back wrong values';
  } catch (err) {
    return `failed to initialise: ${(err as Error).message}`;
  }
}

/**
 * Picks the first working backend of `order`, starting at `preferred` if given; `lost` are
 * skipped (a backend whose device was lost in this session: the next one takes over).
 */
export async function chooseBackend(order: readonly BackendName[] = BACKEND_ORDER, preferred?: BackendName, lost: readonly BackendName[] = []): Promise<BackendReport> {
  const candidates = preferred ? [preferred, ...order.filter((b) => b !== preferred)] : [...order];
  const skipped: BackendReport['skipped'] = [];
  for (const name of candidates) {
    const reason = (await whyNot(name, lost, name === preferred)) ?? (await setUpBackend(name));
    if (!reason) return { name, skipped };
    skipped.push({ name, reason });
  }
  throw new Error(`No tfjs backend works here: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`);
}

/**
 * The device behind a backend, named for the calibration cache: the WebGPU adapter (vendor,
 * architecture, device), the WebGL renderer, or for wasm and cpu the processor's core count.
 */
async function identity(name: BackendName): Promise<string> {
  if (name === 'webgpu') {
    const gpu = await webgpuAdapter();
    // adapter.info is newer than the WebGPU types tfjs brings.
    const info = 'adapter' in gpu ? (gpu.adapter as GPUAdapter & { info?: GPUAdapterInfo }).info : undefined;
    return `webgpu: ${[info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' ') || 'an adapter without info'}`;
  }
  if (name === 'webgl') {
    const gl = webglRenderer();
    return `webgl: ${'renderer' in gl ? gl.renderer : gl.why}`;
  }
  return `${name}: ${globalThis.navigator?.hardwareConcurrency ?? 'unknown'} cores`;
}

/**
 * The backends of `order` that could run here, each with its device's identity, found without
 * setting any up (calibration does that, one at a time); the others with their reasons.
 */
export async function screenBackends(order: readonly BackendName[], lost: readonly BackendName[]): Promise<{ candidates: Candidate[]; skipped: BackendReport['skipped'] }> {
  const candidates: Candidate[] = [];
  const skipped: BackendReport['skipped'] = [];
  for (const name of order) {
    const reason = await whyNot(name, lost, false);
    if (reason) skipped.push({ name, reason });
    else candidates.push({ name, identity: await identity(name) });
  }
  return { candidates, skipped };
}

/**
 * Resolves with the reason when the backend in use loses its device (WebGPU: a driver reset, the
 * GPU process gone, device.destroy()); never, for backends without one.
 */
export function deviceLost(): Promise<string> {
  const device = (tf.backend() as { device?: { lost?: Promise<{ reason?: string; message?: string }> } }).device;
  if (!device?.lost) return new Promise(() => undefined);
  return device.lost.then((info) => [info.reason, info.message].filter(Boolean).join(': ') || 'no reason given');
}
