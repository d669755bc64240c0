/** The Node host as the CLI runs it: the engine on tfjs-wasm, the backend chosen once per process. */
import { useNodeBackend } from '../../src/engine/node-backend';

let chosen: Promise<string> | undefined;

export function nodeBackend(): Promise<string> {
  chosen ??= useNodeBackend().then((r) => r.name);
  return chosen;
}
