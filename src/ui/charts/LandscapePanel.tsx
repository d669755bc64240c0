import { memo, useMemo } from 'react';
import { Cell, Label, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, usePlotArea, XAxis, YAxis, ZAxis } from 'recharts';
import { ChartFrame, formatNumber } from './ChartFrame';
import { latestOf } from './latest';
import { LEGEND_LABEL } from '../../envs/view/palette';
import type { LandscapeChart } from '../../envs/view/types';
import type { MetricsView } from '../../worker/api';

/** Viridis at five stops: dark (low, a good fit) to light (high), readable with colour-vision deficiencies and in grey. */
const VIRIDIS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];

/** The colour of a share s in [0, 1] of the way from the lowest value to the highest. */
export function landscapeColor(s: number): string {
  const at = Math.min(1, Math.max(0, Number.isFinite(s) ? s : 1)) * (VIRIDIS.length - 1);
  const k = Math.min(VIRIDIS.length - 2, Math.floor(at));
  const f = at - k;
  const mix = (i: number) => {
    const [a, b] = [VIRIDIS[k], VIRIDIS[k + 1]].map((c) => parseInt(c.slice(1 + 2 * i, 3 + 2 * i), 16));
    return Math.round(a + (b - a) * f)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${mix(0)}${mix(1)}${mix(2)}`;
}

/** Area of a mark, in px². */
const MARK_AREA = 160;

/** One cell: a rectangle of the plot area's width and height over the cells per axis, centred on its point. */
function CellSquare({ cx, cy, fill, side }: { cx?: number; cy?: number; fill?: string; side: number }) {
  const area = usePlotArea();
  if (!area || cx === undefined || cy === undefined) return null;
  const [w, h] = [area.width / side, area.height / side];
  return <rect x={cx - w / 2} y={cy - h / 2} width={w} height={h} fill={fill} />;
}

/** An axis over the grid's values, half a cell beyond the first and last, ticked at every other value. */
function gridAxis(values: number[]): { domain: [number, number]; ticks: number[] } {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const half = sorted.length > 1 ? (sorted[1] - sorted[0]) / 2 : 0.5;
  return { domain: [sorted[0] - half, sorted[sorted.length - 1] + half], ticks: sorted.filter((_, k) => k % 2 === 0) };
}

/** A grid's value per cell as coloured squares (a heatmap on a scatter chart), with points marked. */
export const LandscapePanel = memo(function LandscapePanel({ spec, view }: { spec: LandscapeChart; view: MetricsView | null }) {
  const cells = useMemo(() => {
    const [x, y, v] = [spec.cells.x, spec.cells.y, spec.cells.value].map((k) => view?.snapshots[k]);
    if (!x || !y || !v) return [];
    return Array.from(v, (value, j) => ({ x: x[j], y: y[j], value }));
  }, [spec, view]);
  const finite = cells.map((c) => c.value).filter(Number.isFinite);
  const [lo, hi] = finite.length ? [Math.min(...finite), Math.max(...finite)] : [0, 1];
  const side = Math.round(Math.sqrt(cells.length));
  const [xAxis, yAxis] = [gridAxis(cells.map((c) => c.x)), gridAxis(cells.map((c) => c.y))];
  const marks = spec.marks.flatMap((m) => {
    const at = (key: string) => (m.from === 'metrics' ? (view ? latestOf(view, key) : NaN) : (view?.references.find((r) => r.id === key)?.value ?? NaN));
    const point = { x: at(m.x), y: at(m.y) };
    return Number.isFinite(point.x) && Number.isFinite(point.y) ? [{ ...m, point }] : [];
  });
  return (
    <ChartFrame testId={spec.testId} title={spec.title} caption={spec.caption} points={cells.length}>
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart title={spec.title} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
                    <XAxis type="number" dataKey="x" name={spec.xLabel} tickFormatter={formatNumber} domain={xAxis.domain} ticks={xAxis.ticks} allowDataOverflow>
            <Label value={spec.xLabel} position="insideBottom" offset={-14} />
          </XAxis>
          <YAxis type="number" dataKey="y" name={spec.yLabel} tickFormatter={formatNumber} domain={yAxis.domain} ticks={yAxis.ticks} allowDataOverflow width={56}>
            <Label value={spec.yLabel} angle={-90} position="insideLeft" style={{ textAnchor: 'middle' }} />
          </YAxis>
          <ZAxis zAxisId="cells" type="number" dataKey="value" name={spec.valueLabel} />
          <ZAxis zAxisId="marks" range={[MARK_AREA, MARK_AREA]} />
          <Tooltip formatter={formatNumber} isAnimationActive={false} />
          <Legend verticalAlign="top" height={44} labelStyle={LEGEND_LABEL} />
          <Scatter name={`${spec.valueLabel}: ${formatNumber(lo)} (dark) to ${formatNumber(hi)} (light)`} data={cells} zAxisId="cells" shape={(p: { cx?: number; cy?: number; fill?: string }) => <CellSquare {...p} side={side} />} fill={landscapeColor(0.5)} isAnimationActive={false}>
            {cells.map((c, j) => (
              <Cell key={j} fill={landscapeColor(hi > lo ? (c.value - lo) / (hi - lo) : 0)} />
            ))}
          </Scatter>
          {marks.map((m) => (
            <Scatter key={m.name} name={m.name} data={[m.point]} zAxisId="marks" shape={m.shape} fill={m.color} stroke="#ffffff" isAnimationActive={false} />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
});
