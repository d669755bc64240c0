/**
 * Figure 9 (issue 19): what one training iteration costs on each backend, at sizes from the
 * standard configuration to 10000 traders: ms per iteration, agent-steps per second, and per
 * iteration the tfjs kernels, the GPU dispatches and the readbacks (bench/lib/counters.ts). It
 * times `trainerOf(scenario, grouping).iterate()`, the trainer the lab builds, so whatever path
 * the engine takes on a backend is what is measured. Hosts: Node (wasm and cpu as the CLI has
 * them, webgpu through Dawn) and Chromium (a bench page's worker: webgpu, webgl, wasm, cpu).
 * Every row has a time budget; a row that cannot run, or not in full, says why.
 */
import { chromiumHost } from './lib/chromium-iterations';
import { BASE, measureCases } from './lib/iteration-cases';
import { DEFAULT_ITERATION_OPTIONS, sizeLabel } from './lib/iteration-options';
import type { RowHost } from './lib/iterations';
import type { LabFactory } from './lib/lab';
import { nodeHost } from './lib/node-iterations';
import type { BenchOptions, Figure, Row } from './lib/output';

export async function iterationCost(lab: LabFactory, options: BenchOptions): Promise<Omit<Figure, 'machine'>> {
  const o = options.iterations ?? DEFAULT_ITERATION_OPTIONS;
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const name of o.hosts) {
    const host: RowHost = name === 'node' ? await nodeHost(o.backends) : await chromiumHost(lab, o.backends);
    notes.push(...host.notes);
    rows.push(...(await measureCases(name, host, o)));
  }
  return {
    figure: 9,
    name: 'iteration_cost',
    title: 'Cost of a training iteration per backend and size: time, tfjs kernels, GPU dispatches, readbacks',
    config: { ...BASE, sizes: o.sizes.map(sizeLabel).join(' '), hidden: o.hidden, rows: o.rows.join(' '), budgetS: o.budgetS },
    rows,
    notes: [
      '`trainerOf(scenario, grouping).iterate()`, the trainer the lab builds, on the backend named. One warm-up iteration (backend start, shader compilation, first allocations) is left out; then iterations are timed until there are at least 3 over at least 5 s, or as many as the row\'s budget (warm-up and start included) allows. countsFrom: the timed iterations, or the warm-up iteration where none was timed; the warm-up calls as many kernels and readbacks, but on webgpu a few percent fewer dispatches (some of its small tensors are still on the CPU, where tfjs-webgpu runs their kernels: 5,722 against 5,834 at 20x1x16, hidden 16, on SwiftShader).',
      'kernels: calls of tfjs\'s engine runKernel (ops and gradient ops); dispatches: GPU programs run (webgpu runWebGPUProgram, webgl runWebGLProgram), none on wasm and cpu; readbacks: webgpu getBufferData (a GPU buffer mapped and copied), elsewhere the engine\'s read and readSync (tensor.data(), dataSync()). All per iteration.',
      "rows: distinct, the lab's default (each distinct observation row through the networks once); every, every agent-step's row, as the PyTorch reference does.",
      'Node: each row in a process of its own, ended at its budget. Chromium: a bench page (bench/iteration-page/, built with the lab\'s Vite config) trains in a dedicated worker as the lab does; each row in a fresh page, closed at its budget.',
      ...notes,
    ],
  };
}
