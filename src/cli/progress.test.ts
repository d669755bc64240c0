import { describe, expect, it } from 'vitest';
import { formatDuration } from './progress';

describe('the progress line’s durations', () => {
  it('carries a rounding into the next unit: never "12m60s" or "59m60s" (cli-progress wrote both)', () => {
    expect(formatDuration(779, 5)).toBe('13m00s'); // 12m59s to the nearest 5 s
    expect(formatDuration(778, 5)).toBe('13m00s');
    expect(formatDuration(777, 5)).toBe('12m55s');
    expect(formatDuration(3599, 5)).toBe('1h00m');
    expect(formatDuration(3599.6)).toBe('1h00m');
    expect(formatDuration(7170)).toBe('2h00m'); // 1h59m30s to the nearest minute
    expect(formatDuration(59.6)).toBe('1m00s');
  });

  it('reads seconds, minutes and hours plainly, and an ETA not known yet as "?"', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(42, 5)).toBe('40s');
    expect(formatDuration(4, 5)).toBe('4s');
    expect(formatDuration(65)).toBe('1m05s');
    expect(formatDuration(3 * 3600 + 7 * 60 + 10)).toBe('3h07m');
    for (const unknown of ['NULL', 'INF', NaN, -1]) expect(formatDuration(unknown, 5)).toBe('?');
  });
});
