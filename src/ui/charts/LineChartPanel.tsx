import { memo } from 'react';
import { CartesianGrid, Label, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, formatNumber } from './ChartFrame';
import type { SeriesSpec } from './specs';

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
  testId: string;
}

const X_FIT: ['dataMin', 'dataMax'] = ['dataMin', 'dataMax'];

/** One live chart: animations off, no dots, at most ~1000 points (downsampled in the worker). */
export const LineChartPanel = memo(function LineChartPanel({ title, caption, xLabel, yLabel, data, series, references = [], yDomain, xDomain, testId }: Props) {
  return (
    <ChartFrame testId={testId} title={title} caption={caption} points={data.length}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
          <XAxis dataKey="x" type="number" domain={xDomain ?? X_FIT} tickFormatter={formatNumber}>
            <Label value={xLabel} position="insideBottom" offset={-14} />
          </XAxis>
          <YAxis domain={yDomain ?? ['auto', 'auto']} tickFormatter={formatNumber} width={56}>
            <Label value={yLabel} angle={-90} position="insideLeft" style={{ textAnchor: 'middle' }} />
          </YAxis>
          <Tooltip formatter={formatNumber} labelFormatter={(x) => `${xLabel} ${x}`} isAnimationActive={false} />
          <Legend verticalAlign="top" height={24} />
          {references.map((r) => (
            <ReferenceLine key={r.label} y={r.y} stroke={r.color} strokeDasharray="6 4" ifOverflow="extendDomain">
              <Label value={`${r.label} = ${formatNumber(r.y)}`} position="insideTopRight" fill={r.color} fontSize={11} />
            </ReferenceLine>
          ))}
          {series.map((s) => (
            <Line
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              strokeDasharray={s.dashed ? '4 3' : undefined}
              legendType={s.unlisted ? 'none' : 'line'}
              dot={false}
              strokeWidth={1.8}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
});
