import { describe, expect, it } from 'vitest';
import { probeSentence } from './probe-difference';

const spec = { key: 'volatility', label: 'std(D)', digits: 2 };

describe("the probe's sentence per figure", () => {
  it('gives the paired difference in percent of the fixed rule with its interval, and calls it meaningful beyond the interval', () => {
    // Differences 0.1, 0.3 (mean 0.2, sample std 0.1414, half = t(0.975, 1) 12.706 · 0.1 = 1.2706): within.
    expect(probeSentence(spec, [1.1, 1.3], [1, 1])).toBe(
      'std(D): 1.20 adaptive against 1.00 for the fixed rule, +20% (95% interval −107% to +147%) over 2 paired episodes; within its interval: over these episodes the fixed rule predicts it as well, so this difference is not meaningful.',
    );
    // Differences −0.5, −0.6, −0.5, −0.6: mean −0.55, sample std 0.0577, half = 3.182 · 0.0289 = 0.0919; of 2: −28% (−32% to −23%).
    expect(probeSentence(spec, [1.5, 1.4, 1.5, 1.4], [2, 2, 2, 2])).toBe(
      'std(D): 1.45 adaptive against 2.00 for the fixed rule, −28% (95% interval −32% to −23%) over 4 paired episodes; larger than its interval: the followers’ response to θ matters here, and a rule fitted under the old θ mispredicts it.',
    );
  });

  it('says a deterministic probe’s single pair is exact, and leaves out what was not measured', () => {
    expect(probeSentence(spec, [0.7], [0.5])).toBe('std(D): 0.70 adaptive against 0.50 for the fixed rule, a difference of 0.20: the probe has no draws here, so that difference is exact.');
    expect(probeSentence(spec, [NaN], [0.5])).toBe('std(D): – adaptive against 0.50 for the fixed rule.');
  });
});
