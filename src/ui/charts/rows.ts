/**
 * What a chart draws from a view: its rows (one per x, a column per line) and its series, band
 * edges and markers included. Pure, so tested without a browser.
 */
import type { Scenario } from '../../scenario/schema';
import type { MetricsView } from '../../worker/api';
import { formatNumber } from './ChartFrame';
import { latestOf } from './latest';
import { tint } from '../../envs/view/palette';
import type { ChartSpec, HistogramChart, IterationChart, MarkerSpec, SeriesSpec, SnapshotChart } from '../../envs/view/types';

/** The row flag (1 or 0) that draws a point of a 'dots' series open: extrapolated, not trained on. */
export const OPEN_KEY = 'open';

export type Rows = Record<string, number | string>[];
/** Each chart's rows, built once per view: only its own columns, so little is allocated. */
const rowCache = new WeakMap<MetricsView, Map<string, Rows>>();

/**
 * A chart's rows for a view. Computed curves also read the scenario, but only fields that cannot
 * change while a run exists (a live field reaches them through the next view's metrics), so the
 * view alone keys the cache.
 */
export function rowsFor(view: MetricsView | null, spec: ChartSpec, scenario: Scenario): Rows {
  if (!view) return [];
  let perChart = rowCache.get(view);
  if (!perChart) rowCache.set(view, (perChart = new Map()));
  let rows = perChart.get(spec.testId);
  if (!rows) perChart.set(spec.testId, (rows = buildRows(view, spec, scenario)));
  return rows;
}

const BINS_LABEL_DIGITS = 2;
/** The key of a snapshot chart's y = x line in its rows. */
const DIAGONAL_KEY = 'diagonal';

/** The lower edge of histogram bin k: a number on a linear axis, x itself (not its log) on a log10 one. */
function binLabel(spec: HistogramChart, k: number, bins: number): string {
  const [lo, hi] = spec.range;
  const edge = lo + ((hi - lo) * k) / bins;
  return spec.log10 ? formatNumber(10 ** edge) : edge.toFixed(BINS_LABEL_DIGITS);
}

/** A row's series values and band edges (mean, mean ± std or lowest and highest, the lower edge kept from 0 if the axis is), read by key. */
function cells(row: Record<string, number>, spec: IterationChart | SnapshotChart, at: (key: string) => number): Record<string, number> {
  for (const { key } of spec.series) row[key] = at(key);
  for (const b of spec.bands ?? []) {
    const m = at(b.mean);
    const [lo, hi] = 'std' in b ? [m - at(b.std), m + at(b.std)] : [at(b.lo), at(b.hi)];
    row[b.mean] = m;
    row[`${b.mean}Lo`] = spec.yFromZero ? Math.max(0, lo) : lo;
    row[`${b.mean}Hi`] = hi;
  }
  return row;
}

/** Matching x of a marker to a point of the lines: float32 snapshots of the same number. */
const SAME_X = 1e-6;

/** Rows with each marker at its own x: on the row with that x, or on a new one (the rows stay sorted by x). */
function withMarkers(rows: Record<string, number>[], markers: MarkerSpec[], view: MetricsView): Record<string, number>[] {
  const out = rows.map((r) => ({ ...r }));
  for (const m of markers) {
    const xs = view.snapshots[m.x] ?? [];
    const ys = view.snapshots[m.key] ?? [];
    xs.forEach((x, j) => {
      let row = out.find((r) => Math.abs(r.x - x) < SAME_X);
      if (!row) out.push((row = { x }));
      row[m.key] = ys[j];
    });
  }
  return out.sort((a, b) => a.x - b.x);
}

export function buildRows(view: MetricsView, spec: ChartSpec, scenario: Scenario): Rows {
  switch (spec.kind) {
    case 'iterations': {
      const at = (i: number) => (key: string) => view.columns[key]?.[i];
      return Array.from(view.x, (x, i) => cells({ x }, spec, at(i)));
    }
    case 'snapshot': {
      const at = (t: number) => (key: string) => view.snapshots[key]?.[t];
      const length = Math.max(0, ...[...spec.series.map((s) => s.key), ...(spec.bands ?? []).map((b) => b.mean)].map((key) => view.snapshots[key]?.length ?? 0));
      const xs = spec.xKey ? view.snapshots[spec.xKey] : undefined;
      // From xKey, or evenly over [x0, x1]; without either that is steps 1, 2, ..., length.
      const [x0, x1] = spec.xRange ?? [1, length];
      const rows = Array.from({ length }, (_, t) => {
        const row = cells({ x: xs ? xs[t] : length > 1 ? x0 + ((x1 - x0) * t) / (length - 1) : x0 }, spec, at(t));
        if (spec.diagonal) row[DIAGONAL_KEY] = row.x;
        if (spec.extrapolated) row[OPEN_KEY] = spec.extrapolated(row.x, scenario) ? 1 : 0;
        return row;
      });
      return spec.markers ? withMarkers(rows, spec.markers, view) : rows;
    }
    case 'histogram': {
      const bins = view.snapshots[spec.groups[0].key]?.length ?? 0;
      return Array.from({ length: bins }, (_, k) => {
        const row: Record<string, number | string> = { x: binLabel(spec, k, bins) };
        for (const g of spec.groups) row[g.key] = view.snapshots[g.key]?.[k] ?? 0;
        return row;
      });
    }
    case 'curves': {
      // Nothing to draw before the first iteration: the curves follow its figures.
      if (view.x.length === 0) return [];
      const [lo, hi] = spec.range;
      const inputs = { latest: (key: string) => latestOf(view, key), scenario };
      return Array.from({ length: spec.points }, (_, k) => {
        const x = lo + ((hi - lo) * (k + 1)) / spec.points;
        const row: Record<string, number> = { x };
        for (const c of spec.curves) row[c.key] = c.y(x, inputs);
        return row;
      });
    }
    case 'moments':
    case 'errors':
    case 'landscape':
      return []; // tables and landscapes read the view themselves
  }
}

/** The lines a chart draws: its series, and each band as its mean with dashed edges. */
function linesOf(spec: IterationChart | SnapshotChart): SeriesSpec[] {
  return [
    ...spec.series,
    ...(spec.bands ?? []).flatMap((b) => [
      { key: b.mean, name: b.name, color: b.color, points: b.points },
      // The lower edge names the band in the legend; the upper one only in the tooltip.
      { key: `${b.mean}Lo`, name: 'std' in b ? '± 1 std' : 'lowest to highest', color: b.color, dashed: true },
      { key: `${b.mean}Hi`, name: 'std' in b ? '+1 std' : 'highest', color: b.color, dashed: true, unlisted: true },
    ]),
  ];
}

/** A snapshot chart's lines and bands, then the y = x line (dashed: a guide, not data), then its markers (drawn on top). */
function snapshotLines(spec: SnapshotChart): SeriesSpec[] {
  const diagonal: SeriesSpec[] = spec.diagonal ? [{ key: DIAGONAL_KEY, name: spec.diagonal.name, color: spec.diagonal.color, dashed: true }] : [];
  const markers = (spec.markers ?? []).map(({ x: _x, ...m }): SeriesSpec => ({ ...m, points: 'markers' }));
  return [...linesOf(spec), ...diagonal, ...markers];
}

/** The series a chart draws, as its spec lists them. */
export function seriesOf(spec: ChartSpec): SeriesSpec[] {
  switch (spec.kind) {
    case 'iterations':
      return linesOf(spec);
    case 'snapshot':
      return snapshotLines(spec);
    case 'histogram':
      return spec.groups;
    case 'curves':
      return spec.curves;
    default:
      return [];
  }
}

/**
 * The suffix of a baseline's columns in a chart's rows. No dot: recharts reads a dotted dataKey
 * as a path into the row.
 */
export const BASELINE_SUFFIX = '__baseline';
/** A baseline's line: a long dash under a solid series, dots under a dashed one, so both stay apart. */
export const BASELINE_DASH = '8 4';
export const BASELINE_DOTS = '1 3';
/** How much lighter a baseline's line is than its series'. */
const BASELINE_TINT = 0.35;

/** What a baseline redraws of an iteration chart: each series and each band's mean (not its edges, which would crowd the chart). */
const baselineSources = (spec: IterationChart): SeriesSpec[] => [...spec.series, ...(spec.bands ?? []).map((b) => ({ key: b.mean, name: b.name, color: b.color }))];

/** The lines a baseline adds to an iteration chart: dashed (dotted under a dashed series), lighter, named "(baseline)". */
export function baselineLines(spec: IterationChart): SeriesSpec[] {
  return baselineSources(spec).map((s) => ({
    key: `${s.key}${BASELINE_SUFFIX}`,
    name: `${s.name} (baseline)`,
    color: tint(s.color, BASELINE_TINT),
    dash: s.dashed ? BASELINE_DOTS : BASELINE_DASH,
  }));
}

type NumberRows = Record<string, number>[];

/**
 * A run's rows with its baseline's merged by iteration (x): the baseline's value of each key
 * under key + BASELINE_SUFFIX, on the row of the same iteration or a new one (rows stay sorted).
 * The runs may be at different iterations, so some rows lack one side.
 */
export function mergeByIteration(rows: NumberRows, baselineRows: NumberRows, keys: string[]): NumberRows {
  const byX = new Map(rows.map((r) => [r.x, { ...r }]));
  for (const b of baselineRows) {
    let row = byX.get(b.x);
    if (!row) byX.set(b.x, (row = { x: b.x }));
    for (const k of keys) row[`${k}${BASELINE_SUFFIX}`] = b[k];
  }
  return [...byX.values()].sort((a, b) => a.x - b.x);
}

/** Merged rows, built once per pair of views and chart. */
const mergedCache = new WeakMap<MetricsView, WeakMap<MetricsView, Map<string, Rows>>>();

/**
 * A chart's rows with the baseline's drawn in: iteration charts only (a snapshot chart's
 * episode or histogram is a different picture, not a line to lay over the run's).
 */
export function rowsWithBaseline(view: MetricsView | null, baseline: MetricsView | null, spec: ChartSpec, scenario: Scenario): Rows {
  if (!view || !baseline || spec.kind !== 'iterations') return rowsFor(view, spec, scenario);
  let perBaseline = mergedCache.get(view);
  if (!perBaseline) mergedCache.set(view, (perBaseline = new WeakMap()));
  let perChart = perBaseline.get(baseline);
  if (!perChart) perBaseline.set(baseline, (perChart = new Map()));
  let rows = perChart.get(spec.testId);
  if (!rows) {
    const keys = baselineSources(spec).map((s) => s.key);
    rows = mergeByIteration(rowsFor(view, spec, scenario) as NumberRows, rowsFor(baseline, spec, scenario) as NumberRows, keys);
    perChart.set(spec.testId, rows);
  }
  return rows;
}

/** The series a chart draws, with the baseline's lines where it has them (see rowsWithBaseline). */
export function seriesWithBaseline(spec: ChartSpec, baseline: boolean): SeriesSpec[] {
  const own = seriesOf(spec);
  return baseline && spec.kind === 'iterations' ? [...own, ...baselineLines(spec)] : own;
}

/** The window of the charts' moving averages, in iterations. */
export const SMOOTH_SPAN = 10;

/**
 * Rows whose `keys` hold trailing moving averages: at iteration x, the mean of each key's finite
 * values at the iterations in (x - span, x]. By iteration, not by row, so a downsampled history
 * (every k-th iteration) is averaged over the same span; a row without a finite value of its own
 * keeps it missing, so a line is not drawn where it had no point.
 */
export function smoothRows(rows: NumberRows, keys: string[], span: number): NumberRows {
  return rows.map((row, i) => {
    const out = { ...row };
    for (const k of keys) {
      if (!Number.isFinite(row[k])) continue;
      let sum = 0;
      let n = 0;
      for (let j = i; j >= 0 && rows[j].x > row.x - span; j--) {
        const v = rows[j][k];
        if (Number.isFinite(v)) {
          sum += v;
          n++;
        }
      }
      out[k] = sum / n;
    }
    return out;
  });
}
