import { useMemo } from 'react';
import { ENV_REGISTRY } from '../../engine/envs/registry';
import type { MetricsView } from '../../worker/api';
import { useLab } from '../context';
import { LineChartPanel, type RefSpec } from './LineChartPanel';
import { PALETTE } from './palette';

/** Rows for recharts from the worker's columnar view. */
function rows(view: MetricsView | null): Record<string, number>[] {
  if (!view) return [];
  const out: Record<string, number>[] = [];
  for (let i = 0; i < view.x.length; i++) {
    const row: Record<string, number> = { x: view.x[i] };
    for (const [k, col] of Object.entries(view.columns)) row[k] = col[i];
    row.thetaLo = row.theta - row.thetaStd;
    row.thetaHi = row.theta + row.thetaStd;
    out.push(row);
  }
  return out;
}

const REF_COLORS = [PALETTE.vermillion, PALETTE.green];

/** The live charts: welfare, volatility, attendance (with theory lines), the tax path, the latest episode. */
export function Charts() {
  const { store } = useLab();
  const view = store((s) => s.view);
  const env = store((s) => s.scenario.env);
  const theta = ENV_REGISTRY[env].thetaName === 'tau' ? 'τ' : ENV_REGISTRY[env].thetaName;
  const data = useMemo(() => rows(view), [view]);
  const episode = useMemo(() => Array.from(view?.series ?? [], (d, t) => ({ x: t + 1, d })), [view]);
  const refs: RefSpec[] = (view?.references ?? []).map((r, i) => ({ y: r.value, label: r.label, color: REF_COLORS[i % REF_COLORS.length] }));

  return (
    <div className="charts">
      <LineChartPanel
        testId="chart-attendance"
        title="Attendance"
        caption="mean number of traders entering per step, averaged over markets"
        xLabel="iteration"
        yLabel="D (traders)"
        data={data}
        series={[{ key: 'attendance', name: 'mean attendance D', color: PALETTE.blue }]}
        references={refs}
      />
      <LineChartPanel
        testId="chart-volatility"
        title="Volatility"
        caption="std of D over each episode (sample std), mean over markets; the leader's objective when reducing volatility"
        xLabel="iteration"
        yLabel="std(D) (traders)"
        data={data}
        series={[{ key: 'volatility', name: 'std(D)', color: PALETTE.vermillion }]}
      />
      <LineChartPanel
        testId="chart-tax"
        title={`Tax path ${theta}`}
        caption="the leader's tax, mean over markets (dashed: ± std across markets)"
        xLabel="iteration"
        yLabel={`${theta} (share of r*)`}
        data={data}
        yDomain={[0, 'auto']}
        series={[
          { key: 'theta', name: `mean ${theta}`, color: PALETTE.green },
          { key: 'thetaLo', name: '−1 std', color: PALETTE.green, dashed: true },
          { key: 'thetaHi', name: '+1 std', color: PALETTE.green, dashed: true },
        ]}
      />
      <LineChartPanel
        testId="chart-welfare"
        title="Welfare"
        caption="mean trader reward per step after tax (β = 1 for staying out)"
        xLabel="iteration"
        yLabel="reward per step"
        data={data}
        series={[{ key: 'welfare', name: 'mean reward', color: PALETTE.purple }]}
      />
      <LineChartPanel
        testId="chart-episode"
        title="Latest episode"
        caption="attendance D_t step by step in market 1 during the most recent episode"
        xLabel="step t"
        yLabel="D_t (traders)"
        data={episode}
        series={[{ key: 'd', name: 'D_t', color: PALETTE.blue }]}
        references={refs.slice(0, 1)}
      />
      <LineChartPanel
        testId="chart-learning"
        title="Learning diagnostics"
        caption="followers' PPO: policy entropy (nats) and value loss"
        xLabel="iteration"
        yLabel="value"
        data={data}
        series={[
          { key: 'entropy', name: 'entropy', color: PALETTE.orange },
          { key: 'valueLoss', name: 'value loss', color: PALETTE.sky },
        ]}
      />
    </div>
  );
}
