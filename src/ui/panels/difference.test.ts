import { describe, expect, it } from 'vitest';
import { defaultScenario, type Scenario } from '../../scenario/schema';
import { percentChange } from '../../envs/view/figure-text';
import { differenceLine, windowMean, type IterationSeries } from './difference';

/** A run of `length` iterations: each metric ends with the values given (its last iterations) and is `early` before them. */
function run(length: number, late: Record<string, number[]>, early = 5): IterationSeries {
  const x = Array.from({ length }, (_, i) => i + 1);
  const columns = Object.fromEntries(
    Object.entries(late).map(([k, tail]) => [k, x.map((i) => (i > length - tail.length ? tail[i - 1 - (length - tail.length)] : early))]),
  );
  return { x, columns };
}

describe('the mean over a window of iterations', () => {
  it('takes the points with x in (from, to] and skips values not measured', () => {
    const s = { x: [1, 2, 3, 4], columns: { a: [100, NaN, 2, 4] } };
    expect(windowMean(s, 'a', 1, 4)).toBe(3);
    expect(windowMean(s, 'a', 1, 2)).toBeNaN();
    expect(windowMean(s, 'missing', 0, 4)).toBeNaN();
  });
});

describe('the relative change', () => {
  it('is signed, rounded, with a true minus sign, relative to the baseline’s size', () => {
    expect(percentChange(0.41, 0.93)).toBe(' (−56%)'); // -0.52 / 0.93 = -55.9%
    expect(percentChange(0.12, 0.1)).toBe(' (+20%)');
    expect(percentChange(-0.384, -0.417)).toBe(' (+8%)'); // 0.033 / 0.417 = 7.9%: higher welfare
    expect(percentChange(1, 1)).toBe(' (0%)');
  });

  it('is left out where the baseline is 0 or not measured', () => {
    expect(percentChange(1, 0)).toBe('');
    expect(percentChange(1, NaN)).toBe('');
    expect(percentChange(NaN, 1)).toBe('');
  });
});

describe('the one-line difference', () => {
  const tobin = defaultScenario('entrance-tobin');

  it('compares volatility and welfare over the last tenth of the iterations both runs have done', () => {
    // 20 iterations in common (the baseline is ahead): the window is iterations 19-20.
    const learned = run(20, { volatility: [0.4, 0.42], welfare: [0.12, 0.12] });
    const without = run(25, { volatility: [0.9, 0.96, 50, 50, 50, 50, 50], welfare: [0.1, 0.1, 9, 9, 9, 9, 9] });
    expect(differenceLine(tobin, learned, without)).toBe('Learned tax: std(D) 0.41 vs 0.93 without (−56%); welfare 0.12 vs 0.10 (+20%); iterations 19–20.');
  });

  it('names the environment’s own figures and leader', () => {
    const tax = { ...defaultScenario('tax-economy'), leader: 'fixed' } as Scenario;
    const line = differenceLine(tax, run(10, { welfareGov: [-0.384], giniWealth: [0.1] }), run(10, { welfareGov: [-0.417], giniWealth: [0.2] }));
    expect(line).toBe('Fixed taxes: welfare -0.384 vs -0.417 without taxes (+8%); wealth Gini 0.100 vs 0.200 (−50%); iteration 10.');
    const mm = defaultScenario('market-maker');
    // A figure the baseline did not measure shows as a dash, with no change given.
    expect(differenceLine(mm, run(3, { reward: [0.3], spread: [0.8] }), run(3, { reward: [0.3], spread: [NaN] }))).toBe(
      'Maximum-entropy ω: reward 0.300 vs 0.300 at fixed ω = 0.5 (0%); half spread h 0.800 vs –; iteration 3.',
    );
  });

  it('is empty until both runs have an iteration', () => {
    expect(differenceLine(tobin, null, run(3, {}))).toBe('');
    expect(differenceLine(tobin, run(3, {}), { x: [], columns: {} })).toBe('');
  });
});
