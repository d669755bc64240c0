import { memo, useMemo } from 'react';
import { CartesianGrid, Label, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { niceAxis } from './axis';
import { ChartFrame, formatNumber } from './ChartFrame';
import { LEGEND_LABEL } from '../../envs/view/palette';
import { OPEN_KEY } from './rows';
import type { SeriesSpec } from '../../envs/view/types';

export interface RefSpec {
  y: number;
  label: string;
  color: string;
}

interface Props {
  title: string;
  caption: string;
  xLabel: string;
  yLabel: string;
  data: Record<string, number>[];
  series: SeriesSpec[];
  references?: RefSpec[];
  yDomain?: [number | 'auto', number | 'auto'];
  /** The x axis's span when it should not just fit the data (a curve sampled from just above 0). */
  xDomain?: [number, number];
  /** Lines pass over rows without their value (rows that only hold a marker). */
  connectNulls?: boolean;
  /** x counts something (iterations, steps, stages): ticks at whole numbers only. */
  wholeX?: boolean;
  /** A band shaded from x = 1 to `to` (the followers' warm-up, before the leader's first update), and what it is. */
  shade?: { to: number; text: string };
  testId: string;
}

const X_FIT: ['dataMin', 'dataMax'] = ['dataMin', 'dataMax'];
/** One array for charts without reference lines, so the axis is not worked out again at every render. */
const NO_REFERENCES: RefSpec[] = [];
/** A dashed series' pattern (SeriesSpec.dash overrides it): longer than the grid's 3 3 and apart from the reference lines' 6 4. */
const DASH = '4 3';
const DOT_R = 3.5;
/** The warm-up band's grey: under the lines, light enough that every colour of the palette reads on it. */
const SHADE = '#e3e3e3';
const MARKER_R = 6;

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: Record<string, number>;
}

/** A point of a 'dots' series: filled, or open (white inside) where the row is extrapolated. */
const dotOf = (color: string) =>
  function Dot({ cx, cy, payload }: DotProps) {
    if (!Number.isFinite(cx) || !Number.isFinite(cy)) return <g />;
    const open = payload?.[OPEN_KEY] === 1;
    return <circle className={open ? 'chart-dot chart-dot-open' : 'chart-dot'} cx={cx} cy={cy} r={DOT_R} fill={open ? '#fff' : color} stroke={color} strokeWidth={1.5} />;
  };

/** A 'markers' point: a diamond, apart from the dots of the lines. */
const markerOf = (color: string) =>
  function Marker({ cx, cy }: DotProps) {
    if (!Number.isFinite(cx) || !Number.isFinite(cy)) return <g />;
    const [x, y, r] = [cx!, cy!, MARKER_R];
    return <path className="chart-marker" d={`M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z`} fill={color} stroke="#fff" strokeWidth={1} />;
  };

/**
 * How a series draws: a line alone (the default), a line with dots, or markers with no line. A
 * dashed line's legend icon is a dashed line too ('plainline' carries the dash), so two series of
 * one colour, or colours a reader cannot tell apart, are told apart by their pattern.
 */
function look(s: SeriesSpec) {
  if (s.points === 'markers') return { dot: markerOf(s.color), strokeWidth: 0, legendType: 'diamond' as const };
  const legendType = s.unlisted ? ('none' as const) : s.dashed || s.dash ? ('plainline' as const) : ('line' as const);
  return { dot: s.points === 'dots' ? dotOf(s.color) : false, strokeWidth: 1.8, legendType };
}

/** One live chart: animations off, no dots but where a series asks for points, at most ~1000 points (downsampled in the worker). */
export const LineChartPanel = memo(function LineChartPanel({ title, caption, xLabel, yLabel, data, series, references = NO_REFERENCES, yDomain, xDomain, connectNulls, wholeX, shade, testId }: Props) {
  // Round ticks over every series' values and the reference lines (which extend the axis).
  const yAxis = useMemo(
    () => niceAxis([...data.flatMap((row) => series.map((s) => row[s.key])), ...references.map((r) => r.y)], yDomain),
    [data, series, references, yDomain],
  );
  return (
    <ChartFrame testId={testId} title={title} caption={caption} points={data.length} references={references.map((r) => ({ text: `${r.label} = ${formatNumber(r.y)}`, color: r.color }))}
      shaded={shade?.text}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart title={title} data={data} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
          <XAxis dataKey="x" type="number" domain={xDomain ?? X_FIT} tickFormatter={formatNumber} allowDecimals={!wholeX}>
            <Label value={xLabel} position="insideBottom" offset={-14} />
          </XAxis>
          <YAxis domain={yAxis?.domain ?? yDomain ?? ['auto', 'auto']} ticks={yAxis?.ticks} interval={yAxis ? 0 : undefined} tickFormatter={formatNumber} width={56}>
            <Label value={yLabel} angle={-90} position="insideLeft" style={{ textAnchor: 'middle' }} />
          </YAxis>
          <Tooltip formatter={formatNumber} labelFormatter={(x) => `${xLabel} ${x}`} isAnimationActive={false} />
          {/* No fixed height: recharts measures the legend, so one that wraps pushes the plot down instead of covering it. */}
          <Legend verticalAlign="top" labelStyle={LEGEND_LABEL} />
          {shade && <ReferenceArea x1={1} x2={shade.to} fill={SHADE} fillOpacity={0.35} stroke="none" ifOverflow="hidden" />}
          {references.map((r) => (
            // Named in the caption (ChartFrame), not on the plot, where a label covers the data.
            <ReferenceLine key={r.label} y={r.y} stroke={r.color} strokeDasharray="6 4" ifOverflow="extendDomain" />
          ))}
          {series.map((s) => (
            <Line
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              strokeDasharray={s.dash ?? (s.dashed ? DASH : undefined)}
              {...look(s)}
              connectNulls={connectNulls}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
});
