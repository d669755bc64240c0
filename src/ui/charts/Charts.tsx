import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { ENV_REGISTRY } from '../../engine/envs/registry';
import type { MetricsView } from '../../worker/api';
import { useLab } from '../context';
import { LineChartPanel, type RefSpec, type SeriesSpec } from './LineChartPanel';
import { PALETTE } from './palette';
import { createRedrawQueue, type RedrawQueue } from './redraw-queue';

type Rows = Record<string, number>[];
const perIterationRows = new WeakMap<MetricsView, Rows>();
const perStepRows = new WeakMap<MetricsView, Rows>();

/** Rows for recharts from the worker's columnar view, built once per view for every chart. */
function cached(cache: WeakMap<MetricsView, Rows>, view: MetricsView | null, build: (v: MetricsView) => Rows): Rows {
  if (!view) return [];
  let out = cache.get(view);
  if (!out) cache.set(view, (out = build(view)));
  return out;
}

function rows(view: MetricsView): Rows {
  const out: Record<string, number>[] = [];
  for (let i = 0; i < view.x.length; i++) {
    const row: Record<string, number> = { x: view.x[i] };
    for (const [k, col] of Object.entries(view.columns)) row[k] = col[i];
    row.thetaLo = Math.max(0, row.theta - row.thetaStd);
    row.thetaHi = row.theta + row.thetaStd;
    out.push(row);
  }
  return out;
}

interface ChartSpec {
  testId: string;
  title: string;
  caption: string;
  yLabel: string;
  series: SeriesSpec[];
  /** 'iterations': one point per iteration; 'episode': one per step of the latest episode. */
  over: 'iterations' | 'episode';
  /** How many of the theory reference lines to draw. */
  refs?: number;
  yFromZero?: boolean;
}

function chartSpecs(theta: string): ChartSpec[] {
  return [
    {
      testId: 'chart-attendance',
      title: 'Attendance',
      caption: 'mean number of traders entering per step, averaged over markets',
      yLabel: 'D (traders)',
      series: [{ key: 'attendance', name: 'mean attendance D', color: PALETTE.blue }],
      over: 'iterations',
      refs: 2,
    },
    {
      testId: 'chart-volatility',
      title: 'Volatility',
      caption: "std of D over each episode (sample std), mean over markets; the leader's objective when reducing volatility",
      yLabel: 'std(D) (traders)',
      series: [{ key: 'volatility', name: 'std(D)', color: PALETTE.vermillion }],
      over: 'iterations',
    },
    {
      testId: 'chart-tax',
      title: `Tax path ${theta}`,
      caption: "the leader's tax, mean over markets (dashed: ± std across markets)",
      yLabel: `${theta} (share of r*)`,
      series: [
        { key: 'theta', name: `mean ${theta}`, color: PALETTE.green },
        { key: 'thetaLo', name: '−1 std', color: PALETTE.green, dashed: true },
        { key: 'thetaHi', name: '+1 std', color: PALETTE.green, dashed: true },
      ],
      over: 'iterations',
      yFromZero: true,
    },
    {
      testId: 'chart-welfare',
      title: 'Welfare',
      caption: 'mean trader reward per step after tax (β = 1 for staying out)',
      yLabel: 'reward per step',
      series: [{ key: 'welfare', name: 'mean reward', color: PALETTE.purple }],
      over: 'iterations',
    },
    {
      testId: 'chart-episode',
      title: 'Latest episode',
      caption: 'attendance D_t step by step in market 1 during the most recent episode',
      yLabel: 'D_t (traders)',
      series: [{ key: 'd', name: 'D_t', color: PALETTE.blue }],
      over: 'episode',
      refs: 1,
    },
    {
      testId: 'chart-learning',
      title: 'Learning diagnostics',
      caption: "followers' PPO: policy entropy (nats) and value loss",
      yLabel: 'value',
      series: [
        { key: 'entropy', name: 'entropy', color: PALETTE.orange },
        { key: 'valueLoss', name: 'value loss', color: PALETTE.sky },
      ],
      over: 'iterations',
    },
  ];
}

const REF_COLORS = [PALETTE.vermillion, PALETTE.green];
/** Pause between two charts' redraws, for input and paint. */
const REDRAW_GAP_MS = 4;

/** One chart that follows the live view, redrawn when the queue gives it its turn. */
function LiveChart({ spec, view, queue, thetaRefs }: { spec: ChartSpec; view: MetricsView | null; queue: RedrawQueue; thetaRefs: RefSpec[] }) {
  const [shown, setShown] = useState(view);
  const latest = useRef(view);
  latest.current = view;
  // flushSync: the redraw, recharts' own follow-up renders included, happens in the queue's task.
  const redraw = useCallback(() => flushSync(() => setShown(latest.current)), []);
  useEffect(() => {
    if (view !== shown) queue.request(redraw);
  }, [view, shown, queue, redraw]);
  useEffect(() => () => queue.cancel(redraw), [queue, redraw]);
  const data = spec.over === 'episode' ? cached(perStepRows, shown, (v) => Array.from(v.series, (d, t) => ({ x: t + 1, d }))) : cached(perIterationRows, shown, rows);
  const references = useMemo(() => thetaRefs.slice(0, spec.refs ?? 0), [thetaRefs, spec.refs]);
  return (
    <LineChartPanel
      testId={spec.testId}
      title={spec.title}
      caption={spec.caption}
      xLabel={spec.over === 'episode' ? 'step t' : 'iteration'}
      yLabel={spec.yLabel}
      data={data}
      series={spec.series}
      references={references}
      yDomain={spec.yFromZero ? Y_FROM_ZERO : undefined}
    />
  );
}

const Y_FROM_ZERO: [number, 'auto'] = [0, 'auto'];

/** The live charts: attendance (with theory lines), volatility, the tax path, welfare, the latest episode. */
export function Charts() {
  const { store } = useLab();
  const view = store((s) => s.view);
  const env = store((s) => s.scenario.env);
  const thetaName = ENV_REGISTRY[env].thetaName;
  const [queue] = useState(() => createRedrawQueue(REDRAW_GAP_MS));
  const specs = useMemo(() => chartSpecs(thetaName === 'tau' ? 'τ' : thetaName), [thetaName]);
  // Keyed by content: every view brings a new references array with the same lines.
  const refsKey = JSON.stringify(view?.references ?? []);
  const refs = useMemo<RefSpec[]>(
    () => (JSON.parse(refsKey) as MetricsView['references']).map((r, i) => ({ y: r.value, label: r.label, color: REF_COLORS[i % REF_COLORS.length] })),
    [refsKey],
  );

  return (
    <div className="charts">
      {specs.map((s) => (
        <LiveChart key={s.testId} spec={s} view={view} queue={queue} thetaRefs={refs} />
      ))}
    </div>
  );
}
