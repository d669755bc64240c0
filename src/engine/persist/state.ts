/**
 * A trained experiment's state as a JSON tree (numbers, flags, encoded arrays, lists and
 * records), and a reader that checks each part as it is taken out, so a file that does not fit
 * the scenario is refused with the path of the part that did not fit.
 */
import { decodeArray, encodedArraySchema, showShape, type ArrayOf, type Dtype, type EncodedArray } from './arrays';

export type StateValue = number | boolean | string | null | EncodedArray | StateValue[] | { [key: string]: StateValue };
export type StateTree = { [key: string]: StateValue };

/** A part of a saved state that does not fit: `field` is its path, e.g. state.followers.weights[0]. */
export class StateError extends Error {
  readonly problems: { field: string; message: string }[];
  constructor(readonly field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.name = 'StateError';
    this.problems = [{ field, message: this.message }];
  }
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A path as every message about a saved lab writes it: state.followers.weights[0].shape[1]. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

/** One node of a saved state and its path; every read names the path when it fails. */
export class StateReader {
  constructor(
    readonly value: unknown,
    readonly path = 'state',
  ) {}

  fail(detail: string): never {
    throw new StateError(this.path, detail);
  }

  get(key: string): StateReader {
    if (!this.keys().includes(key)) throw new StateError(`${this.path}.${key}`, 'missing from the file (saved from another kind of run?)');
    return new StateReader((this.value as Record<string, unknown>)[key], `${this.path}.${key}`);
  }

  /** The keys of a record. */
  keys(): string[] {
    if (!isRecord(this.value)) this.fail(`expected a record, got ${describe(this.value)}`);
    return Object.keys(this.value);
  }

  number(): number {
    if (typeof this.value !== 'number') this.fail(`expected a number, got ${describe(this.value)}`);
    return this.value;
  }

  /** A whole number from 0. */
  count(): number {
    const n = this.number();
    if (!Number.isInteger(n) || n < 0) this.fail(`expected a whole number from 0, got ${n}`);
    return n;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail(`expected true or false, got ${describe(this.value)}`);
    return this.value;
  }

  /** The entries of a list; with `length`, exactly that many or a failure naming both counts. */
  items(length?: number): StateReader[] {
    if (!Array.isArray(this.value)) this.fail(`expected a list, got ${describe(this.value)}`);
    if (length !== undefined && this.value.length !== length) this.fail(`${this.value.length} entries in the file, ${length} in this scenario`);
    // Array.from, not map: a list with holes (IndexedDB keeps them) reads each hole as undefined, which every read refuses.
    return Array.from(this.value, (v, i) => new StateReader(v, `${this.path}[${i}]`));
  }

  /**
   * An encoded array of this dtype; with `shape`, exactly that shape, or a failure naming the
   * file's shape and the scenario's (a network of another size, another number of agents).
   */
  array<D extends Dtype>(dtype: D, shape?: readonly number[]): ArrayOf<D> {
    const parsed = encodedArraySchema.safeParse(this.value);
    if (!parsed.success) {
      // A record that is nearly an encoded array: name its part that is wrong (dtype, shape[1]).
      const [issue] = parsed.error.issues;
      const v = this.value;
      if (isRecord(v) && ('dtype' in v || 'shape' in v || 'data' in v) && issue.path.length) throw new StateError(`${this.path}.${jsonPath(issue.path)}`, issue.message);
      this.fail(`expected an encoded array {dtype, shape, data}, got ${describe(this.value)}`);
    }
    const e = parsed.data;
    if (e.dtype !== dtype) this.fail(`${e.dtype} values in the file, ${dtype} expected`);
    if (shape && showShape(e.shape) !== showShape(shape)) this.fail(`shape ${showShape(e.shape)} in the file, ${showShape(shape)} in this scenario`);
    try {
      return decodeArray(e) as ArrayOf<D>;
    } catch (err) {
      return this.fail((err as Error).message);
    }
  }

  /** A record of encoded arrays of one dtype (what encodeArrays wrote). */
  arrays<D extends Dtype>(dtype: D): Record<string, ArrayOf<D>> {
    return Object.fromEntries(this.keys().map((k) => [k, this.get(k).array(dtype)]));
  }

  /** An encoded array of whatever dtype it says (a field whose type the reader does not know). */
  anyArray(): ArrayOf<Dtype> {
    const parsed = encodedArraySchema.safeParse(this.value);
    return this.array(parsed.success ? parsed.data.dtype : 'float64');
  }

  /** A random stream's state: four 32-bit integers. */
  rngState(): number[] {
    const words = this.items(4).map((r) => r.number());
    if (!words.every((w) => Number.isInteger(w) && w >= -(2 ** 31) && w < 2 ** 32)) this.fail('expected four 32-bit integers (a random stream)');
    return words;
  }
}

function describe(x: unknown): string {
  if (Array.isArray(x)) return `a list of ${x.length}`;
  if (isRecord(x)) return 'a record';
  const s = JSON.stringify(x) ?? String(x);
  return s.length > 30 ? `${s.slice(0, 27)}...` : s;
}
