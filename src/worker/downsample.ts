/**
 * Charts slow down past ~1000 points per series, so long histories are shown as bucket
 * means: point j averages iterations [j L / M, (j + 1) L / M).
 */
export const MAX_POINTS = 1000;

export function bucketMeans(values: ArrayLike<number>, maxPoints = MAX_POINTS): Float32Array {
  const n = values.length;
  if (n <= maxPoints) return Float32Array.from(values);
  const out = new Float32Array(maxPoints);
  for (let j = 0; j < maxPoints; j++) {
    const a = Math.floor((j * n) / maxPoints);
    const b = Math.floor(((j + 1) * n) / maxPoints);
    let s = 0;
    for (let i = a; i < b; i++) s += values[i];
    out[j] = s / (b - a);
  }
  return out;
}

/** The x of each bucket: its last index (so the newest point keeps its iteration number). */
export function bucketEnds(count: number, maxPoints = MAX_POINTS): Float32Array {
  if (count <= maxPoints) return Float32Array.from({ length: count }, (_, i) => i + 1);
  return Float32Array.from({ length: maxPoints }, (_, j) => Math.floor(((j + 1) * count) / maxPoints));
}
