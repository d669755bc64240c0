/**
 * The carried state of a plain engine object (an environment's markets, a rank order) saved by
 * walking its own fields, so an environment is saved without code of its own and a field added
 * later is saved too. The environments keep their state as typed arrays, numbers and records of
 * them; that is what is taken. Skipped: random streams and tensors (their owners save those),
 * functions and strings (fixed by the scenario). Each environment's save-load-continue test
 * (envs/trained-state.test.ts) fails if a field that matters is missed.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../rng';
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

/**
 * Writes a captured state back into an object of the same kind: arrays in place (other objects
 * may hold them), numbers and flags assigned. A field missing from the file, or an array of
 * another length, fails naming its path; the object may then be half restored, so callers
 * restore into a fresh experiment and discard it on failure.
 */
export function restoreFields(obj: object, saved: StateReader): void {
  const target = obj as Record<string, unknown>;
  for (const [key, current] of savedEntries(obj)) {
    const r = saved.get(key);
    // A field that may be empty (a cache such as a sorted copy) is saved as null or as its array.
    if (current === null || (isNumericArray(current) && r.value === null)) target[key] = r.value === null ? null : r.anyArray();
    else if (isNumericArray(current)) current.set(r.array(dtypeOf(current), [current.length]));
    else if (isArrayList(current)) target[key] = r.items().map((item) => item.anyArray());
    else if (isObject(current)) restoreFields(current, r);
    else if (typeof current === 'number') target[key] = r.number();
    else if (typeof current === 'boolean') target[key] = r.boolean();
  }
}
