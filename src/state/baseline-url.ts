/**
 * "Compare with baseline" in the page address: `?baseline=1` in the query, beside other query
 * parameters (`?backend=`), since the scenario owns the fragment. A shared link keeps it.
 */
const PARAM = 'baseline';

/** Whether the address asks for the baseline comparison. */
export function baselineWanted(search: string): boolean {
  return new URLSearchParams(search).get(PARAM) === '1';
}

/** The query with the comparison set or removed, every other parameter kept ('' when none is left). */
export function withBaselineParam(search: string, on: boolean): string {
  const params = new URLSearchParams(search);
  if (on) params.set(PARAM, '1');
  else params.delete(PARAM);
  const query = params.toString();
  return query ? `?${query}` : '';
}
