import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Scenario } from '../../scenario/schema';
import type { MetricsView } from '../../worker/api';
import { useLab } from '../context';
import { HistogramPanel } from './HistogramPanel';
import { formatNumber } from './ChartFrame';
import { latestOf } from './latest';
import { ErrorsPanel, MomentsPanel } from './TablePanels';
import { LineChartPanel, type RefSpec } from './LineChartPanel';
import { PALETTE } from './palette';
import { createRedrawQueue, type RedrawQueue } from './redraw-queue';
import { ENV_VIEWS, type ChartSpec, type HistogramChart, type IterationChart, type SeriesSpec, type SnapshotChart } from './specs';

type Rows = Record<string, number | string>[];
/** Each chart's rows, built once per view: only its own columns, so little is allocated. */
const rowCache = new WeakMap<MetricsView, Map<string, Rows>>();

/**
 * A chart's rows for a view. Computed curves also read the scenario, but only fields that cannot
 * change while a run exists (a live field reaches them through the next view's metrics), so the
 * view alone keys the cache.
 */
function rowsFor(view: MetricsView | null, spec: ChartSpec, scenario: Scenario): Rows {
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

function buildRows(view: MetricsView, spec: ChartSpec, scenario: Scenario): Rows {
  switch (spec.kind) {
    case 'iterations': {
      const bands = spec.bands ?? [];
      const at = (key: string, i: number) => view.columns[key]?.[i];
      return Array.from(view.x, (x, i) => {
        const row: Record<string, number> = { x };
        for (const { key } of spec.series) row[key] = at(key, i);
        for (const b of bands) {
          const m = at(b.mean, i);
          const [lo, hi] = 'std' in b ? [m - at(b.std, i), m + at(b.std, i)] : [at(b.lo, i), at(b.hi, i)];
          row[b.mean] = m;
          row[`${b.mean}Lo`] = spec.yFromZero ? Math.max(0, lo) : lo;
          row[`${b.mean}Hi`] = hi;
        }
        return row;
      });
    }
    case 'snapshot': {
      const length = Math.max(0, ...spec.series.map((s) => view.snapshots[s.key]?.length ?? 0));
      // Evenly over [x0, x1]; without a range that is steps 1, 2, ..., length.
      const [x0, x1] = spec.xRange ?? [1, length];
      return Array.from({ length }, (_, t) => {
        const row: Record<string, number> = { x: length > 1 ? x0 + ((x1 - x0) * t) / (length - 1) : x0 };
        for (const { key } of spec.series) row[key] = view.snapshots[key]?.[t];
        if (spec.diagonal) row[DIAGONAL_KEY] = row.x;
        return row;
      });
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
      return []; // tables read the view's columns themselves
  }
}

/** The lines an iteration chart draws: its series, and each band as its mean with dashed edges. */
function linesOf(spec: IterationChart): SeriesSpec[] {
  return [
    ...spec.series,
    ...(spec.bands ?? []).flatMap((b) => [
      { key: b.mean, name: b.name, color: b.color },
      // The lower edge names the band in the legend; the upper one only in the tooltip.
      { key: `${b.mean}Lo`, name: 'std' in b ? '± 1 std' : 'lowest to highest', color: b.color, dashed: true },
      { key: `${b.mean}Hi`, name: 'std' in b ? '+1 std' : 'highest', color: b.color, dashed: true, unlisted: true },
    ]),
  ];
}

/** A snapshot chart's lines: its series, then the y = x line (dashed: a guide, not data). */
function snapshotLines(spec: SnapshotChart): SeriesSpec[] {
  return spec.diagonal ? [...spec.series, { key: DIAGONAL_KEY, name: spec.diagonal.name, color: spec.diagonal.color, dashed: true }] : spec.series;
}

/** The series a chart draws, as its spec lists them. */
function seriesOf(spec: ChartSpec): SeriesSpec[] {
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

/** Legend names with their figure's latest value beside them ("government (Gini 0.41)"). */
function withFigures(series: SeriesSpec[], view: MetricsView | null): SeriesSpec[] {
  if (!view || !series.some((s) => s.figure)) return series;
  return series.map((s) => (s.figure ? { ...s, name: `${s.name} (${s.figure.label} ${formatNumber(latestOf(view, s.figure.key))})` } : s));
}

/** How a histogram's bins are described under its axis. */
function binsText(spec: HistogramChart, bins: number): string {
  const width = (spec.range[1] - spec.range[0]) / Math.max(1, bins);
  return spec.log10 ? `log scale, ${formatNumber(1 / width)} bins per decade` : `bins of width ${formatNumber(width)}`;
}

const REF_COLORS = [PALETTE.vermillion, PALETTE.green, PALETTE.purple, PALETTE.sky];
/** Pause between two charts' redraws, for input and paint. */
const REDRAW_GAP_MS = 4;
const Y_FROM_ZERO: [number, 'auto'] = [0, 'auto'];

/** One chart that follows the live view, redrawn when the queue gives it its turn. */
function LiveChart({ spec, view, scenario, queue, refs }: { spec: ChartSpec; view: MetricsView | null; scenario: Scenario; queue: RedrawQueue; refs: RefSpec[] }) {
  const [shown, setShown] = useState(view);
  const latest = useRef(view);
  latest.current = view;
  // flushSync: the redraw, recharts' own follow-up renders included, happens in the queue's task.
  const redraw = useCallback(() => flushSync(() => setShown(latest.current)), []);
  useEffect(() => {
    if (view !== shown) queue.request(redraw);
  }, [view, shown, queue, redraw]);
  useEffect(() => () => queue.cancel(redraw), [queue, redraw]);
  const data = rowsFor(shown, spec, scenario);
  const series = useMemo(() => withFigures(seriesOf(spec), shown), [spec, shown]);
  const references = useMemo(() => (spec.kind === 'iterations' || spec.kind === 'snapshot' ? (spec.refs ?? []).flatMap((i) => refs[i] ?? []) : []), [refs, spec]);
  if (spec.kind === 'moments') return <MomentsPanel spec={spec} view={shown} />;
  if (spec.kind === 'errors') return <ErrorsPanel spec={spec} view={shown} />;
  if (spec.kind === 'histogram') {
    return (
      <HistogramPanel
        testId={spec.testId}
        title={spec.title}
        caption={spec.caption}
        xLabel={spec.xLabel}
        bins={binsText(spec, data.length)}
        yLabel={spec.yLabel}
        data={data}
        groups={series}
        stacked={spec.stacked}
      />
    );
  }
  return (
    <LineChartPanel
      testId={spec.testId}
      title={spec.title}
      caption={spec.caption}
      xLabel={spec.kind === 'iterations' ? 'iteration' : spec.xLabel}
      yLabel={spec.yLabel}
      data={data as Record<string, number>[]}
      series={series}
      references={references}
      yDomain={(spec.kind === 'iterations' && spec.yFromZero) || spec.kind === 'curves' ? Y_FROM_ZERO : undefined}
      xDomain={spec.kind === 'curves' ? spec.range : undefined}
    />
  );
}

/** Charts drawn from one view, with its theory lines, redrawn one at a time. */
export function ChartList({ specs, view, scenario }: { specs: ChartSpec[]; view: MetricsView | null; scenario: Scenario }) {
  const [queue] = useState(() => createRedrawQueue(REDRAW_GAP_MS));
  // Keyed by content: every view brings a new references array with the same lines.
  const refsKey = JSON.stringify(view?.references ?? []);
  const refs = useMemo<RefSpec[]>(
    () => (JSON.parse(refsKey) as MetricsView['references']).map((r, i) => ({ y: r.value, label: r.label, color: REF_COLORS[i % REF_COLORS.length] })),
    [refsKey],
  );
  return (
    <div className="charts">
      {specs.map((s) => (
        <LiveChart key={`${scenario.env}:${s.testId}`} spec={s} view={view} scenario={scenario} queue={queue} refs={refs} />
      ))}
    </div>
  );
}

/** The live charts of the scenario's environment. */
export function Charts() {
  const { store } = useLab();
  const view = store((s) => s.view);
  const scenario = store((s) => s.scenario);
  return <ChartList specs={ENV_VIEWS[scenario.env].charts} view={view} scenario={scenario} />;
}
