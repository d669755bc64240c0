import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { MetricsView } from '../../worker/api';
import { useLab } from '../context';
import { HistogramPanel } from './HistogramPanel';
import { ErrorsPanel, MomentsPanel } from './TablePanels';
import { LineChartPanel, type RefSpec } from './LineChartPanel';
import { PALETTE } from './palette';
import { createRedrawQueue, type RedrawQueue } from './redraw-queue';
import { ENV_VIEWS, type ChartSpec, type IterationChart, type SeriesSpec } from './specs';

type Rows = Record<string, number | string>[];
/** Each chart's rows, built once per view: only its own columns, so little is allocated. */
const rowCache = new WeakMap<MetricsView, Map<string, Rows>>();

function rowsFor(view: MetricsView | null, spec: ChartSpec): Rows {
  if (!view) return [];
  let perChart = rowCache.get(view);
  if (!perChart) rowCache.set(view, (perChart = new Map()));
  let rows = perChart.get(spec.testId);
  if (!rows) perChart.set(spec.testId, (rows = buildRows(view, spec)));
  return rows;
}

const BINS_LABEL_DIGITS = 2;

function buildRows(view: MetricsView, spec: ChartSpec): Rows {
  switch (spec.kind) {
    case 'iterations': {
      const bands = spec.bands ?? [];
      return Array.from(view.x, (x, i) => {
        const row: Record<string, number> = { x };
        for (const { key } of spec.series) row[key] = view.columns[key]?.[i];
        for (const b of bands) {
          const [m, sd] = [view.columns[b.mean]?.[i], view.columns[b.std]?.[i]];
          row[b.mean] = m;
          row[`${b.mean}Lo`] = spec.yFromZero ? Math.max(0, m - sd) : m - sd;
          row[`${b.mean}Hi`] = m + sd;
        }
        return row;
      });
    }
    case 'snapshot': {
      const length = Math.max(0, ...spec.series.map((s) => view.snapshots[s.key]?.length ?? 0));
      return Array.from({ length }, (_, t) => {
        const row: Record<string, number> = { x: t + 1 };
        for (const { key } of spec.series) row[key] = view.snapshots[key]?.[t];
        return row;
      });
    }
    case 'histogram': {
      const bins = view.snapshots[spec.groups[0].key]?.length ?? 0;
      const [lo, hi] = spec.range;
      return Array.from({ length: bins }, (_, k) => {
        const row: Record<string, number | string> = { x: (lo + ((hi - lo) * k) / bins).toFixed(BINS_LABEL_DIGITS) };
        for (const g of spec.groups) row[g.key] = view.snapshots[g.key]?.[k] ?? 0;
        return row;
      });
    }
    case 'moments':
    case 'errors':
      return []; // tables read the view's columns themselves
  }
}

/** The lines an iteration chart draws: its series, and each band as a mean with dashed ± std. */
function linesOf(spec: IterationChart): SeriesSpec[] {
  return [
    ...spec.series,
    ...(spec.bands ?? []).flatMap((b) => [
      { key: b.mean, name: b.name, color: b.color },
      { key: `${b.mean}Lo`, name: '± 1 std', color: b.color, dashed: true },
      { key: `${b.mean}Hi`, name: '+1 std', color: b.color, dashed: true, unlisted: true },
    ]),
  ];
}

const REF_COLORS = [PALETTE.vermillion, PALETTE.green, PALETTE.purple, PALETTE.sky];
/** Pause between two charts' redraws, for input and paint. */
const REDRAW_GAP_MS = 4;
const Y_FROM_ZERO: [number, 'auto'] = [0, 'auto'];

/** One chart that follows the live view, redrawn when the queue gives it its turn. */
function LiveChart({ spec, view, queue, refs }: { spec: ChartSpec; view: MetricsView | null; queue: RedrawQueue; refs: RefSpec[] }) {
  const [shown, setShown] = useState(view);
  const latest = useRef(view);
  latest.current = view;
  // flushSync: the redraw, recharts' own follow-up renders included, happens in the queue's task.
  const redraw = useCallback(() => flushSync(() => setShown(latest.current)), []);
  useEffect(() => {
    if (view !== shown) queue.request(redraw);
  }, [view, shown, queue, redraw]);
  useEffect(() => () => queue.cancel(redraw), [queue, redraw]);
  const data = rowsFor(shown, spec);
  const series = useMemo(() => (spec.kind === 'iterations' ? linesOf(spec) : spec.kind === 'snapshot' ? spec.series : spec.kind === 'histogram' ? spec.groups : []), [spec]);
  const references = useMemo(() => (spec.kind === 'iterations' || spec.kind === 'snapshot' ? (spec.refs ?? []).flatMap((i) => refs[i] ?? []) : []), [refs, spec]);
  if (spec.kind === 'moments') return <MomentsPanel spec={spec} view={shown} />;
  if (spec.kind === 'errors') return <ErrorsPanel spec={spec} view={shown} />;
  if (spec.kind === 'histogram') {
    const binWidth = (spec.range[1] - spec.range[0]) / Math.max(1, data.length);
    return (
      <HistogramPanel testId={spec.testId} title={spec.title} caption={spec.caption} xLabel={spec.xLabel} yLabel={spec.yLabel} data={data} groups={series} stacked={spec.stacked} binWidth={binWidth} />
    );
  }
  return (
    <LineChartPanel
      testId={spec.testId}
      title={spec.title}
      caption={spec.caption}
      xLabel={spec.kind === 'snapshot' ? spec.xLabel : 'iteration'}
      yLabel={spec.yLabel}
      data={data as Record<string, number>[]}
      series={series}
      references={references}
      yDomain={spec.kind === 'iterations' && spec.yFromZero ? Y_FROM_ZERO : undefined}
    />
  );
}

/** The live charts of the scenario's environment, with its theory lines. */
export function Charts() {
  const { store } = useLab();
  const view = store((s) => s.view);
  const env = store((s) => s.scenario.env);
  const [queue] = useState(() => createRedrawQueue(REDRAW_GAP_MS));
  // Keyed by content: every view brings a new references array with the same lines.
  const refsKey = JSON.stringify(view?.references ?? []);
  const refs = useMemo<RefSpec[]>(
    () => (JSON.parse(refsKey) as MetricsView['references']).map((r, i) => ({ y: r.value, label: r.label, color: REF_COLORS[i % REF_COLORS.length] })),
    [refsKey],
  );

  return (
    <div className="charts">
      {ENV_VIEWS[env].charts.map((s) => (
        <LiveChart key={`${env}:${s.testId}`} spec={s} view={view} queue={queue} refs={refs} />
      ))}
    </div>
  );
}
