import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { poolOfCores, standaloneThreadedFactory } from './tfjs-wasm-threads';

const require = createRequire(import.meta.url);
const original = readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js'), 'utf8');

/** The factory the file exports, its source as tfjs hands it to each thread (`toString()`). */
function factorySource(code: string): string {
  const module = { exports: {} as unknown };
  runInNewContext(code, { module, exports: module.exports });
  return (module.exports as () => unknown).toString();
}

/** Whether the factory's own source declares `_scriptDir` (its first statement), so a thread loading that source alone has it. */
const declaresScriptDir = (source: string) => /^function\(WasmBackendModuleThreadedSimd\) \{\s*var _scriptDir = /.test(source);

it("the installed tfjs-wasm factory reads _scriptDir from outside itself, so a thread started from its source alone fails", () => {
  expect(declaresScriptDir(factorySource(original))).toBe(false);
  expect(factorySource(original)).toMatch(/_scriptDir/);
});

it('made standalone, the factory declares _scriptDir itself and is otherwise the same code', () => {
  const patched = standaloneThreadedFactory(original);
  expect(declaresScriptDir(factorySource(patched))).toBe(true);
  expect(patched.replace(/\s+/g, '').length).toBeLessThan(original.replace(/\s+/g, '').length);
  // Only the prologue moved: the factory's body after its first statement is unchanged.
  const body = (s: string) => s.slice(s.indexOf('function GROWABLE_HEAP_I8'));
  expect(body(patched)).toBe(body(original));
});

it('refuses a file it was not written for', () => {
  expect(() => standaloneThreadedFactory('var WasmBackendModuleThreadedSimd = function() {};')).toThrow(/prologue changed/);
});

it("sizes the thread pool to the machine's cores, at most the build's 8, and changes nothing else", () => {
  expect(original).toMatch(/var pthreadPoolSize=8;while\(pthreadPoolSize--\)\{PThread\.allocateUnusedWorker\(\)\}/);
  const patched = poolOfCores(original);
  const size = patched.match(/var pthreadPoolSize=(.*?);while\(pthreadPoolSize--\)/)![1];
  const poolWith = (navigator: unknown) => runInNewContext(size, navigator === undefined ? {} : { navigator });
  expect([poolWith({ hardwareConcurrency: 2 }), poolWith({ hardwareConcurrency: 4 }), poolWith({ hardwareConcurrency: 16 }), poolWith({}), poolWith(undefined)]).toEqual([2, 4, 8, 8, 8]);
  expect(patched.replace(size, '8')).toBe(original);
  expect(() => poolOfCores('var pthreadPoolSize=4;')).toThrow(/thread pool's size changed/);
});
