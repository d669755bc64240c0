/**
 * One row of figure 9 in a Node process of its own, started by node-iterations.ts: a row that
 * runs past its budget is stopped by ending the process, and each row starts with a fresh
 * wasm heap (which never shrinks) and a fresh GPU device. Writes one JSON line per message
 * (iterations.ts RowMessage) to stdout.
 *
 *   node --import tsx bench/lib/iteration-child.ts '{"row": RowRequest, "dawn": dir?}'
 *   node --import tsx bench/lib/iteration-child.ts '{"adapter": true, "dawn": dir}'   the GPU adapter Dawn finds, or null
 *
 * `dawn`: where Dawn is (dawn.ts useDawn). The GPU machine's kit (bench/gpu-machine/) runs this
 * module from its bundle, started the same way with the bundle in place of tsx and this file.
 */
import '../../src/engine/node-backend';
import { installFastWasmKernels } from '../../src/engine/wasm-kernels';
import { useDawn } from './dawn';
import { measureRow, type RowRequest } from './iterations';

export type ChildRequest = { row: RowRequest; dawn?: string } | { adapter: true; dawn: string };

const request = JSON.parse(process.argv[2]) as ChildRequest;
const send = (message: object) => console.log(JSON.stringify(message));

if (request.dawn) {
  useDawn(request.dawn);
  await import('@tensorflow/tfjs-backend-webgpu');
}
if ('adapter' in request) {
  type Info = Record<'vendor' | 'architecture' | 'device' | 'description', string>;
  const gpu = (navigator as unknown as { gpu: { requestAdapter(): Promise<{ info: Info } | null> } }).gpu;
  const info = (await gpu.requestAdapter())?.info;
  send({ adapter: info ? { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description } : null });
} else {
  // As the CLI runs wasm (src/engine/node-backend.ts).
  installFastWasmKernels();
  await measureRow(request.row, send);
}
// Dawn's device keeps the event loop alive.
process.exit(0);
