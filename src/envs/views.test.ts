import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../scenario/schema';
import { ENV_IDS, moduleOf, viewOf } from './catalog';
import type { ChartSpec, CurvesChart, SeriesSpec } from './view/types';

/** The metric keys a chart reads: its series and bands, legend figures, table cells. */
function metricsOf(chart: ChartSpec): string[] {
  const figures = (series: SeriesSpec[]) => series.flatMap((s) => (s.figure ? [s.figure.key] : []));
  switch (chart.kind) {
    case 'iterations':
      return [...chart.series.map((s) => s.key), ...figures(chart.series), ...(chart.bands ?? []).flatMap((b) => [b.mean, ...('std' in b ? [b.std] : [b.lo, b.hi])])];
    case 'snapshot':
      return figures(chart.series);
    case 'histogram':
      return figures(chart.groups);
    case 'curves':
      return []; // read through latest(), checked by the schedules' own test below
    case 'moments':
      return [chart.targetStd, ...chart.moments.flatMap((m) => [m.sim, m.target])];
    case 'errors':
      return chart.rows.flatMap((r) => [r.mae, r.rmse]);
    case 'landscape':
      return chart.marks.flatMap((m) => (m.from === 'metrics' ? [m.x, m.y] : []));
  }
}

describe('each environment’s view', () => {
  it.each(ENV_IDS)('%s: every metric its charts and headline name is one its engine reports', (env) => {
    const reported = new Set(moduleOf(env).metrics.map((m) => m.key));
    const view = viewOf(env);
    const named = [...view.charts.flatMap(metricsOf), ...view.headline.flatMap((h) => [h.key, ...(h.vs ? [h.vs.key] : [])])];
    expect(named.filter((key) => !reported.has(key))).toEqual([]);
  });

  // The module's `final` flags are the one list of headline figures: the command line's run and
  // sweep summarise exactly those, so whatever the page headlines or a preset's sentence cites
  // must be among them (sweeps once dropped Cournot's maeNash and the market maker's shortfall).
  it.each(ENV_IDS)('%s: its headline figures and its presets’ final figures are ones the module marks final', (env) => {
    const final = new Set(moduleOf(env).metrics.filter((m) => m.final).map((m) => m.key));
    const view = viewOf(env);
    const cited = [...view.headline.flatMap((h) => [h.key, ...(h.vs ? [h.vs.key] : [])]), ...view.presets.flatMap((p) => p.finalKeys)];
    expect(cited.filter((key) => !final.has(key))).toEqual([]);
  });

  it.each(ENV_IDS)('%s: test ids are unique (the e2e tests and the redraw cache key on them)', (env) => {
    const ids = viewOf(env).charts.map((c) => c.testId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the tax economy’s income tax schedule', () => {
  const chart = viewOf('tax-economy').charts.find((c) => c.testId === 'chart-income-tax') as CurvesChart;
  const curve = (key: string) => chart.curves.find((c) => c.key === key)!;
  const scenario = defaultScenario('tax-economy'); // flatTax 0.2
  const inputs = (theta: Record<string, number>) => ({ latest: (key: string) => theta[key], scenario });

  it('draws the flat-tax economy at its rate at every income', () => {
    for (const x of [0.05, 1, 5]) expect(curve('flat').y(x, inputs({}))).toBeCloseTo(0.2, 12);
  });

  it("draws the government's average rate at its latest (tau_i, xi_i): level when flat, rising from 0 when progressive", () => {
    const flat = inputs({ tauI: 0.3, xiI: 0 });
    for (const x of [0.5, 4]) expect(curve('government').y(x, flat)).toBeCloseTo(0.3, 12);
    // tau = xi = 0.2: T(x) = x - x^0.8, zero up to x = 1; T(4)/4 = 1 - 4^(-0.2) = 0.242142.
    const progressive = inputs({ tauI: 0.2, xiI: 0.2 });
    expect(curve('government').y(0.5, progressive)).toBe(0);
    expect(curve('government').y(4, progressive)).toBeCloseTo(0.242142, 6);
  });
});
