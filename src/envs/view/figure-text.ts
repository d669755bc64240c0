/** Figures in words: the headline values, the commentary, the presets and the baseline's line say numbers alike. */

/** Below this a reference figure is treated as 0: no relative change is given. */
const TINY = 1e-9;

/** A figure to its digits; one not measured (NaN: no baselines to compare with) as a dash. */
export const shown = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** The relative change of a against b as " (+20%)", with a true minus sign; empty where b is 0 or not measured. */
export function percentChange(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(b) < TINY) return '';
  const p = Math.round(((a - b) / Math.abs(b)) * 100);
  return ` (${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(p)}%)`;
}

/** A figure in a preset's sentence about our run: to 2 digits unless said. */
export const fig = (x: number, digits = 2) => shown(x, digits);
