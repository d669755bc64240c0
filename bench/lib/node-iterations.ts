/**
 * Figure 9's Node host: the engine as the CLI runs it, on wasm and cpu, and on webgpu through
 * Dawn (dawn.ts). Each row runs in a process of its own (iteration-child.ts), ended at the
 * row's budget. Dawn is tried first as it is (a GPU's Vulkan driver), then on SwiftShader's.
 * The bench runs it from the sources with tsx; the GPU machine's kit (bench/gpu-machine/), from
 * one bundle with Dawn carried beside it (NodeSetup).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BackendName } from '../../src/engine/backend-names';
import { installDawn, swiftshaderEnv, SWIFTSHADER } from './dawn';
import type { ChildRequest } from './iteration-child';
import type { IterationProgress, Outcome, RowHost } from './iterations';

const CHILD = fileURLToPath(new URL('./iteration-child.ts', import.meta.url));
const NODE_BACKENDS: BackendName[] = ['webgpu', 'wasm', 'cpu'];

type ChildMessage = { progress?: IterationProgress; error?: string; adapter?: Record<string, string> | null };

/** How rows' processes start and where Dawn comes from. */
export interface NodeSetup {
  /** Node's arguments before the request: what runs iteration-child.ts. */
  child: string[];
  /** Dawn's package folder or dawn.node (dawn.ts useDawn), or why there is none. */
  dawn(): Promise<{ dir: string } | { why: string }>;
  /** Where `dawn` came from, as the figure's note says it. */
  origin: string;
}

/** The bench's: the sources through tsx, Dawn installed into the bench's cache on first use. */
const BENCH_SETUP: NodeSetup = { child: ['--import', 'tsx', CHILD], dawn: installDawn, origin: 'npm webgpu, installed by the bench into' };

/** Runs a child until it exits or `deadline` (ms since the epoch) passes; its messages, and why it failed if it did. */
function runChild(setup: NodeSetup, request: ChildRequest, env: NodeJS.ProcessEnv, deadline: number): Promise<{ messages: ChildMessage[]; problem: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...setup.child, JSON.stringify(request)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const messages: ChildMessage[] = [];
    let pending = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line.startsWith('{')) messages.push(JSON.parse(line) as ChildMessage);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk).slice(-2000)));
    let stopped = false;
    const timer = setTimeout(() => {
      stopped = true;
      child.kill('SIGKILL');
    }, Math.max(0, deadline - Date.now()));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const error = messages.find((m) => m.error)?.error;
      const last = stderr.trim().split('\n').pop();
      const problem = error ? `failed: ${error}` : stopped || code === 0 ? null : `failed: the process ended with ${code ?? signal}${last ? ` (${last})` : ''}`;
      resolve({ messages, problem });
    });
  });
}

/** The adapter Dawn finds in `env`, or null. */
async function adapterIn(setup: NodeSetup, dawn: string, env: NodeJS.ProcessEnv): Promise<Record<string, string> | null> {
  const { messages } = await runChild(setup, { adapter: true, dawn }, env, Date.now() + 60_000);
  return messages.find((m) => m.adapter !== undefined)?.adapter ?? null;
}

/** How this machine runs webgpu in Node: the package's folder and the environment with an adapter, or why it cannot. */
async function dawnSetup(setup: NodeSetup): Promise<{ dawn: string; env: NodeJS.ProcessEnv; note: string } | { why: string }> {
  const installed = await setup.dawn();
  if ('why' in installed) return installed;
  const dawn = installed.dir;
  const describe = (a: Record<string, string>) => Object.values(a).filter(Boolean).join(' ');
  const own = await adapterIn(setup, dawn, process.env);
  if (own) return { dawn, env: process.env, note: `Node webgpu: Dawn (${setup.origin} ${dawn}) on the adapter "${describe(own)}".` };
  const env = swiftshaderEnv(process.env);
  const soft = env && (await adapterIn(setup, dawn, env));
  if (env && soft) {
    return {
      dawn,
      env,
      note: `Node webgpu: Dawn (${setup.origin} ${dawn}) found no GPU adapter, so it ran on SwiftShader, the Vulkan driver on the CPU that Debian's Chromium ships (LD_LIBRARY_PATH=${SWIFTSHADER.dir}, VK_ICD_FILENAMES=${SWIFTSHADER.icd}): "${describe(soft)}". Counts are a GPU's; times are not.`,
    };
  }
  return { why: `unavailable: Dawn found no GPU adapter${env ? ', nor SwiftShader' : ` (and ${SWIFTSHADER.icd} is not here for SwiftShader)`}` };
}

export async function nodeHost(wanted: BackendName[], setup: NodeSetup = BENCH_SETUP): Promise<RowHost> {
  const backends = NODE_BACKENDS.filter((b) => wanted.includes(b));
  const webgpu = backends.includes('webgpu') ? await dawnSetup(setup) : null;
  return {
    backends,
    notes: webgpu && 'note' in webgpu ? [webgpu.note] : [],
    async measure(r, budgetS): Promise<Outcome> {
      let request: ChildRequest = { row: { ...r, deadline: Date.now() + budgetS * 1000 } };
      let env = process.env;
      if (r.backend === 'webgpu' && webgpu) {
        if ('why' in webgpu) return { progress: null, problem: webgpu.why };
        request = { ...request, dawn: webgpu.dawn };
        env = webgpu.env;
      }
      const { messages, problem } = await runChild(setup, request, env, request.row.deadline);
      return { progress: messages.filter((m) => m.progress).pop()?.progress ?? null, problem };
    },
  };
}
