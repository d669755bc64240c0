import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_OPTIONS, preferredBackend, readPageOptions, writePageOptions } from './page-options';

/** Two presets: one with four variants, one with none. */
const PRESETS = [{ id: 'tobin-tax', variants: ['C = 4', 'C = 8', 'C = 12', 'C = 16'].map((label) => ({ label })) }, { id: 'market-maker' }];
const CHARTS = ['chart-learning', 'chart-volatility'];

describe('page options in the query', () => {
  it('reads a classroom link: preset, variant, hidden parts and charts, large type by default', () => {
    const { options, problems } = readPageOptions('?preset=tobin-tax&variant=3&classroom=1&hide=form,backend,chart-learning&backend=wasm', PRESETS, CHARTS);
    expect(problems).toEqual([]);
    expect(options).toEqual({ preset: 'tobin-tax', variant: 3, classroom: true, hide: ['form', 'backend', 'chart-learning'], font: 'large', baseline: false, smooth: false, pace: null, more: false });
  });

  it.each(['baseline', 'smooth', 'more'] as const)('asks for %s by %s=1 only', (key) => {
    const wanted = (search: string) => readPageOptions(search, PRESETS, CHARTS).options[key];
    expect(wanted(`?${key}=1`)).toBe(true);
    expect(wanted(`?backend=wasm&${key}=1`)).toBe(true);
    expect(wanted(`?${key}=0`)).toBe(false);
    expect(wanted('')).toBe(false);
  });

  it('hides the form, the gallery and the tagline in classroom mode unless the link names what to hide (hide= for nothing)', () => {
    const read = (search: string) => readPageOptions(search, PRESETS, CHARTS).options;
    expect(read('?classroom=1').hide).toEqual(['form', 'gallery', 'tagline']);
    expect(read('?classroom=1&hide=').hide).toEqual([]);
    expect(read('?classroom=1&hide=backend').hide).toEqual(['backend']);
    expect(read('').hide).toEqual([]);
    const classroom = { ...DEFAULT_PAGE_OPTIONS, classroom: true, font: 'large' as const };
    expect(writePageOptions('', { ...classroom, hide: ['gallery', 'tagline', 'form'] })).toBe('?classroom=1');
    expect(writePageOptions('', { ...classroom, hide: [] })).toBe('?classroom=1&hide=');
    expect(read(writePageOptions('', { ...classroom, hide: [] })).hide).toEqual([]);
  });

  it('names every bad value and falls back for it alone', () => {
    const { options, problems } = readPageOptions('?preset=stock-market&variant=-2&classroom=yes&baseline=on&smooth=2&hide=form,sidebar&pace=3&font=huge', PRESETS, CHARTS);
    expect(options).toEqual({ ...DEFAULT_PAGE_OPTIONS, hide: ['form'] });
    expect(problems.map((p) => p.field)).toEqual(['preset', 'variant', 'classroom', 'baseline', 'smooth', 'hide', 'pace', 'font']);
    expect(problems[6].message).toBe('pace must be one of 2, 1, 0.5 (iterations a second), got "3"; running at full speed');
    expect(problems[4].message).toBe('smooth must be 1 or 0, got "2"; smoothing is off');
    expect(problems[3].message).toBe('baseline must be 1 or 0, got "on"; the baseline comparison is off');
    expect(problems[0].message).toContain('preset "stock-market" is not in the gallery (tobin-tax, market-maker)');
    expect(problems[5].message).toContain('hide: "sidebar" is not a part of the page');
    expect(problems[7].message).toBe('font must be one of normal, large, x-large, got "huge"; using normal');
  });

  it('names parts of Object.prototype given to hide, like any part the page does not have', () => {
    const { options, problems } = readPageOptions('?hide=__proto__,toString,form,constructor', PRESETS, CHARTS);
    expect(options.hide).toEqual(['form']);
    expect(problems.map((p) => p.message.split(';')[0])).toEqual(['hide: "__proto__" is not a part of the page', 'hide: "toString" is not a part of the page', 'hide: "constructor" is not a part of the page']);
  });

  it("names a variant the preset does not have, a variant of a preset without variants, and one without a preset", () => {
    const read = (search: string) => readPageOptions(search, PRESETS, CHARTS);
    expect(read('?preset=tobin-tax&variant=3')).toMatchObject({ options: { preset: 'tobin-tax', variant: 3 }, problems: [] });
    expect(read('?preset=tobin-tax&variant=99')).toEqual({
      options: { ...DEFAULT_PAGE_OPTIONS, preset: 'tobin-tax' },
      problems: [{ field: 'variant', message: `variant must be a whole number from 0 to 3 for preset "tobin-tax" (0: C = 4, 1: C = 8, 2: C = 12, 3: C = 16), got "99"; using the preset's own` }],
    });
    expect(read('?preset=tobin-tax&variant=1.5').problems[0].message).toContain('got "1.5"');
    expect(read('?preset=market-maker&variant=0')).toEqual({
      options: { ...DEFAULT_PAGE_OPTIONS, preset: 'market-maker' },
      problems: [{ field: 'variant', message: 'variant: preset "market-maker" has no variants; "0" is ignored' }],
    });
    expect(read('?variant=2')).toEqual({
      options: DEFAULT_PAGE_OPTIONS,
      problems: [{ field: 'variant', message: 'variant chooses among a gallery preset\'s variants, and no preset is open (preset=...); "2" is ignored' }],
    });
  });

  it('names a backend the lab does not have, and takes one it has', () => {
    expect(readPageOptions('?backend=wasm', PRESETS, CHARTS).problems).toEqual([]);
    expect(preferredBackend('?backend=wasm')).toBe('wasm');
    expect(readPageOptions('?backend=cuda', PRESETS, CHARTS).problems).toEqual([{ field: 'backend', message: 'backend must be one of webgpu, webgl, wasm, cpu, got "cuda"; the lab chooses one itself' }]);
    expect(preferredBackend('?backend=cuda')).toBeUndefined();
  });

  it('writes the options back, keeping other parameters and leaving defaults out, and reads them again', () => {
    const o = { preset: 'market-maker', variant: null, classroom: true, hide: ['form', 'export'], font: 'x-large' as const, baseline: false, smooth: true, pace: 0.5 as const, more: true };
    const search = writePageOptions('?backend=wasm&classroom=1', o);
    expect(search).toBe('?backend=wasm&classroom=1&preset=market-maker&hide=form,export&font=x-large&smooth=1&pace=0.5&more=1');
    expect(readPageOptions(search, PRESETS, CHARTS).options).toEqual(o);
    expect(writePageOptions('?classroom=1&hide=form', DEFAULT_PAGE_OPTIONS)).toBe('');
  });

  it('sets and removes the baseline comparison keeping the other parameters', () => {
    const on = { ...DEFAULT_PAGE_OPTIONS, baseline: true };
    expect(writePageOptions('', on)).toBe('?baseline=1');
    expect(writePageOptions('?backend=wasm', on)).toBe('?backend=wasm&baseline=1');
    expect(writePageOptions('?backend=wasm&baseline=1', DEFAULT_PAGE_OPTIONS)).toBe('?backend=wasm');
    expect(writePageOptions('?baseline=1', DEFAULT_PAGE_OPTIONS)).toBe('');
    expect(writePageOptions('?baseline=1', on)).toBe('?baseline=1');
  });
});
