/**
 * tfjs variables (network weights, optimiser moments, a game's strategies) to and from a saved
 * state: the one serialisation every experiment uses for its tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { encodeArray, type EncodedArray } from './arrays';
import type { StateReader } from './state';

/** Each variable's values and shape, read with `await data()` (never dataSync, see design.md). */
export async function saveVariables(variables: readonly tf.Variable[]): Promise<EncodedArray[]> {
  const values = await Promise.all(variables.map((v) => v.data()));
  return variables.map((v, i) => encodeArray(values[i] as Float32Array, v.shape));
}

/**
 * Assigns the saved values to `variables`, in order. Every entry is checked (count, dtype,
 * shape) before any is assigned, so a state that does not fit leaves the variables as they were.
 */
export function loadVariables(variables: readonly tf.Variable[], saved: StateReader): void {
  const values = saved.items(variables.length).map((r, i) => r.array('float32', variables[i].shape));
  tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(values[i], v.shape))));
}
