/**
 * The browser's tfjs backends, for a worker that trains (the simulation's and each calibration's):
 * wasm with its files' URLs and the lab's faster kernels, loaded with the worker; webgpu, webgl
 * and cpu loaded only if one is set up (engine/backend.ts registerBackendLoader), each a chunk
 * of its own.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// What the @tensorflow/tfjs bundle (which Node runs) adds to tfjs-core besides packages the
// worker would load for nothing (layers, webgl, ...): the gradients and the chained ops
// (tensor.mul(...)), so that the engine computes here as it does in Node.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerBackendLoader } from '../engine/backend';
import { installFastWasmKernels } from '../engine/wasm-kernels';

registerBackendLoader('webgpu', () => import('@tensorflow/tfjs-backend-webgpu'));
registerBackendLoader('webgl', () => import('@tensorflow/tfjs-backend-webgl'));
registerBackendLoader('cpu', () => import('@tensorflow/tfjs-backend-cpu'));

// Explicit URLs: otherwise the dev server's SPA fallback answers the .wasm requests with HTML.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
installFastWasmKernels();
