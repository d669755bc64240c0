/**
 * The Node host's backends: tfjs-node cannot be installed here (it downloads a binary), so
 * Node runs the wasm backend, with cpu as the fallback.
 */
import '@tensorflow/tfjs-backend-wasm';
import { chooseBackend } from './backend';
import type { BackendReport } from './backend-names';
import { installFastWasmKernels } from './wasm-kernels';

export function useNodeBackend(): Promise<BackendReport> {
  installFastWasmKernels();
  return chooseBackend(['wasm', 'cpu']);
}
