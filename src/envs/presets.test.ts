import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/validate';
import { differingFields, ENV_IDS, headlineCharts, isPresetLive, moduleOf, presetById, presetLiveScenario, presetScenario, presetVariant, PRESETS, viewOf } from './catalog';

describe('the gallery of presets', () => {
  it('has one preset per environment, with distinct ids, each a valid scenario (and each variant)', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(PRESETS.map((p) => p.scenario.env).sort()).toEqual([...ENV_IDS].sort());
    for (const p of PRESETS) {
      for (const v of [undefined, ...(p.variants ?? [])]) {
        const s = presetScenario(p, v);
        // Strict: a preset that the schema would silently fix up is a bug here.
        expect(parseScenario(s, 'strict').scenario).toEqual(s);
        for (const [k, value] of Object.entries({ ...p.scenario, ...v?.patch })) expect((s as Record<string, unknown>)[k]).toBe(value);
      }
    }
  });

  it('has a 1-minute version: a valid scenario, the full one but for its patch, no longer, and stated within a minute', () => {
    for (const p of PRESETS) {
      const fullScenario = presetScenario(p, presetVariant(p, null));
      const full = fullScenario as Record<string, unknown>;
      const live = presetLiveScenario(p);
      expect(parseScenario(live, 'strict').scenario, p.id).toEqual(live);
      expect(differingFields(fullScenario, live).sort(), p.id).toEqual(Object.keys(p.live.patch).filter((k) => p.live.patch[k] !== full[k]).sort());
      expect(moduleOf(live).iterations(live), p.id).toBeLessThanOrEqual(moduleOf(p.scenario.env).iterations(full as never));
      expect(isPresetLive(p, live), p.id).toBe(true);
      expect(p.live.seconds, p.id).toBeGreaterThan(0);
      expect(p.live.seconds, p.id).toBeLessThanOrEqual(60);
      // Each field it changes is one the form shows, so the explanation names it by its label.
      const formKeys = viewOf(p.scenario.env).form.flatMap((section) => section.items.map((item) => item.key));
      expect(Object.keys(p.live.patch).filter((k) => !formKeys.includes(k)), p.id).toEqual([]);
    }
    // The full Tobin scenario is not its 1-minute version.
    const tobin = presetById('tobin-tax')!;
    expect(isPresetLive(tobin, presetScenario(tobin, presetVariant(tobin, null)))).toBe(false);
  });

  it('asks only for figures its environment reports', () => {
    for (const p of PRESETS) {
      const keys = moduleOf(p.scenario.env).metrics.map((m) => m.key);
      expect(p.finalKeys.filter((k) => !keys.includes(k))).toEqual([]);
    }
  });

  it('names one or two of its own charts as the headline, drawn first', () => {
    for (const p of PRESETS) {
      const ids = viewOf(p.scenario.env).charts.map((c) => c.testId);
      expect(p.charts.length, p.id).toBeGreaterThanOrEqual(1);
      expect(p.charts.length, p.id).toBeLessThanOrEqual(2);
      expect(p.charts.filter((id) => !ids.includes(id)), p.id).toEqual([]);
      expect(headlineCharts(p.scenario.env, p.id)).toEqual(p.charts);
      // Another environment's preset, or none: that environment's first two.
      expect(headlineCharts(p.scenario.env, null)).toEqual(ids.slice(0, 2));
    }
    expect(headlineCharts('cobweb', 'tobin-tax')).toEqual(['chart-prices', 'chart-price-histogram']);
  });

  it('claims a comparison of figures its environment reports', () => {
    for (const p of PRESETS) {
      const keys = moduleOf(p.scenario.env).metrics.map((m) => m.key);
      const { claim } = p;
      const compared = claim.than === 'baseline' ? [] : 'key' in claim.than ? [claim.than.key] : [];
      expect([claim.key, ...compared].filter((k) => !keys.includes(k)), p.id).toEqual([]);
      expect(claim.text.length, p.id).toBeGreaterThan(20);
    }
  });

  it('typesets every equation without a KaTeX error', () => {
    for (const p of PRESETS) for (const e of p.equations) expect(() => katex.renderToString(e.tex, { displayMode: true, throwOnError: true })).not.toThrow();
  });

  it("opens the Tobin tax at the paper's c = 0.6 (C = 12 of n = 20) with that row of Table 2", () => {
    const tobin = presetById('tobin-tax')!;
    const v = presetVariant(tobin, null)!;
    expect(v.label).toBe('C = 12');
    expect(presetScenario(tobin, v)).toMatchObject({ env: 'entrance-tobin', n: 20, c: 0.6 });
    expect(v.paper).toBe('Table 2, n = 20, C = 12: std(D) 2.13 without a tax, 1.62 with the ADAGE leader.');
    expect(presetVariant(tobin, 0)!.paper).toContain('C = 2: std(D) 1.35 without a tax, 1.20 with');
  });

  it("says our result in the paper's terms from the final figures", () => {
    const tobin = presetById('tobin-tax')!;
    expect(tobin.ours({ volatility: 1.234, theta: 0.0987, attendance: 11.5 }, presetScenario(tobin))).toBe('std(D) 1.23 with τ learned at 0.099; mean attendance 11.50.');
    const mm = presetById('market-maker')!;
    expect(mm.ours({ shortfall: 0.062, spread: 0.8, pnl: 0.1234, share: 0.5 }, presetScenario(mm))).toBe(
      'largest reward shortfall below a specialist −6%; mean half spread 0.80, profit 0.123, share 0.50.',
    );
    expect(mm.ours({ shortfall: NaN, spread: 0.8, pnl: 0.1, share: 0.5 }, presetScenario(mm))).toContain('specialist –;');
  });
});
