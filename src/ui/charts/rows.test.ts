import { describe, expect, it } from 'vitest';
import { defaultScenario, type MarketMakerScenario } from '../../scenario/schema';
import type { MetricsView } from '../../worker/api';
import { BASELINE_DASH, BASELINE_DOTS, baselineLines, buildRows, mergeByIteration, OPEN_KEY, rowsWithBaseline, seriesOf, seriesWithBaseline, smoothRows } from './rows';
import { viewOf } from '../../envs/catalog';
import type { ChartSpec, IterationChart, SnapshotChart } from '../../envs/view/types';

const chart = (testId: string) => viewOf('market-maker').charts.find((c) => c.testId === testId) as SnapshotChart;
const f32 = (xs: number[]) => Float32Array.from(xs);
const view = (snapshots: Record<string, number[]>): MetricsView => ({
  x: f32([1]),
  columns: {},
  snapshots: Object.fromEntries(Object.entries(snapshots).map(([k, v]) => [k, f32(v)])),
  references: [],
});

/** The default evaluation grid: the five trained omegas and 0.1, 0.6, 0.9 never trained on. */
const GRID = [0, 0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 1];
const TRAINED = [0, 0.25, 0.5, 0.75, 1];

describe("the market maker's Figure 8 rows", () => {
  const spread = chart('chart-fig8-spread');
  const scenario = defaultScenario('market-maker') as MarketMakerScenario;
  const evaluation = {
    eval_omegas: GRID,
    eval_spread: GRID.map((w) => 1 + w),
    eval_spreadStd: GRID.map(() => 1.5),
    base_omegas: TRAINED,
    base_spread: TRAINED.map((w) => 2 * w),
  };

  it('puts each evaluated omega on its own row, with the band clamped at 0, the baselines at their omegas, the untrained ones open', () => {
    const rows = buildRows(view(evaluation), spread, scenario) as Record<string, number>[];
    expect(rows.map((r) => r.x)).toEqual(Array.from(f32(GRID)));
    expect(rows.map((r) => r[OPEN_KEY])).toEqual([0, 1, 0, 0, 1, 0, 1, 0]);
    const at = (w: number) => rows.find((r) => Math.abs(r.x - w) < 1e-6)!;
    expect(at(0.5).eval_spread).toBeCloseTo(1.5, 6);
    expect(at(0.5).eval_spreadLo).toBe(0); // 1.5 - 1.5 on an axis from 0
    expect(at(0.5).eval_spreadHi).toBeCloseTo(3, 6);
    expect(at(0.75).base_spread).toBeCloseTo(1.5, 6);
    expect(at(0.6).base_spread).toBeUndefined();
  });

  it('adds a row for a baseline at an omega the conditional MM was not evaluated at, keeping x sorted', () => {
    const rows = buildRows(view({ ...evaluation, base_omegas: [0.3], base_spread: [7] }), spread, scenario) as Record<string, number>[];
    expect(rows).toHaveLength(9);
    expect(rows.map((r) => r.x)).toEqual([...rows.map((r) => r.x)].sort((a, b) => a - b));
    expect(rows.find((r) => r.base_spread === 7)!.x).toBeCloseTo(0.3, 6);
  });

  it('draws the conditional MM as a line with dots, the baselines as markers without a line', () => {
    const series = seriesOf(spread);
    expect(series.find((s) => s.key === 'eval_spread')!.points).toBe('dots');
    expect(series.find((s) => s.key === 'base_spread')!.points).toBe('markers');
    expect(series.filter((s) => s.points === undefined).map((s) => s.key)).toEqual(['eval_spreadLo', 'eval_spreadHi']);
  });

  it('marks omegas of a custom training set as trained', () => {
    const rows = buildRows(view({ ...evaluation }), spread, { ...scenario, omegas: '0,0.1,0.6' }) as Record<string, number>[];
    expect(rows.filter((r) => r[OPEN_KEY] === 0).map((r) => Number(r.x.toFixed(2)))).toEqual([0, 0.1, 0.6]);
  });
});

describe("the market maker's order book", () => {
  it('has a row per step of the episode, quotes and trades from the snapshots', () => {
    const book = { bookPrice: [100, 101], bookBid: [99, 100], bookAsk: [101, 102], bookBought: [3, 0], bookSold: [1, 2] };
    const rows = buildRows(view(book), chart('chart-book'), defaultScenario('market-maker')) as Record<string, number>[];
    expect(rows).toEqual([
      { x: 1, bookAsk: 101, bookPrice: 100, bookBid: 99 },
      { x: 2, bookAsk: 102, bookPrice: 101, bookBid: 100 },
    ]);
    expect((buildRows(view(book), chart('chart-trades'), defaultScenario('market-maker')) as Record<string, number>[]).map((r) => r.bookSold)).toEqual([1, 2]);
  });
});

describe('a baseline merged into the iteration charts', () => {
  const entrance = (testId: string) => viewOf('entrance-tobin').charts.find((c) => c.testId === testId) as ChartSpec;
  const scenario = defaultScenario('entrance-tobin');
  const iterations = (columns: Record<string, number[]>): MetricsView => ({
    x: f32(columns.x),
    columns: Object.fromEntries(Object.entries(columns).filter(([k]) => k !== 'x').map(([k, v]) => [k, f32(v)])),
    snapshots: { episode: f32([1, 2, 3]) },
    references: [],
  });

  it('puts the baseline’s value of an iteration on that iteration’s row, and its later iterations on rows of their own', () => {
    const rows = mergeByIteration(
      [
        { x: 1, volatility: 0.5 },
        { x: 2, volatility: 0.25 },
      ],
      [
        { x: 1, volatility: 1 },
        { x: 2, volatility: 2 },
        { x: 3, volatility: 3 },
      ],
      ['volatility'],
    );
    expect(rows).toEqual([
      { x: 1, volatility: 0.5, volatility__baseline: 1 },
      { x: 2, volatility: 0.25, volatility__baseline: 2 },
      { x: 3, volatility__baseline: 3 },
    ]);
  });

  it('keeps the rows sorted when the two runs were downsampled to different iterations', () => {
    const rows = mergeByIteration([{ x: 2, a: 1 }, { x: 4, a: 2 }], [{ x: 3, a: 9 }, { x: 6, a: 8 }], ['a']);
    expect(rows.map((r) => r.x)).toEqual([2, 3, 4, 6]);
    expect(rows[1]).toEqual({ x: 3, a__baseline: 9 });
  });

  it('merges a view pair into a chart’s rows, a band chart’s mean included, and leaves snapshot charts alone', () => {
    const run = iterations({ x: [1, 2], volatility: [0.4, 0.3], theta: [0.05, 0.06], thetaStd: [0.01, 0.01] });
    const base = iterations({ x: [1, 2, 3], volatility: [0.9, 0.8, 0.7], theta: [0, 0, 0], thetaStd: [0, 0, 0] });
    const volatility = rowsWithBaseline(run, base, entrance('chart-volatility'), scenario) as Record<string, number>[];
    expect(volatility.map((r) => [r.x, r.volatility, r.volatility__baseline])).toEqual([
      [1, Math.fround(0.4), Math.fround(0.9)],
      [2, Math.fround(0.3), Math.fround(0.8)],
      [3, undefined, Math.fround(0.7)],
    ]);
    const tax = rowsWithBaseline(run, base, entrance('chart-tax'), scenario) as Record<string, number>[];
    expect(tax[1].theta__baseline).toBe(0);
    expect(tax[1]).not.toHaveProperty('thetaLo__baseline');
    expect(rowsWithBaseline(run, base, entrance('chart-episode'), scenario)).toEqual(buildRows(run, entrance('chart-episode'), scenario));
    // Without a baseline a chart's rows are its own.
    expect(rowsWithBaseline(run, null, entrance('chart-volatility'), scenario)).toEqual(buildRows(run, entrance('chart-volatility'), scenario));
  });

  it('draws each baseline line dashed in a lighter shade of its series’ colour, dotted under a dashed series, named "(baseline)"', () => {
    const taxes = viewOf('tax-economy').charts.find((c) => c.testId === 'chart-taxes') as IterationChart;
    const lines = baselineLines(taxes);
    expect(lines.map((l) => [l.key, l.name, l.dash])).toEqual([
      ['tauI__baseline', 'τ_i income (baseline)', BASELINE_DASH],
      ['xiI__baseline', 'ξ_i income (baseline)', BASELINE_DOTS],
      ['tauA__baseline', 'τ_a assets (baseline)', BASELINE_DASH],
      ['xiA__baseline', 'ξ_a assets (baseline)', BASELINE_DOTS],
    ]);
    expect(lines[0].color).toBe('#59a3cd'); // #0072B2 35% of the way to white: 255 x 0.35 = 89 (0x59), 114 + 141 x 0.35 = 163 (0xa3), 178 + 77 x 0.35 = 205 (0xcd)
    const welfare = viewOf('tax-economy').charts.find((c) => c.testId === 'chart-welfare') as IterationChart;
    expect(baselineLines(welfare).map((l) => l.name)).toEqual(['free market (baseline)', 'flat income tax (baseline)', 'government (baseline)']);
  });

  it('adds the lines to iteration charts only, and only with a baseline', () => {
    const volatility = entrance('chart-volatility');
    expect(seriesWithBaseline(volatility, false)).toEqual(seriesOf(volatility));
    expect(seriesWithBaseline(volatility, true).map((s) => s.name)).toEqual(['std(D)', 'std(D) (baseline)']);
    expect(seriesWithBaseline(entrance('chart-episode'), true)).toEqual(seriesOf(entrance('chart-episode')));
  });
});

describe('smoothRows', () => {
  it('averages each key over the iterations in (x - span, x], by iteration, skipping values that are not finite', () => {
    const rows = [
      { x: 1, a: 2, b: 10 },
      { x: 2, a: 4, b: NaN },
      { x: 3, a: 6, b: 30 },
      { x: 5, a: 8, b: 50 },
    ];
    // Span 3: at x = 3 the rows 1-3, at x = 5 the rows 3 and 5 (x = 2 is not in (2, 5]).
    expect(smoothRows(rows, ['a', 'b'], 3)).toEqual([
      { x: 1, a: 2, b: 10 },
      { x: 2, a: 3, b: NaN },
      { x: 3, a: 4, b: 20 },
      { x: 5, a: 7, b: 40 },
    ]);
    // Span 1 leaves the rows as they are; the input is not changed.
    expect(smoothRows(rows, ['a', 'b'], 1)).toEqual(rows);
    expect(rows[1]).toEqual({ x: 2, a: 4, b: NaN });
  });
});
