/**
 * The Node host's backends: tfjs-node cannot be installed here (it downloads a binary), so
 * Node runs the wasm backend, with cpu as the fallback.
 */
import '@tensorflow/tfjs-backend-wasm';
import { chooseBackend, type BackendReport } from './backend';

export function useNodeBackend(): Promise<BackendReport> {
  return chooseBackend(['wasm', 'cpu']);
}
