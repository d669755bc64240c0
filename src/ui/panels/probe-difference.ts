/**
 * The probe's figures in one sentence each: the adaptive followers against the fixed rule, as the
 * paired difference over the probe's episodes in percent of the fixed rule's mean, with its 95%
 * interval, and whether that difference is larger than its interval (meaningful) or not. Pure,
 * so tested without a browser.
 */
import { mean, meanInterval } from '../../engine/metrics';
import type { HeadlineSpec } from '../../envs/view/types';
import { shown } from '../../envs/view/figure-text';

/** A signed whole percentage with a true minus sign. */
const percent = (p: number) => `${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(Math.round(p))}%`;

export function probeSentence(spec: HeadlineSpec, adaptive: readonly number[], fixedRule: readonly number[]): string {
  const a = mean(adaptive);
  const f = mean(fixedRule);
  const head = `${spec.label}: ${shown(a, spec.digits)} adaptive against ${shown(f, spec.digits)} for the fixed rule`;
  if (!Number.isFinite(a) || !Number.isFinite(f)) return `${head}.`;
  const d = meanInterval(adaptive.map((x, k) => x - fixedRule[k]));
  // A deterministic probe (one pair): the difference is exact.
  if (d.n < 2) return `${head}, a difference of ${shown(d.mean, spec.digits)}: the probe has no draws here, so that difference is exact.`;
  const scale = Math.abs(f) > 1e-12 ? 100 / Math.abs(f) : NaN;
  const size = Number.isFinite(scale)
    ? `${percent(d.mean * scale)} (95% interval ${percent((d.mean - d.half) * scale)} to ${percent((d.mean + d.half) * scale)})`
    : `${shown(d.mean, spec.digits)} ± ${shown(d.half, spec.digits)}`;
  const verdict =
    Math.abs(d.mean) > d.half
      ? 'larger than its interval: the followers’ response to θ matters here, and a rule fitted under the old θ mispredicts it'
      : 'within its interval: over these episodes the fixed rule predicts it as well, so this difference is not meaningful';
  return `${head}, ${size} over ${d.n} paired episodes; ${verdict}.`;
}
