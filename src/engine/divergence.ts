/**
 * Divergence: a NaN or an infinity in what an iteration computed (the leader's theta, the
 * followers' rewards, a loss, a network's parameters). Once one appears it spreads through every
 * later update, so the iteration stops there and says where; the worker then goes back to its
 * last good checkpoint (worker/session.ts). NaN used on purpose for "not measured" (a figure of an
 * iteration without an update) is never passed here.
 */
export class DivergenceError extends Error {
  override name = 'DivergenceError';
  constructor(
    /** The iteration (1-based) in which it appeared. */
    readonly iteration: number,
    /** Each quantity that is not finite, e.g. "the followers' value loss is NaN". */
    readonly problems: string[],
  ) {
    super(`training diverged in iteration ${iteration}: ${problems.join('; ')}`);
  }
}

/** What is wrong with a value that is not finite, as a word. */
function describe(x: number): string {
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

/** "the followers' rewards hold NaN (at 3 of 640 entries, first index 17)", or null when all are finite. */
export function nonFinite(where: string, values: ArrayLike<number>): string | null {
  let count = 0;
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (first < 0) return null;
  if (values.length === 1) return `${where} is ${describe(values[0])}`;
  return `${where} hold ${describe(values[first])} (at ${count} of ${values.length} entries, first index ${first})`;
}

/**
 * Throws a DivergenceError for `iteration` naming every entry of `checks` that holds a value that
 * is not finite; does nothing when all are.
 */
export function assertFinite(iteration: number, checks: Record<string, ArrayLike<number> | number>): void {
  const problems: string[] = [];
  for (const [where, v] of Object.entries(checks)) {
    const p = nonFinite(where, typeof v === 'number' ? [v] : v);
    if (p) problems.push(p);
  }
  if (problems.length) throw new DivergenceError(iteration, problems);
}

/**
 * Each parameter tensor's sum (`sums[k]` for `shapes[k]`; a sum is finite only if every entry is,
 * or nearly so: an overflowing sum is a divergence as well), keyed for assertFinite as
 * "<owner>' parameters (tensor k of n, shape [...])".
 */
export function namedParameterSums(owner: string, shapes: readonly (readonly number[])[], sums: ArrayLike<number>): Record<string, number> {
  return Object.fromEntries(shapes.map((shape, k) => [`${owner} parameters (tensor ${k + 1} of ${shapes.length}, shape [${shape.join(', ')}])`, sums[k]]));
}
