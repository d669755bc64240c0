import { describe, expect, it } from 'vitest';
import { defaultScenario, type MarketMakerScenario } from '../../scenario/schema';
import type { MetricsView } from '../../worker/api';
import { buildRows, OPEN_KEY, seriesOf } from './rows';
import { ENV_VIEWS, type SnapshotChart } from './specs';

const chart = (testId: string) => ENV_VIEWS['market-maker'].charts.find((c) => c.testId === testId) as SnapshotChart;
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
