/**
 * The browser's tfjs backends, registered by importing this module in a worker (the lab's, and
 * the bench page's that times them): webgpu; webgl and cpu come with tfjs itself; wasm with its
 * files' URLs, and the lab's faster wasm kernels.
 */
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { installFastWasmKernels } from '../engine/wasm-kernels';

// Explicit URLs: otherwise the dev server's SPA fallback answers the .wasm requests with HTML.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
installFastWasmKernels();
