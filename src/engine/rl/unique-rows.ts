/**
 * Finding identical rows. Many followers share an observation (in the entrance game every
 * trader of a market sees the same D_(t-1), mean D and tau, and differs only in its own last
 * action), and a network's output depends on its input row alone, so the rollout evaluates each
 * distinct row once and PPO's loss, a sum over rows, can be summed per distinct row first.
 * Rows are compared by their bits, so "identical" is exact.
 */

export interface UniqueRows {
  /** For each row, the index of its distinct row. */
  groupOf: Int32Array;
  /** For each distinct row, the first row that had it (in order of first appearance). */
  firstRow: Int32Array;
}

/** FNV-1a over the row's 32-bit words. */
function hashRow(bits: Uint32Array, start: number, width: number): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < width; j++) {
    h ^= bits[start + j];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Groups the rows of a row-major [rows x width] matrix; open addressing over the row hashes. */
export function uniqueRows(data: Float32Array, width: number): UniqueRows {
  const rows = data.length / width;
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
  let capacity = 16;
  while (capacity < 2 * rows) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1); // distinct-row index, or -1
  const groupOf = new Int32Array(rows);
  const first: number[] = [];
  for (let r = 0; r < rows; r++) {
    const start = r * width;
    let slot = hashRow(bits, start, width) & mask;
    for (;;) {
      const g = slots[slot];
      if (g < 0) {
        slots[slot] = first.length;
        groupOf[r] = first.length;
        first.push(r);
        break;
      }
      const other = first[g] * width;
      let same = true;
      for (let j = 0; j < width && same; j++) same = bits[start + j] === bits[other + j];
      if (same) {
        groupOf[r] = g;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { groupOf, firstRow: Int32Array.from(first) };
}

/**
 * How rows are grouped before a network sees them: 'identical' merges rows with the same bits;
 * 'none' keeps every row alone, which is the textbook per-row computation (the PyTorch
 * reference's work), kept for the benchmark's like-for-like figure and the equivalence test.
 */
export type RowGrouping = 'identical' | 'none';

export function groupRows(data: Float32Array, width: number, grouping: RowGrouping): UniqueRows {
  if (grouping === 'identical') return uniqueRows(data, width);
  const each = Int32Array.from({ length: data.length / width }, (_, i) => i);
  return { groupOf: each, firstRow: each };
}

/** The distinct rows themselves, [distinct x width]. */
export function gatherRows(data: Float32Array, width: number, rowIndices: Int32Array): Float32Array {
  const out = new Float32Array(rowIndices.length * width);
  for (let g = 0; g < rowIndices.length; g++) out.set(data.subarray(rowIndices[g] * width, (rowIndices[g] + 1) * width), g * width);
  return out;
}
