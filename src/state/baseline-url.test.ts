import { describe, expect, it } from 'vitest';
import { baselineWanted, withBaselineParam } from './baseline-url';

describe('the baseline comparison in the address', () => {
  it('is asked for by baseline=1 only', () => {
    expect(baselineWanted('?baseline=1')).toBe(true);
    expect(baselineWanted('?backend=wasm&baseline=1')).toBe(true);
    expect(baselineWanted('?baseline=0')).toBe(false);
    expect(baselineWanted('')).toBe(false);
  });

  it('is set and removed keeping the other parameters', () => {
    expect(withBaselineParam('', true)).toBe('?baseline=1');
    expect(withBaselineParam('?backend=wasm', true)).toBe('?backend=wasm&baseline=1');
    expect(withBaselineParam('?backend=wasm&baseline=1', false)).toBe('?backend=wasm');
    expect(withBaselineParam('?baseline=1', false)).toBe('');
    expect(withBaselineParam('?baseline=1', true)).toBe('?baseline=1');
  });
});
