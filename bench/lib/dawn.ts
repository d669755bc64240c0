/**
 * WebGPU in Node: Dawn, the WebGPU implementation inside Chrome, through the npm package
 * `webgpu`. It is no dependency of the lab (132 MB, every platform's binary): the bench installs
 * it on first use into a cache of its own, outside the project, with npm's ordinary client.
 * tfjs's webgpu backend registers only if `navigator.gpu` exists when it is imported, so a
 * process sets Dawn up (useDawn) before it imports the backend.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** The version measured on the H200 and here (../shared/gpu-bench/README.md). */
const PACKAGE = 'webgpu@0.6.2';
const CACHE = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'adage-lab', 'bench-webgpu');

/**
 * SwiftShader's Vulkan driver as Debian's Chromium ships it: Dawn finds no adapter on a machine
 * without a GPU, but on this one it runs on the CPU (slowly) and counts what a GPU would do.
 */
export const SWIFTSHADER = { dir: '/usr/lib/chromium', icd: '/usr/lib/chromium/vk_swiftshader_icd.json' };

/** The environment in which Dawn loads SwiftShader's Vulkan (read once at process start: a child needs it). */
export function swiftshaderEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv | null {
  if (!existsSync(SWIFTSHADER.icd)) return null;
  return { ...env, LD_LIBRARY_PATH: [SWIFTSHADER.dir, env.LD_LIBRARY_PATH].filter(Boolean).join(':'), VK_ICD_FILENAMES: SWIFTSHADER.icd };
}

const installed = () => {
  const manifest = path.join(CACHE, 'node_modules', 'webgpu', 'package.json');
  return existsSync(manifest) && `webgpu@${JSON.parse(readFileSync(manifest, 'utf8')).version}` === PACKAGE;
};

/** The folder the package is installed in (installing it if it is not), or why it cannot be. */
export async function installDawn(): Promise<{ dir: string } | { why: string }> {
  if (!installed()) {
    console.error(`[bench] installing ${PACKAGE} into ${CACHE} (once; not a dependency of the lab) ...`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const failed = await new Promise<string | null>((resolve) =>
      execFile(npm, ['install', '--prefix', CACHE, '--no-audit', '--no-fund', '--loglevel=error', PACKAGE], { timeout: 600_000 }, (err, _out, stderr) =>
        resolve(err ? (stderr.trim().split('\n').pop() ?? err.message) : null),
      ),
    );
    if (failed || !installed()) return { why: `npm install ${PACKAGE} into ${CACHE} failed: ${failed ?? 'not there afterwards'}` };
  }
  return { dir: CACHE };
}

/**
 * Makes Dawn this process's navigator.gpu, as a browser's would be (before tfjs's webgpu backend
 * is imported). `dawn`: the folder the package is installed in, or its `dawn.node` alone, as the
 * GPU machine's kit carries it (bench/gpu-machine/: no npm there).
 */
export function useDawn(dawn: string): void {
  const load = dawn.endsWith('.node') ? createRequire(import.meta.url)(dawn) : createRequire(path.join(dawn, 'package.json'))('webgpu');
  const { globals, create } = load as { globals: object; create(options: string[]): unknown };
  Object.assign(globalThis, globals);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true, writable: true });
}
