import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Label, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, formatNumber } from './ChartFrame';
import { PALETTE } from '../../envs/view/palette';

interface Props {
  /** One row per action: its name and the two sides' values. */
  data: { action: string; adaptive: number; fixedRule: number }[];
  yLabel: string;
  fixedRuleName: string;
}

/** The probe's actions, adaptive followers beside the fixed rule, grouped by action; animations off. */
export const ProbeBars = memo(function ProbeBars({ data, yLabel, fixedRuleName }: Props) {
  return (
    <ChartFrame testId="probe-actions" title="The followers' actions" caption={`${yLabel}, over the followers and the steps of the probe's episode`} points={data.length}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 24, left: 8 }} barCategoryGap="15%">
          <CartesianGrid strokeDasharray="3 3" stroke="#ddd" vertical={false} />
          <XAxis dataKey="action" interval="preserveStartEnd">
            <Label value="action" position="insideBottom" offset={-14} />
          </XAxis>
          <YAxis tickFormatter={formatNumber} width={56}>
            <Label value={yLabel} angle={-90} position="insideLeft" style={{ textAnchor: 'middle' }} />
          </YAxis>
          <Tooltip formatter={formatNumber} isAnimationActive={false} />
          <Legend verticalAlign="top" height={24} />
          <Bar dataKey="adaptive" name="adaptive followers (see θ)" fill={PALETTE.blue} isAnimationActive={false} />
          <Bar dataKey="fixedRule" name={fixedRuleName} fill={PALETTE.vermillion} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
});
