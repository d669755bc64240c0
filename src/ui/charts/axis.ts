/**
 * A value axis with round ticks: steps of 1, 2 or 5 times a power of ten (d3-array's `nice` and
 * `ticks`), where recharts' own 'auto' domain steps by multiples of 0.05 and gives ticks such as
 * 0.065, 0.13, 0.195.
 */
import { nice, ticks } from 'd3-array';

/** How many ticks an axis aims for. */
const TICKS = 4;

/**
 * The domain and ticks for `values` (non-finite ones skipped). A bound given as a number in
 * `fixed` stays as it is; an 'auto' one moves out to the next round value. Null when no value
 * is finite or a fixed bound lies beyond every value (recharts then draws its own axis).
 */
export function niceAxis(values: Iterable<number>, fixed: [number | 'auto', number | 'auto'] = ['auto', 'auto']): { domain: [number, number]; ticks: number[] } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (typeof fixed[0] === 'number') lo = fixed[0];
  if (typeof fixed[1] === 'number') hi = fixed[1];
  // Nothing finite, or a fixed bound beyond every value: recharts' own axis.
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) return null;
  if (lo === hi) {
    // One value: an interval around it, so that it sits inside the axis with ticks beside it.
    const pad = lo === 0 ? 1 : Math.abs(lo) / 10;
    if (fixed[0] === 'auto') lo -= pad;
    if (fixed[1] === 'auto') hi += pad;
  }
  const [niceLo, niceHi] = nice(lo, hi, TICKS);
  const domain: [number, number] = [fixed[0] === 'auto' ? niceLo : lo, fixed[1] === 'auto' ? niceHi : hi];
  return { domain, ticks: ticks(domain[0], domain[1], TICKS) };
}
