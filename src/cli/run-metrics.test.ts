import { describe, expect, it } from 'vitest';
import { FINAL_WINDOW, finalMetrics } from '../engine/metrics';
import { summarise, type IterationRow } from './run-metrics';

const KEYS = ['volatility', 'attendance', 'welfare', 'theta', 'mapc'];

describe('run metrics', () => {
  it('final figures average the last FINAL_WINDOW iterations, or all if fewer', () => {
    const row = (i: number) => ({ iteration: i, volatility: i, attendance: 2 * i, welfare: -i, theta: i / 4, mapc: 0.5 }) as IterationRow;
    const rows = Array.from({ length: FINAL_WINDOW + 5 }, (_, i) => row(i + 1));
    const lastMean = (FINAL_WINDOW + 1) / 2 + 5;
    expect(finalMetrics(rows, KEYS)).toEqual({ volatility: lastMean, attendance: 2 * lastMean, welfare: -lastMean, theta: lastMean / 4, mapc: 0.5 });
    expect(finalMetrics(rows.slice(0, 3), KEYS).volatility).toBe(2);
  });

  it('summarises seeds with the mean and the sample std', () => {
    const f = (v: number) => ({ volatility: v, attendance: 5, welfare: 0, theta: 0.05, mapc: 0.2 });
    const s = summarise([f(1), f(2), f(3)], KEYS);
    expect(s.volatility).toEqual({ mean: 2, std: 1 });
    expect(s.attendance).toEqual({ mean: 5, std: 0 });
  });
});
