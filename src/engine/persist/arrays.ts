/**
 * Typed arrays as JSON: base64 of their little-endian bytes, with the element type and shape,
 * so a trained network or a market's state survives a file and comes back bit for bit.
 */
import { z } from 'zod';

export const DTYPES = ['float32', 'float64', 'int32', 'uint32'] as const;
export type Dtype = (typeof DTYPES)[number];
export type NumericArray = Float32Array | Float64Array | Int32Array | Uint32Array;
export type ArrayOf<D extends Dtype> = { float32: Float32Array; float64: Float64Array; int32: Int32Array; uint32: Uint32Array }[D];

export const encodedArraySchema = z.object({
  dtype: z.enum(DTYPES),
  shape: z.array(z.number().int().min(0)),
  /** Base64 of the elements' little-endian bytes. */
  data: z.string(),
});
export type EncodedArray = z.infer<typeof encodedArraySchema>;

const BYTES: Record<Dtype, number> = { float32: 4, float64: 8, int32: 4, uint32: 4 };

export function dtypeOf(a: NumericArray): Dtype {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  return 'uint32';
}

function allocate(dtype: Dtype, length: number): NumericArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'uint32':
      return new Uint32Array(length);
  }
}

/** Writes or reads one element through a DataView, little-endian whatever the platform's order. */
const ACCESS: Record<Dtype, { get(v: DataView, at: number): number; set(v: DataView, at: number, x: number): void }> = {
  float32: { get: (v, at) => v.getFloat32(at, true), set: (v, at, x) => v.setFloat32(at, x, true) },
  float64: { get: (v, at) => v.getFloat64(at, true), set: (v, at, x) => v.setFloat64(at, x, true) },
  int32: { get: (v, at) => v.getInt32(at, true), set: (v, at, x) => v.setInt32(at, x, true) },
  uint32: { get: (v, at) => v.getUint32(at, true), set: (v, at, x) => v.setUint32(at, x, true) },
};

export function isNumericArray(x: unknown): x is NumericArray {
  return x instanceof Float32Array || x instanceof Float64Array || x instanceof Int32Array || x instanceof Uint32Array;
}

export function isEncodedArray(x: unknown): x is EncodedArray {
  return encodedArraySchema.safeParse(x).success;
}

export function encodeArray(a: NumericArray, shape: readonly number[] = [a.length]): EncodedArray {
  const dtype = dtypeOf(a);
  const size = BYTES[dtype];
  const bytes = new Uint8Array(a.length * size);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) ACCESS[dtype].set(view, i * size, a[i]);
  // In chunks: String.fromCharCode with a whole network's bytes as arguments overflows the stack.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { dtype, shape: [...shape], data: btoa(binary) };
}

/** A record of arrays (an iteration's snapshots), each encoded. */
export function encodeArrays(arrays: Record<string, NumericArray>): Record<string, EncodedArray> {
  return Object.fromEntries(Object.entries(arrays).map(([k, v]) => [k, encodeArray(v)]));
}

/** The array an encoding holds; throws with the reason where its bytes do not fit its dtype and shape. */
export function decodeArray(e: EncodedArray): NumericArray {
  const length = e.shape.reduce((a, b) => a * b, 1);
  let binary: string;
  try {
    binary = atob(e.data);
  } catch {
    throw new Error('its data is not base64');
  }
  const size = BYTES[e.dtype];
  if (binary.length !== length * size) {
    throw new Error(`its data holds ${binary.length} bytes, but ${length} ${e.dtype} values (shape ${showShape(e.shape)}) need ${length * size}`);
  }
  const view = new DataView(Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer);
  const out = allocate(e.dtype, length);
  for (let i = 0; i < length; i++) out[i] = ACCESS[e.dtype].get(view, i * size);
  return out;
}

/** "4x8", or "[]" for a scalar. */
export function showShape(shape: readonly number[]): string {
  return shape.length ? shape.join('x') : '[]';
}
