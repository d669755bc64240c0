/**
 * Choosing the tfjs backend. Hosts register what they can (the worker: webgpu, webgl, wasm,
 * cpu; Node: wasm, cpu); this tries them in order and says why each skipped one was skipped.
 * A backend counts only once a small computation reads back correctly: on webgpu with part of
 * the SwiftShader flags setBackend succeeded but reads returned zeros.
 */
import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, type BackendName, type BackendReport } from './backend-names';


async function whyNotWebgpu(): Promise<string | null> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  if (!gpu) return 'navigator.gpu is not available';
  const adapter = await gpu.requestAdapter().catch(() => null);
  return adapter ? null : 'navigator.gpu exists but no GPU adapter was granted';
}

/**
 * WebGL on a software rasteriser (SwiftShader, llvmpipe: what a machine without a GPU gets) is
 * far slower than wasm for these small networks, so it is skipped unless asked for by name
 * (`?backend=webgl`, `asked`). WebGPU gets a software adapter only when the browser was started
 * with unsafe flags, which we take as the user's choice too.
 */
function whyNotWebgl(asked: boolean): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const canvas = new OffscreenCanvas(1, 1);
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return 'no WebGL context';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return !asked && /swiftshader|llvmpipe|softpipe|software/i.test(renderer) ? `software renderer (${renderer}), slower than wasm` : null;
}

async function sanityCheck(): Promise<boolean> {
  const t = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 0, 0, 1], [2, 2])));
  const v = await t.data();
  t.dispose();
  return v[0] === 1 && v[1] === 2 && v[2] === 3 && v[3] === 4;
}

/**
 * Picks the first working backend of `order`, starting at `preferred` if given; `lost` are
 * skipped (a backend whose device was lost in this session: the next one takes over).
 */
export async function chooseBackend(order: readonly BackendName[] = BACKEND_ORDER, preferred?: BackendName, lost: readonly BackendName[] = []): Promise<BackendReport> {
  const candidates = preferred ? [preferred, ...order.filter((b) => b !== preferred)] : [...order];
  const skipped: BackendReport['skipped'] = [];
  for (const name of candidates) {
    if (lost.includes(name)) {
      skipped.push({ name, reason: 'its device was lost earlier in this session' });
      continue;
    }
    if (!tf.findBackendFactory(name)) {
      skipped.push({ name, reason: 'not available in this host' });
      continue;
    }
    if (name === 'webgpu' || name === 'webgl') {
      const why = name === 'webgpu' ? await whyNotWebgpu() : whyNotWebgl(name === preferred);
      if (why) {
        skipped.push({ name, reason: why });
        continue;
      }
    }
    try {
      if (!(await tf.setBackend(name))) {
        skipped.push({ name, reason: 'failed to initialise' });
        continue;
      }
      await tf.ready();
      if (await sanityCheck()) return { name, skipped };
      skipped.push({ name, reason: 'a test computation read back wrong values' });
    } catch (err) {
      skipped.push({ name, reason: `failed to initialise: ${(err as Error).message}` });
    }
  }
  throw new Error(`No tfjs backend works here: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`);
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
