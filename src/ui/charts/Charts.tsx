import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Scenario } from '../../scenario/schema';
import type { MetricsView } from '../../worker/api';
import { useLab } from '../context';
import { HistogramPanel } from './HistogramPanel';
import { LandscapePanel } from './LandscapePanel';
import { formatNumber } from './ChartFrame';
import { latestOf } from './latest';
import { ErrorsPanel, MomentsPanel } from './TablePanels';
import { LineChartPanel, type RefSpec } from './LineChartPanel';
import { referenceColor } from '../../envs/view/palette';
import { createRedrawQueue, type RedrawQueue } from './redraw-queue';
import { rowsWithBaseline, seriesWithBaseline, SMOOTH_SPAN, smoothRows } from './rows';
import { headlineCharts, moduleOf, viewOf } from '../../envs/catalog';
import type { ChartSpec, HistogramChart, SeriesSpec } from '../../envs/view/types';

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

/** The followers' warm-up on charts over iterations: before the leader's first update its theta is not yet learned. */
function warmupShade(scenario: Scenario): { to: number; text: string } | undefined {
  const schedule = moduleOf(scenario).leaderSchedule(scenario);
  if (!schedule || schedule.warmup < 1) return undefined;
  return { to: schedule.warmup, text: `warm-up (iterations 1–${schedule.warmup}): the followers learn alone` };
}

/** Pause between two charts' redraws, for input and paint. */
const REDRAW_GAP_MS = 4;
const Y_FROM_ZERO: [number, 'auto'] = [0, 'auto'];

/** What a chart draws from: the run's view and, when comparing, its baseline's. */
interface Views {
  view: MetricsView | null;
  baseline: MetricsView | null;
}

/** One chart that follows the live views, redrawn when the queue gives it its turn. */
function LiveChart({ spec, views, scenario, queue, refs, smooth }: { spec: ChartSpec; views: Views; scenario: Scenario; queue: RedrawQueue; refs: Map<string, RefSpec>; smooth: boolean }) {
  const [{ view: shown, baseline }, setShown] = useState(views);
  const latest = useRef(views);
  latest.current = views;
  // flushSync: the redraw, recharts' own follow-up renders included, happens in the queue's task.
  const redraw = useCallback(() => flushSync(() => setShown(latest.current)), []);
  useEffect(() => {
    if (views.view !== shown || views.baseline !== baseline) queue.request(redraw);
  }, [views, shown, baseline, queue, redraw]);
  useEffect(() => () => queue.cancel(redraw), [queue, redraw]);
  const rows = rowsWithBaseline(shown, baseline, spec, scenario);
  const comparing = baseline !== null;
  const series = useMemo(() => withFigures(seriesWithBaseline(spec, comparing), shown), [spec, shown, comparing]);
  const smoothed = smooth && spec.kind === 'iterations';
  const data = useMemo(() => (smoothed ? smoothRows(rows as Record<string, number>[], series.map((s) => s.key), SMOOTH_SPAN) : rows), [smoothed, rows, series]);
  // Worked out once per scenario, not at every redraw (a new object would draw the memoised chart again).
  const shade = useMemo(() => (spec.kind === 'iterations' ? warmupShade(scenario) : undefined), [spec.kind, scenario]);
  const references = useMemo(() => (spec.kind === 'iterations' || spec.kind === 'snapshot' ? (spec.refs ?? []).flatMap((id) => refs.get(id) ?? []) : []), [refs, spec]);
  if (spec.kind === 'moments') return <MomentsPanel spec={spec} view={shown} />;
  if (spec.kind === 'errors') return <ErrorsPanel spec={spec} view={shown} />;
  if (spec.kind === 'landscape') return <LandscapePanel spec={spec} view={shown} />;
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
      caption={smoothed ? `${spec.caption}${spec.caption.endsWith('.') ? '' : '.'} Lines: moving averages over ${SMOOTH_SPAN} iterations.` : spec.caption}
      xLabel={spec.kind === 'iterations' ? 'iteration' : spec.xLabel}
      yLabel={spec.yLabel}
      data={data as Record<string, number>[]}
      series={series}
      references={references}
      yDomain={spec.kind === 'curves' || spec.yFromZero ? Y_FROM_ZERO : undefined}
      xDomain={spec.kind === 'curves' ? spec.range : undefined}
      wholeX={spec.kind === 'iterations' || (spec.kind === 'snapshot' && !spec.xRange && !spec.xKey)}
      // Marker-only rows, or the iterations only one of the run and its baseline has reached.
      connectNulls={(spec.kind === 'snapshot' && Boolean(spec.markers)) || (spec.kind === 'iterations' && comparing)}
      shade={shade}
    />
  );
}

/** Charts drawn from one view (and its baseline's, if given), with its theory lines, redrawn one at a time. */
export function ChartList({ specs, view, baseline = null, scenario, smooth = false }: { specs: ChartSpec[]; view: MetricsView | null; baseline?: MetricsView | null; scenario: Scenario; smooth?: boolean }) {
  const views = useMemo(() => ({ view, baseline }), [view, baseline]);
  const [queue] = useState(() => createRedrawQueue(REDRAW_GAP_MS));
  // Keyed by content: every view brings a new references array with the same lines.
  const refsKey = JSON.stringify(view?.references ?? []);
  // By id; each line keeps the colour of its place in the environment's list.
  const refs = useMemo(
    () => new Map((JSON.parse(refsKey) as MetricsView['references']).map((r, i): [string, RefSpec] => [r.id, { y: r.value, label: r.label, color: referenceColor(i) }])),
    [refsKey],
  );
  return (
    <div className="charts">
      {specs.map((s) => (
        <LiveChart key={`${scenario.env}:${s.testId}`} spec={s} views={views} scenario={scenario} queue={queue} refs={refs} smooth={smooth} />
      ))}
    </div>
  );
}

/** What both parts of the page's charts draw from: the run, its baseline while comparing, the smoothing tick. */
function useChartState() {
  const { store } = useLab();
  return {
    smooth: store((s) => s.page.smooth),
    view: store((s) => s.view),
    baseline: store((s) => (s.page.baseline ? s.baselineView : null)),
    scenario: store((s) => s.scenario),
    hide: store((s) => s.page.hide),
    preset: store((s) => s.page.preset),
  };
}

/** The environment's charts (less the hidden ones), split into the headline and the rest; per environment, so they stay put while fields change. */
function useSpecs(env: Scenario['env'], hide: string[], preset: string | null) {
  return useMemo(() => {
    const shown = viewOf(env).charts.filter((c) => !hide.includes(c.testId));
    const first = headlineCharts(env, preset);
    return { headline: first.flatMap((id) => shown.filter((c) => c.testId === id)), more: shown.filter((c) => !first.includes(c.testId)) };
  }, [env, hide, preset]);
}

/** The preset's (or the environment's first) charts, with the baseline's lines while comparing, and the smoothing tick. */
export function HeadlineCharts() {
  const { store, sim } = useLab();
  const { smooth, view, baseline, scenario, hide, preset } = useChartState();
  const specs = useSpecs(scenario.env, hide, preset).headline;
  return (
    <div className="headline-charts">
      <ChartList specs={specs} view={view} baseline={baseline} scenario={scenario} smooth={smooth} />
      <label className="toggle chart-options">
        <input type="checkbox" checked={smooth} onChange={(e) => sim.setPage({ ...store.getState().page, smooth: e.target.checked })} />
        Smooth the lines over iterations (moving average of the last {SMOOTH_SPAN})
      </label>
    </div>
  );
}

/** Every other chart, folded until asked for: a class sees the lesson's charts, a researcher opens the rest. */
export function MoreCharts() {
  const { store, sim } = useLab();
  const { smooth, view, baseline, scenario, hide, preset } = useChartState();
  const specs = useSpecs(scenario.env, hide, preset).more;
  // A page option (?more=1), so that a link can hand out the lab with every chart open.
  const open = store((s) => s.page.more);
  const toggle = (now: boolean) => now !== store.getState().page.more && sim.setPage({ ...store.getState().page, more: now });
  if (!specs.length) return null;
  return (
    <details className="more-charts" data-testid="more-charts" open={open} onToggle={(e) => toggle(e.currentTarget.open)}>
      <summary>More charts ({specs.length})</summary>
      {/* Drawn only while open: folded charts cost nothing while the run trains. */}
      {open && <ChartList specs={specs} view={view} baseline={baseline} scenario={scenario} smooth={smooth} />}
    </details>
  );
}
