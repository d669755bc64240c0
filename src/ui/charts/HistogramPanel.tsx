import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Label, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, formatNumber } from './ChartFrame';
import { LEGEND_LABEL } from '../../envs/view/palette';
import type { SeriesSpec } from '../../envs/view/types';

interface Props {
  title: string;
  caption: string;
  xLabel: string;
  yLabel: string;
  /** One row per bin: x (the bin's lower edge, as text) and one share per group. */
  data: Record<string, number | string>[];
  groups: SeriesSpec[];
  /** Groups stacked in each bin (parts of one population) or side by side (distributions compared). */
  stacked: boolean;
  /** The bins in words, under the axis ("bins of width 0.25", "log scale, 4 bins per decade"). */
  bins: string;
  testId: string;
}

/** A histogram, animations off. */
export const HistogramPanel = memo(function HistogramPanel({ title, caption, xLabel, yLabel, data, groups, stacked, bins, testId }: Props) {
  return (
    <ChartFrame testId={testId} title={title} caption={caption} points={data.length}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart title={title} data={data} margin={{ top: 8, right: 16, bottom: 24, left: 8 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ddd" vertical={false} />
          <XAxis dataKey="x" interval={3}>
            <Label value={`${xLabel} (${bins})`} position="insideBottom" offset={-14} />
          </XAxis>
          <YAxis tickFormatter={formatNumber} width={56}>
            <Label value={yLabel} angle={-90} position="insideLeft" style={{ textAnchor: 'middle' }} />
          </YAxis>
          <Tooltip formatter={formatNumber} labelFormatter={(x) => `${xLabel} from ${x}`} isAnimationActive={false} />
          {/* No fixed height: recharts measures the legend, so one that wraps pushes the plot down instead of covering it. */}
          <Legend verticalAlign="top" labelStyle={LEGEND_LABEL} />
          {groups.map((g) => (
            <Bar key={g.key} dataKey={g.key} name={g.name} stackId={stacked ? 'groups' : undefined} fill={g.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
});
