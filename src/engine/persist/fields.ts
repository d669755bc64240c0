/**
 * The carried state of a plain engine object (an environment's markets, a rank order) saved by
 * walking its own fields, so an environment is saved without code of its own and a field added
 * later is saved too. The environments keep their state as typed arrays, numbers and records of
 * them; that is what is taken. Skipped: random streams and tensors (their owners save those),
 * functions and strings (fixed by the scenario). Each environment's save-load-continue test
 * (envs/trained-state.test.ts) fails if a field that matters is missed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../rng';
import { carriedOf } from './carried';
import { dtypeOf, encodeArray, isNumericArray, type NumericArray } from './arrays';
import type { StateReader, StateTree, StateValue } from './state';

const isSkipped = (x: unknown) => x instanceof Rng || x instanceof tf.Tensor || typeof x === 'function' || typeof x === 'string' || x === undefined;
const isArrayList = (x: unknown): x is NumericArray[] => Array.isArray(x) && x.every(isNumericArray);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);

/** The fields of `obj` that are saved, with their values. */
function savedEntries(obj: object): [string, unknown][] {
  return Object.entries(obj).filter(([, v]) => !isSkipped(v) && (typeof v !== 'object' || v === null || isNumericArray(v) || isArrayList(v) || isObject(v)));
}

export function captureFields(obj: object): StateTree {
  const out: StateTree = {};
  for (const [key, v] of savedEntries(obj)) {
    if (isNumericArray(v)) out[key] = encodeArray(v);
    else if (isArrayList(v)) out[key] = v.map((a) => encodeArray(a));
    else if (isObject(v)) out[key] = captureFields(v);
    else out[key] = v as StateValue;
  }
  return out;
}

/** The carried paths of `obj`: its own, and those its owner declared through it (`inherited`, already relative to `obj`). */
function carriedPaths(obj: object, inherited: readonly string[]): Set<string> {
  return new Set([...carriedOf(obj), ...inherited]);
}

/** The paths under `key`, made relative to it: "totals.steps" under "totals" is "steps". */
const below = (paths: Set<string>, key: string) => [...paths].filter((p) => p.startsWith(`${key}.`)).map((p) => p.slice(key.length + 1));

/** A value read from a file must be finite where the scenario's own is (NaN marks "not measured" in some fields). */
function finiteAsFresh(r: StateReader, fresh: number, read: number): number {
  if (Number.isFinite(fresh) && !Number.isFinite(read)) r.fail(`expected a finite number, got ${read}`);
  return read;
}

/**
 * Writes a captured state back into an object of the same kind, built from the same scenario:
 * arrays in place (other objects may hold them), each of the fresh object's length and finite
 * where the fresh one is; carried numbers and flags assigned (finite where the fresh value is);
 * everything else stays as the scenario set it. A field missing from the file, or an array of
 * another length, fails naming its path; the object may then be half restored, so callers
 * restore into a fresh experiment and discard it on failure.
 */
export function restoreFields(obj: object, saved: StateReader, inherited: readonly string[] = []): void {
  const target = obj as Record<string, unknown>;
  const paths = carriedPaths(obj, inherited);
  for (const [key, current] of savedEntries(obj)) {
    const r = saved.get(key);
    // A field that may be empty (a cache such as a sorted copy) is saved as null or as its array.
    if (current === null || (isNumericArray(current) && r.value === null)) target[key] = r.value === null ? null : finiteArray(r, r.anyArray(), false);
    else if (isNumericArray(current)) current.set(finiteArray(r, r.array(dtypeOf(current), [current.length]), current.every(Number.isFinite)));
    else if (isArrayList(current)) target[key] = r.items().map((item) => finiteArray(item, item.anyArray(), false));
    else if (isObject(current)) restoreFields(current, r, below(paths, key));
    else if (!paths.has(key)) continue;
    else if (typeof current === 'number') target[key] = finiteAsFresh(r, current, r.number());
    else if (typeof current === 'boolean') target[key] = r.boolean();
  }
}

/** `values`, refused at the first non-finite entry when `finite` (the fresh array was all finite). */
function finiteArray<A extends ArrayLike<number | bigint>>(r: StateReader, values: A, finite: boolean): A {
  if (!finite) return values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && !Number.isFinite(v)) r.fail(`entry ${i} is ${v}, where this scenario holds finite numbers`);
  }
  return values;
}
