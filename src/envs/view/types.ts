/**
 * The shape of an environment's view (src/envs/<id>/view.ts): plain data for the page, its form
 * sections, charts (over iterations, over the latest snapshot, or a histogram), headline figures,
 * Lucas-critique probe and presets, keyed by the metric and snapshot names its module reports.
 * The engine's side is its module.ts (src/envs/env-module.ts).
 *
 * Generic in the environment's scenario S, with methods (not arrow-typed properties) wherever a
 * scenario is read, so a view typed for its own scenario is a view of the scenario union too.
 */
import type { FinalMetrics } from '../../engine/metrics';
import type { Scenario } from '../../scenario/schema';
import type { ScenarioBase } from '../env-module';

// ---- Charts ----

export interface SeriesSpec {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
  /** The stroke's dash pattern (SVG stroke-dasharray) where it is not the usual dashed one (a baseline's line). */
  dash?: string;
  /** Drawn but not listed in the legend (the second edge of a band). */
  unlisted?: boolean;
  /** A metric whose latest value the legend shows beside the name (a Lorenz curve's Gini). */
  figure?: { key: string; label: string };
  /**
   * Points drawn, not only a line: 'dots' on the line, open where the row is extrapolated (see
   * SnapshotChart.extrapolated); 'markers' alone, with no line (a baseline at each of its x).
   */
  points?: 'dots' | 'markers';
}

/** Markers (see SeriesSpec.points) from one snapshot array, each at the x in another (a baseline at its own omega). */
export type MarkerSpec = Omit<SeriesSpec, 'points'> & { x: string };

/**
 * A mean drawn between two edges (metric keys): ± one std, or the lowest and highest of the
 * copies it is the mean of.
 */
export type BandSpec = { mean: string; name: string; color: string; points?: 'dots' } & ({ std: string } | { lo: string; hi: string });

interface ChartBase {
  testId: string;
  title: string;
  caption: string;
  yLabel: string;
}

interface WithReferences {
  /** Which of the environment's reference lines to draw, by id (see its module's references()). */
  refs?: string[];
}

/** Metrics per iteration. */
export interface IterationChart extends ChartBase, WithReferences {
  kind: 'iterations';
  series: SeriesSpec[];
  bands?: BandSpec[];
  yFromZero?: boolean;
}

/** Snapshot arrays as lines against their index + 1 (e.g. the steps of the latest episode). */
export interface SnapshotChart<S = Scenario> extends ChartBase, WithReferences {
  kind: 'snapshot';
  series: SeriesSpec[];
  xLabel: string;
  /** The points spread evenly over [lo, hi] (a Lorenz curve's population shares) instead of at steps 1, 2, ... */
  xRange?: [number, number];
  /** Each point's x read from this snapshot array (the preferences evaluated) instead of steps or xRange. */
  xKey?: string;
  /** Means between edges, as on an iteration chart, but snapshot arrays (± std across the markets played). */
  bands?: BandSpec[];
  /** Dots without a line at their own x (baselines); an x the other series lack adds a point. */
  markers?: MarkerSpec[];
  /** Which points a 'dots' series draws open: those outside what was trained on (extrapolation). */
  extrapolated?(x: number, scenario: S): boolean;
  yFromZero?: boolean;
  /** The line y = x drawn with the series (a Lorenz curve's perfect equality). */
  diagonal?: { name: string; color: string };
}

/**
 * Snapshot arrays as bars over equal bins of [lo, hi] (histograms): stacked when the groups
 * partition one population, side by side when they are two distributions to compare.
 */
export interface HistogramChart extends ChartBase {
  kind: 'histogram';
  groups: SeriesSpec[];
  xLabel: string;
  range: [number, number];
  stacked: boolean;
  /** range and bins are in log10 x (wealth over decades); the bins are labelled by x itself (0.01, 0.1, 1 ...). */
  log10?: boolean;
}

/** What a computed curve reads: the latest iteration's metrics, and the scenario (its fields that stay put during a run). */
export interface CurveInputs<S = Scenario> {
  latest(key: string): number;
  scenario: S;
}

export interface CurveSpec<S = Scenario> extends SeriesSpec {
  y(x: number, inputs: CurveInputs<S>): number;
}

/**
 * Functions of x computed from the latest figures (a tax schedule at the government's current
 * theta), sampled at `points` evenly spaced x in (lo, hi]; the axis spans [lo, hi].
 */
export interface CurvesChart<S = Scenario> extends ChartBase {
  kind: 'curves';
  xLabel: string;
  range: [number, number];
  points: number;
  curves: CurveSpec<S>[];
}

/** A figure of the simulation against the same figure of the target, and when they match. */
export interface MomentSpec {
  label: string;
  sim: string;
  target: string;
  /** Matched when |simulated - target| is at most this (given the target's std). */
  tolerance(targetStd: number): number;
  toleranceText: string;
}

/** Simulated against target moments, each marked matched or not. */
export interface MomentsTable extends ChartBase {
  kind: 'moments';
  moments: MomentSpec[];
  /** The metric holding the target's std, for relative tolerances. */
  targetStd: string;
}

/** Distribution errors of several simulators against the target, beside a paper's figures. */
export interface ErrorsTable extends ChartBase {
  kind: 'errors';
  rows: { label: string; mae: string; rmse: string; paper?: { mae: number; rmse: number } }[];
}

/** A point marked on a landscape: its x and y from the latest figures or from reference lines, by key or id. */
export interface LandscapeMark {
  name: string;
  color: string;
  from: 'metrics' | 'references';
  x: string;
  y: string;
  /** recharts' symbol: 'star', 'cross', 'diamond', ... */
  shape: 'star' | 'cross' | 'diamond' | 'triangle';
}

/**
 * A value over a grid of two parameters (snapshot arrays, one entry per cell) as coloured
 * squares, darkest where the value is lowest, with points marked on it.
 */
export interface LandscapeChart extends ChartBase {
  kind: 'landscape';
  /** Snapshot keys of each cell's x, y and value. */
  cells: { x: string; y: string; value: string };
  xLabel: string;
  /** What the value is, for the tooltip and the colour key. */
  valueLabel: string;
  marks: LandscapeMark[];
}

export type ChartSpec<S = Scenario> = IterationChart | SnapshotChart<S> | HistogramChart | CurvesChart<S> | MomentsTable | ErrorsTable | LandscapeChart;

export interface HeadlineSpec {
  key: string;
  label: string;
  digits: number;
  /** A reference line to show beside the value, by id (see the module's references()). */
  ref?: string;
  /** Another metric to show beside the value (the same figure in the free market). */
  vs?: { key: string; label: string };
}

/**
 * The Lucas-critique probe (SimApi.probe): what the followers' actions are called, and the
 * outcome figures (with units) shown for both sides. Its sliders are theta's fields (the
 * module's theta.fields), as the form shows them.
 */
export interface TrialSpec<S = Scenario> {
  /** theta's symbols in theta's order, for "acts as if θ = ...". */
  symbols: string[];
  /** Action k (discrete) or action dimension k (continuous), in words. */
  action(k: number, s: S): string;
  /** The outcomes, for both the adaptive followers and the fixed rule. */
  headline: HeadlineSpec[];
  /** testIds of charts in the environment's list drawn for the adaptive followers' episode. */
  charts?: string[];
}

// ---- The form ----

/**
 * A test of a scenario, checked with method parameters' bivariance (as `when` is), so that a
 * form written for one environment's scenario stands in the list of all of them.
 */
type ScenarioTest<S> = { test(s: S): boolean }['test'];

export interface FieldSpec<S = Scenario> {
  kind: 'number';
  key: string;
  label: string;
  unit?: string;
  step: number;
  /**
   * A slider beside the number box; 'log' for quantities spanning decades (step sizes, N from
   * 10 to 1000), whose slider moves by equal factors rather than equal amounts.
   */
  slider?: 'linear' | 'log';
  /**
   * May change while a run exists: a leader's setting that the running experiment takes at once
   * (a fixed leader's tax, a learning leader's bounds, step and schedule); everything else waits
   * for Reset. A function: live in the scenarios where it holds.
   */
  live?: boolean | ScenarioTest<S>;
  /** A learning setting (step sizes, network size) a class rarely changes: folded under "Advanced". */
  advanced?: boolean;
  /** Shown only when this holds. */
  when?(s: S): boolean;
}

export interface ChoiceSpec<S = Scenario> {
  kind: 'choice';
  key: string;
  label: string;
  /** A label for each of the schema's options. */
  labels: Record<string, string>;
  when?(s: S): boolean;
}

/** A file of data that sets a field (e.g. observed prices for a calibration target). */
export interface UploadSpec<S = Scenario> {
  kind: 'upload';
  key: string;
  label: string;
  hint: string;
  /** Files larger than this are refused before they are read. */
  maxBytes: number;
  /** The field's new value from the file's text, and the other fields it sets; throws with a message naming the problem. */
  read(text: string): Record<string, unknown>;
  /** What the field holds now, in words ('' when empty). */
  describe(value: string): string;
  when?(s: S): boolean;
}

/** A line of text checked by the field's schema and the scenario's cross-field rules (a list of numbers). */
export interface TextSpec<S = Scenario> {
  kind: 'text';
  key: string;
  label: string;
  /** What to type, in words, under the box. */
  hint: string;
  when?(s: S): boolean;
}

/** A yes/no field (a checkbox). */
export interface ToggleSpec<S = Scenario> {
  kind: 'toggle';
  key: string;
  label: string;
  hint?: string;
  when?(s: S): boolean;
}

export type FormItem<S = Scenario> = FieldSpec<S> | ChoiceSpec<S> | UploadSpec<S> | TextSpec<S> | ToggleSpec<S>;

/**
 * How the scenario appears in the form: sections of number fields (label, unit, input step)
 * and choices (labels of the schema's options). Ranges and options come from the schema, so form
 * and validation agree.
 */
export interface FormSection<S = Scenario> {
  legend: string;
  items: FormItem<S>[];
}

// ---- Presets ----

/** A scenario's fields over its environment's defaults. */
export type ScenarioPatch<S extends ScenarioBase = Scenario> = { env: S['env'] } & Record<string, string | number | boolean>;

export interface PresetVariant {
  /** The button's text, e.g. "C = 12". */
  label: string;
  patch: Record<string, string | number | boolean>;
  /** The paper's result for this variant (replaces the preset's). */
  paper: string;
}

/**
 * What a preset claims, checked on a run (view/verdict.ts): figure `key` is `better` than what it
 * is compared with: the same figure in the run's baseline, another figure of the run (`key`), or
 * a fixed value.
 */
export interface PresetClaim {
  key: string;
  than: 'baseline' | { key: string } | { value: number };
  better: 'lower' | 'higher';
  /** The claim in words ("The learned tax lowers std(D) below the no-tax baseline"). */
  text: string;
  /** The paper's (or theory's) figures for it, short ("1.62 against 2.13 without a tax"). */
  paper: string;
}

/**
 * One ready scenario per result of the papers (ADAGE, arXiv 2501.09429; Evans and Ganesh, arXiv
 * 2402.00787), with what a class needs beside the charts: the question, the equations (TeX,
 * typeset by KaTeX), what to watch for, and the paper's result, which the explanation panel sets
 * beside ours once the run ends. A patch over its environment's defaults, validated like any link.
 */
export interface Preset<S extends ScenarioBase = Scenario> {
  /** Stable: it goes in shared links (`?preset=`). */
  id: string;
  title: string;
  /** Where in the papers. */
  source: string;
  scenario: ScenarioPatch<S>;
  question: string;
  /** Display equations in TeX, each with a line saying what it is. */
  equations: { tex: string; note: string }[];
  watch: string[];
  /**
   * The one or two charts that show the preset's result (testIds of its environment's charts):
   * drawn first, beside the explanation; the others fold under "More charts".
   */
  charts: string[];
  /** The lesson is the difference from its baseline: the preset opens with "Compare with baseline" ticked. */
  compare?: boolean;
  /** The paper's reported result, in words and numbers. */
  paper: string;
  /** The result as one comparison, judged holds / does not hold on each run. */
  claim: PresetClaim;
  /** The final figures (FINAL_WINDOW mean) this preset's sentence about our run needs. */
  finalKeys: string[];
  /** Our run's result in the paper's terms, from its final figures. */
  ours(final: FinalMetrics, s: S): string;
  variants?: PresetVariant[];
  /** The variant the preset opens with (index into variants). */
  defaultVariant?: number;
  /** The 1-minute version, trained live in class (see PresetLive). */
  live: PresetLive;
}

/**
 * A preset's live version: its scenario (opening variant) with `patch`, sized so that its effect
 * shows within a minute on a 2-core machine: fewer iterations, warm-ups and copies ({} where the
 * preset already is). Its results over seeds are in docs/results-live.md (`adage-lab report
 * --live`); `seconds` is its time from Start to the last iteration, baseline included where the
 * lesson is a comparison, in Chromium on the project's 2-core machine (`npm run bench -- 10`).
 */
export interface PresetLive {
  patch: Record<string, string | number | boolean>;
  seconds: number;
}

// ---- The view ----

export interface EnvView<S extends ScenarioBase = Scenario> {
  form: FormSection<S>[];
  charts: ChartSpec<S>[];
  headline: HeadlineSpec[];
  trial?: TrialSpec<S>;
  /** The figures the baseline's one-line difference compares, by key of the headline (whose label and digits they take). */
  compared: string[];
  /** The gallery's presets of this environment, in the gallery's order. */
  presets: Preset<S>[];
}
