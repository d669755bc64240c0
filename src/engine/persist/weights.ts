/**
 * tfjs variables (network weights, optimiser moments, a game's strategies) to and from a saved
 * state: the one serialisation every experiment uses for its tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { encodeArray, type EncodedArray } from './arrays';
import type { StateReader } from './state';

/** Each variable's values and shape, read with `await data()` (never dataSync, see design.md). */
export async function saveVariables(variables: readonly tf.Variable[]): Promise<EncodedArray[]> {
  const values = await Promise.all(variables.map((v) => v.data()));
  return variables.map((v, i) => encodeArray(values[i] as Float32Array, v.shape));
}

/**
 * Assigns the saved values to `variables`, in order. Every entry is checked (count, dtype, shape,
 * and finite values: a NaN or infinite weight or moment is a run that diverged, and would only
 * train on as NaN) before any is assigned, so a state that does not fit leaves the variables as
 * they were. Every experiment's networks, optimiser moments and game strategies load here, so
 * this is the one place that check is made.
 */
export function loadVariables(variables: readonly tf.Variable[], saved: StateReader): void {
  const values = saved.items(variables.length).map((r, i) => {
    const a = r.array('float32', variables[i].shape);
    const bad = a.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) r.fail(`${a[bad]} at index ${bad} of its ${a.length} values; a trained weight must be a finite number (had the run it was saved from diverged?)`);
    return a;
  });
  tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(values[i], v.shape))));
}
