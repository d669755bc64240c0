import { describe, expect, it } from 'vitest';
import { DEFAULT_ITERATION_OPTIONS, parseIterationOptions, type ITERATION_FLAGS } from './iteration-options';

const parse = (flags: Partial<Record<(typeof ITERATION_FLAGS)[number], string>>) => parseIterationOptions((f) => flags[f]);

describe('figure 9 options', () => {
  it('defaults to issue 19: three sizes, hidden 64 and 256, every backend and host, distinct rows', () => {
    const o = parse({});
    expect(o).toEqual(DEFAULT_ITERATION_OPTIONS);
    expect(o.sizes).toEqual([
      { n: 100, markets: 8, horizon: 128 },
      { n: 1000, markets: 8, horizon: 128 },
      { n: 10000, markets: 4, horizon: 128 },
    ]);
    expect(o.hidden).toEqual([64, 256]);
  });

  it('reads comma lists and the budget', () => {
    const o = parse({ '--sizes': '100x8x128, 20x1x16', '--hidden': '16', '--backends': 'webgpu,cpu', '--hosts': 'node', '--rows': 'distinct,every', '--budget': '2.5' });
    expect(o).toEqual({
      sizes: [
        { n: 100, markets: 8, horizon: 128 },
        { n: 20, markets: 1, horizon: 16 },
      ],
      hidden: [16],
      backends: ['webgpu', 'cpu'],
      hosts: ['node'],
      rows: ['distinct', 'every'],
      budgetS: 2.5,
    });
  });

  it('names the flag and what it allows when a value is wrong', () => {
    expect(() => parse({ '--sizes': '100x8' })).toThrow('--sizes: "100x8" is not n x markets x horizon');
    expect(() => parse({ '--sizes': '100x0x128' })).toThrow('--sizes: "0" is not a whole number above 0');
    expect(() => parse({ '--hidden': '6.5' })).toThrow('--hidden');
    expect(() => parse({ '--backends': 'cuda' })).toThrow('--backends: "cuda" is not one of webgpu, webgl, wasm, cpu');
    expect(() => parse({ '--hosts': 'python' })).toThrow('--hosts: "python" is not one of node, chromium');
    expect(() => parse({ '--rows': 'all' })).toThrow('--rows');
    expect(() => parse({ '--budget': '0' })).toThrow('--budget');
    expect(() => parse({ '--budget': 'soon' })).toThrow('--budget');
    expect(() => parse({ '--hidden': ',' })).toThrow('--hidden needs a value');
  });
});
