import { useEffect, useMemo, useState } from 'react';
import { ENV_REGISTRY } from '../../engine/envs/registry';
import type { MetricsView } from '../../worker/api';
import { useLab } from '../context';
import { LineChartPanel, type RefSpec, type SeriesSpec } from './LineChartPanel';
import { PALETTE } from './palette';

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
/** Charts redraw one after another, this far apart, each in its own task. */
const STAGGER_MS = 20;

/**
 * One chart that follows the live view a moment after the previous chart. A recharts redraw
 * costs tens of milliseconds; six in one task block the page for well over 50 ms, while one
 * per task leaves the browser free to handle input in between.
 */
function StaggeredChart({ spec, view, index, thetaRefs }: { spec: ChartSpec; view: MetricsView | null; index: number; thetaRefs: RefSpec[] }) {
  const [shown, setShown] = useState(view);
  useEffect(() => {
    const timer = setTimeout(() => setShown(view), index * STAGGER_MS);
    return () => clearTimeout(timer);
  }, [view, index]);
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
  const specs = useMemo(() => chartSpecs(thetaName === 'tau' ? 'τ' : thetaName), [thetaName]);
  // Keyed by content: every view brings a new references array with the same lines.
  const refsKey = JSON.stringify(view?.references ?? []);
  const refs = useMemo<RefSpec[]>(
    () => (JSON.parse(refsKey) as MetricsView['references']).map((r, i) => ({ y: r.value, label: r.label, color: REF_COLORS[i % REF_COLORS.length] })),
    [refsKey],
  );

  return (
    <div className="charts">
      {specs.map((s, i) => (
        <StaggeredChart key={s.testId} spec={s} view={view} index={i} thetaRefs={refs} />
      ))}
    </div>
  );
}
