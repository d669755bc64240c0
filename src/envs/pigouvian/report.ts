/**
 * What the Pigouvian environment reports each iteration (a contract with the charts and the
 * CLI: keep the keys) and the theory lines for its charts. Figures are per market and step,
 * over the leader's markets.
 */
import type { MetricSpec, ReferenceLine } from '../../engine/experiment';
import type { PigouvianParams } from './config';
import { nashOutput, optimalTax, welfare } from './model';

export const PIGOUVIAN_METRICS: MetricSpec[] = [
  { key: 'tax', label: 'mean tax t per unit over the leader’s markets (negative: a subsidy)', final: true },
  { key: 'output', label: 'mean total output Q_t per market and step (units)', final: true },
  { key: 'outputRational', label: 'rational Cournot output Q(t_e), mean over the leader’s markets (units)', final: true },
  { key: 'welfare', label: 'mean welfare W_t = CS + profits + revenue - d Q per market and step (money units)', final: true },
  { key: 'welfareRational', label: 'welfare W(Q(t_e)) of rational firms, mean over the leader’s markets (money units)', final: true },
  { key: 'consumerSurplus', label: 'mean consumer surplus per market and step (money units)' },
  { key: 'profits', label: 'mean profits after tax, all firms of a market, per step (money units)' },
  { key: 'taxRevenue', label: 'mean tax revenue t Q per market and step (money units; negative: subsidy paid)' },
  { key: 'damage', label: 'mean damage d Q per market and step (money units)' },
  { key: 'price', label: 'mean price P_t (money units per unit)', final: true },
];

/** Quantity histograms: one bin per level k of the K levels. */
export const quantityHistogram = (counts: Float64Array): Float32Array => {
  const total = counts.reduce((s, x) => s + x, 0) || 1;
  return Float32Array.from(counts, (x) => x / total);
};

export interface PigouvianReference extends ReferenceLine {
  /** A stable name for charts and tests. */
  id: 'outputRational' | 'welfareRational' | 'tStar' | 'tNaive';
}

type Market = Pick<PigouvianParams, 'n' | 'a' | 'b' | 'c' | 'd' | 't'>;

/** The theory lines: rational output and welfare at the scenario's fixed t, the welfare-maximising tax t*, the naive t = d. */
export function pigouvianReferences(p: Market): PigouvianReference[] {
  const Q = nashOutput(p, p.n, p.t);
  return [
    { id: 'outputRational', label: `rational output Q(t) at t = ${p.t}`, value: Q },
    { id: 'welfareRational', label: `welfare W(Q(t)) at t = ${p.t}`, value: welfare(p, Q) },
    { id: 'tStar', label: 'welfare-maximising tax t*', value: optimalTax(p, p.n) },
    { id: 'tNaive', label: 'naive Pigouvian tax t = d', value: p.d },
  ];
}
