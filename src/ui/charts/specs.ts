/**
 * What each environment shows: its charts (over iterations, over the latest snapshot, or a
 * histogram) and the headline figures under the progress bar, keyed by the metric and snapshot
 * names its engine reports (see envs/registry.ts).
 */
import type { EnvId } from '../../scenario/schema';
import { PALETTE } from './palette';

export interface SeriesSpec {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
  /** Drawn but not listed in the legend (the second edge of a band). */
  unlisted?: boolean;
}

/** A mean drawn with a band of ± one std (both metric keys). */
export interface BandSpec {
  mean: string;
  std: string;
  name: string;
  color: string;
}

interface ChartBase {
  testId: string;
  title: string;
  caption: string;
  yLabel: string;
}

/** Metrics per iteration. `refs`: how many of the environment's reference lines to draw. */
export interface IterationChart extends ChartBase {
  kind: 'iterations';
  series: SeriesSpec[];
  bands?: BandSpec[];
  refs?: number;
  yFromZero?: boolean;
}

/** One snapshot array as a line against its index + 1 (e.g. the steps of the latest episode). */
export interface SnapshotChart extends ChartBase {
  kind: 'snapshot';
  snapshot: string;
  name: string;
  color: string;
  xLabel: string;
  refs?: number;
}

/** Snapshot arrays as stacked bars over equal bins of [0, 1] (a histogram by group). */
export interface HistogramChart extends ChartBase {
  kind: 'histogram';
  groups: SeriesSpec[];
  xLabel: string;
}

export type ChartSpec = IterationChart | SnapshotChart | HistogramChart;

export interface HeadlineSpec {
  key: string;
  label: string;
  digits: number;
}

export interface EnvView {
  charts: ChartSpec[];
  headline: HeadlineSpec[];
}

const entrance: EnvView = {
  charts: [
    {
      kind: 'iterations',
      testId: 'chart-attendance',
      title: 'Attendance',
      caption: 'mean number of traders entering per step, averaged over markets',
      yLabel: 'D (traders)',
      series: [{ key: 'attendance', name: 'mean attendance D', color: PALETTE.blue }],
      refs: 2,
    },
    {
      kind: 'iterations',
      testId: 'chart-volatility',
      title: 'Volatility',
      caption: "std of D over each episode (sample std), mean over markets; the leader's objective when reducing volatility",
      yLabel: 'std(D) (traders)',
      series: [{ key: 'volatility', name: 'std(D)', color: PALETTE.vermillion }],
    },
    {
      kind: 'iterations',
      testId: 'chart-tax',
      title: 'Tax path τ',
      caption: "the leader's tax, mean over markets (band: ± std across markets)",
      yLabel: 'τ (share of r*)',
      series: [],
      bands: [{ mean: 'theta', std: 'thetaStd', name: 'mean τ', color: PALETTE.green }],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-welfare',
      title: 'Welfare',
      caption: 'mean trader reward per step after tax (β = 1 for staying out)',
      yLabel: 'reward per step',
      series: [{ key: 'welfare', name: 'mean reward', color: PALETTE.purple }],
    },
    {
      kind: 'snapshot',
      testId: 'chart-episode',
      title: 'Latest episode',
      caption: 'attendance D_t step by step in market 1 during the most recent episode',
      yLabel: 'D_t (traders)',
      snapshot: 'episode',
      name: 'D_t',
      color: PALETTE.blue,
      xLabel: 'step t',
      refs: 1,
    },
    {
      kind: 'iterations',
      testId: 'chart-learning',
      title: 'Learning diagnostics',
      caption: "followers' PPO: policy entropy (nats) and value loss",
      yLabel: 'value',
      series: [
        { key: 'entropy', name: 'entropy', color: PALETTE.orange },
        { key: 'valueLoss', name: 'value loss', color: PALETTE.sky },
      ],
    },
  ],
  headline: [
    { key: 'attendance', label: 'attendance D', digits: 2 },
    { key: 'volatility', label: 'std(D)', digits: 2 },
    { key: 'theta', label: 'τ', digits: 3 },
    { key: 'welfare', label: 'welfare', digits: 2 },
  ],
};

const G1 = PALETTE.blue;
const G2 = PALETTE.orange;

const entranceDiff: EnvView = {
  charts: [
    {
      kind: 'iterations',
      testId: 'chart-attendance',
      title: 'Attendance',
      caption: 'mean attendance probability over all agents and runs',
      yLabel: 'a (probability)',
      series: [{ key: 'attendance', name: 'mean a', color: PALETTE.black }],
      refs: 2,
      yFromZero: true,
    },
    {
      kind: 'histogram',
      testId: 'chart-strategies',
      title: 'Strategies now',
      caption: 'share of all agents (every run) by attendance probability a_i, by group',
      yLabel: 'share of agents',
      xLabel: 'a_i',
      groups: [
        { key: 'histG1', name: 'G1 (from the start)', color: G1 },
        { key: 'histG2', name: 'G2 (late)', color: G2 },
      ],
    },
    {
      kind: 'iterations',
      testId: 'chart-groups',
      title: 'Attendance by group',
      caption: 'mean attendance probability of each group; G2 is held at 0 until ι_G2',
      yLabel: 'a (probability)',
      series: [
        { key: 'attendanceG1', name: 'G1 (from the start)', color: G1 },
        { key: 'attendanceG2', name: 'G2 (late)', color: G2 },
      ],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-fairness',
      title: 'Fairness',
      caption: 'Gini coefficient of cumulative returns (0 = everyone equal), mean over runs (band: ± std across runs)',
      yLabel: 'Gini',
      series: [],
      bands: [{ mean: 'gini', std: 'giniStd', name: 'Gini', color: PALETTE.vermillion }],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-tax',
      title: 'Tax path τ',
      caption: "the over-use tax, mean over runs (band: ± std across runs)",
      yLabel: 'τ',
      series: [],
      bands: [{ mean: 'tau', std: 'tauStd', name: 'mean τ', color: PALETTE.green }],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-taxes-paid',
      title: 'Taxes paid',
      caption: 'tax paid per agent and iteration, a_i τ max(a_i − m, 0), mean over each group',
      yLabel: 'tax',
      series: [
        { key: 'taxG1', name: 'G1', color: G1 },
        { key: 'taxG2', name: 'G2', color: G2 },
      ],
      yFromZero: true,
    },
  ],
  headline: [
    { key: 'attendance', label: 'mean a', digits: 3 },
    { key: 'gap', label: 'gap G1 − G2', digits: 3 },
    { key: 'tau', label: 'τ', digits: 4 },
    { key: 'gini', label: 'Gini', digits: 3 },
  ],
};

export const ENV_VIEWS: Record<EnvId, EnvView> = {
  'entrance-tobin': entrance,
  'entrance-diff': entranceDiff,
};
