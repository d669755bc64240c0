/** Sizes in words, and a file refused by its size with its size, the limit and what it was for. */
import { describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES } from '../envs/calibration/series-data';
import { formatBytes, sizeProblem } from './file-size';
import { MAX_POLICIES_BYTES } from './policies-file';

describe('sizes in words', () => {
  it('are decimal, with at most three or four significant figures', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(MAX_CSV_BYTES)).toBe('200 kB');
    expect(formatBytes(10.5 * 2 ** 20)).toBe('11 MB');
    expect(formatBytes(10_500_000)).toBe('10.5 MB');
    expect(formatBytes(MAX_POLICIES_BYTES)).toBe('540 MB');
    expect(formatBytes(2 ** 29)).toBe('536.9 MB');
    expect(formatBytes(3.2e9)).toBe('3.2 GB');
  });
});

describe('a file refused by its size', () => {
  it('names its size, the limit and what the file was for', () => {
    expect(sizeProblem(MAX_CSV_BYTES, MAX_CSV_BYTES, 'observed prices')).toBeNull();
    expect(sizeProblem(MAX_CSV_BYTES + 1, MAX_CSV_BYTES, 'observed prices')).toBe('the file is 200,001 bytes, over the 200 kB (200,000 bytes) limit for observed prices');
    expect(sizeProblem(11_010_048, MAX_CSV_BYTES, 'observed prices')).toBe('the file is 11 MB, over the 200 kB limit for observed prices');
  });
});
