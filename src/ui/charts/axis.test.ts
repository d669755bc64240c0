import { describe, expect, it } from 'vitest';
import { niceAxis } from './axis';

describe('niceAxis', () => {
  it('steps by 1, 2 or 5 times a power of ten, where recharts stepped by 0.065', () => {
    expect(niceAxis([0.012, 0.26], [0, 'auto'])).toEqual({ domain: [0, 0.3], ticks: [0, 0.1, 0.2, 0.3] });
    expect(niceAxis([3.2, 17.9])).toEqual({ domain: [0, 20], ticks: [0, 5, 10, 15, 20] });
    expect(niceAxis([-0.98, -0.41])).toEqual({ domain: [-1, -0.4], ticks: [-1, -0.8, -0.6, -0.4] });
    expect(niceAxis([2.85, 4.1])).toEqual({ domain: [2.5, 4.5], ticks: [2.5, 3, 3.5, 4, 4.5] });
  });

  it('keeps a bound given as a number and skips values that are not finite', () => {
    expect(niceAxis([0.2, NaN, 0.7, Infinity], [0, 1])).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(niceAxis([12, 37], ['auto', 40])).toEqual({ domain: [10, 40], ticks: [10, 20, 30, 40] });
  });

  it('puts a single value inside the axis, and leaves the axis to recharts with nothing to place', () => {
    expect(niceAxis([5, 5])).toEqual({ domain: [4.4, 5.6], ticks: [4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6] });
    expect(niceAxis([0])).toEqual({ domain: [-1, 1], ticks: [-1, -0.5, 0, 0.5, 1] });
    expect(niceAxis([NaN])).toBeNull();
    expect(niceAxis([-3, -1], [0, 'auto'])).toBeNull();
  });
});
