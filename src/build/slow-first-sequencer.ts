/**
 * The unit tests' order: vitest's two workers each take the next file as they free up, so the
 * slowest files must start first or one worker ends minutes after the other. vitest orders by
 * the durations it remembers, but a fresh clone (CI) remembers none and orders by file size,
 * which puts the long runs (small files, minutes each) last. Here the kinds of slow test go
 * first, slowest kind first, and vitest's own order holds within a kind and for the rest.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Slowest first: 1000-iteration long runs, then calibrations, leaders and the command line's
 * spawned runs, then learning tests. (Unranked, calibrate-mu and the CLI's tests, 74 s and 79 s,
 * started last and ended the run alone.)
 */
const SLOW = [/long-run/, /calibrat[a-z-]*\.test|leader\.test|cli\.test/, /learning\.test|individual\.test/];

const rank = (file: string) => {
  const i = SLOW.findIndex((re) => re.test(file));
  return i < 0 ? SLOW.length : i;
};

export class SlowFirstSequencer extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f.moduleId) - rank(b.f.moduleId) || a.i - b.i).map(({ f }) => f);
  }
}
