/**
 * The Node host's backends: tfjs-node cannot be installed here (it downloads a binary), so
 * Node runs the wasm backend, with cpu as the fallback.
 */
// The @tensorflow/tfjs bundle for its gradients and cpu backend: tfjs-core's own gradients
// module is ES modules that only a bundler resolves (the worker's, register-backends.ts).
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { chooseBackend } from './backend';
import type { BackendReport } from './backend-names';
import { installFastWasmKernels } from './wasm-kernels';

export function useNodeBackend(): Promise<BackendReport> {
  installFastWasmKernels();
  return chooseBackend(['wasm', 'cpu']);
}
