/**
 * A Vite plugin for the worker bundle. tfjs-wasm starts each thread of its threaded build from
 * a Blob holding its module factory's source (`factory.toString()`), but that factory reads
 * `_scriptDir` from the closure around it, which the minified bundle renames and the Blob does
 * not hold: every thread failed ("e is not defined") and the wasm backend never finished
 * initialising. Declared inside the factory, its source stands alone. The build fails if
 * tfjs-wasm changes the file, rather than hang a browser.
 */
import type { Plugin } from 'vite';

/** The file, as its path ends. */
export const THREADED_FACTORY = '/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';

/** The closure's prologue (the Node-only `__filename` fallback is dropped), then the factory's first line. */
const PROLOGUE =
  /var _scriptDir = (typeof document !== 'undefined' && document\.currentScript \? document\.currentScript\.src : undefined);\n\s*if \(typeof __filename !== 'undefined'\) _scriptDir = _scriptDir \|\| __filename;\n(\s*return \(\nfunction\(WasmBackendModuleThreadedSimd\) \{\n)/;

/** The factory's source with `_scriptDir` declared inside it; throws if the file is not the one this was written for. */
export function standaloneThreadedFactory(code: string, id = THREADED_FACTORY): string {
  if (!PROLOGUE.test(code)) throw new Error(`${id}: its _scriptDir prologue changed; see src/build/tfjs-wasm-threads.ts`);
  return code.replace(PROLOGUE, '$2  var _scriptDir = $1;\n');
}

/** The thread pool tfjs-wasm's build starts with, whatever the machine. */
const POOL = /var pthreadPoolSize=8;/;

/**
 * The pool sized to the machine's cores, at most the build's 8: XNNPACK runs one thread per core
 * (tfjs-wasm's default), so on a 2-core machine six of the eight threads, each a worker that
 * loads the module, were never used, and every start of the backend paid for them. Throws if
 * the file is not the one this was written for.
 */
export function poolOfCores(code: string, id = THREADED_FACTORY): string {
  if (!POOL.test(code)) throw new Error(`${id}: its thread pool's size changed; see src/build/tfjs-wasm-threads.ts`);
  return code.replace(POOL, "var pthreadPoolSize=Math.min(8,typeof navigator!=='undefined'&&navigator.hardwareConcurrency||8);");
}

export function tfjsWasmThreadsStandalone(): Plugin {
  return {
    name: 'adage-tfjs-wasm-threads-standalone',
    transform(code, id) {
      return id.endsWith(THREADED_FACTORY) ? { code: poolOfCores(standaloneThreadedFactory(code, id), id), map: null } : null;
    },
  };
}
