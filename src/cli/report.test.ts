import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseReport, reportSections } from '../envs/view/reported';
import { claimOverSeeds, figureOf, README_RESULTS_BEGIN, README_RESULTS_END, reportMarkdown, sectionMarkdown, withReadmeResults } from './report';

describe('a report figure', () => {
  it('pairs this run with its baseline seed by seed: the difference and whether its interval excludes 0', () => {
    // Differences 1, 1, 2: mean 4/3, s = 0.57735, t(0.975, 2) = 4.3027 -> half 1.4343: not larger.
    const f = figureOf('w', 'welfare', [{ w: 1 }, { w: 2 }, { w: 3 }], [{ w: 0 }, { w: 1 }, { w: 1 }]);
    expect(f.ours.mean).toBe(2);
    expect(f.baseline.mean).toBeCloseTo(2 / 3, 12);
    expect(f.difference.mean).toBeCloseTo(4 / 3, 12);
    expect(f.difference.half).toBeCloseTo((4.302653 * 0.57735) / Math.sqrt(3), 4);
    expect(f.differs).toBe(false);
    // The same difference on every seed: interval 0, larger.
    expect(figureOf('w', 'welfare', [{ w: 1 }, { w: 2 }], [{ w: 0 }, { w: 1 }]).differs).toBe(true);
  });
});

describe("a preset's claim over seeds", () => {
  it("pairs each seed's figure with what the claim compares it with: the baseline, another figure of the run, or a number", () => {
    // Against the baseline: differences 1, 1 (interval 0), higher is better: holds.
    const baseline = claimOverSeeds({ key: 'w', than: 'baseline', better: 'higher', text: 't', paper: '' }, [{ w: 1 }, { w: 2 }], [{ w: 0 }, { w: 1 }]);
    expect(baseline).toMatchObject({ difference: { mean: 1, half: 0 }, verdict: 'holds' });
    // Against another figure of the same run: differences -2, -1, -1, mean -4/3 with half 1.4343 (see above): not clear.
    const other = claimOverSeeds({ key: 'a', than: { key: 'b' }, better: 'lower', text: 't', paper: '' }, [{ a: 1, b: 3 }, { a: 2, b: 3 }, { a: 1, b: 2 }], [{}, {}, {}]);
    expect(other.difference.mean).toBeCloseTo(-4 / 3, 12);
    expect(other.verdict).toBe('not clear');
    // Against a number, the wrong side beyond the interval: differences 0.1, 0.1: does not hold.
    const value = claimOverSeeds({ key: 's', than: { value: 0.1 }, better: 'lower', text: 't', paper: '' }, [{ s: 0.2 }, { s: 0.2 }], [{}, {}]);
    expect(value.difference.mean).toBeCloseTo(0.1, 12);
    expect(value.verdict).toBe('does not hold');
  });
});

describe('a report file', () => {
  it("keeps the sections a later --presets run did not remake, in the gallery's order", () => {
    const section = (id: string, text: string) => `<!-- preset: ${id} -->\n## ${id}\n\n${text}`;
    const earlier = reportMarkdown(new Map([['pigouvian-tax', section('pigouvian-tax', 'old')], ['tobin-tax', section('tobin-tax', 'old')]]), new Map());
    const parsed = reportSections(earlier);
    expect([...parsed.keys()]).toEqual(['tobin-tax', 'pigouvian-tax']);
    const updated = reportMarkdown(new Map([['late-fairness', section('late-fairness', 'new')], ['tobin-tax', section('tobin-tax', 'new')]]), parsed);
    const order = [...updated.matchAll(/<!-- preset: ([\w-]+) -->\n## [\w-]+\n\n(\w+)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(order).toEqual(['tobin-tax new', 'late-fairness new', 'pigouvian-tax old']);
    expect(updated.startsWith('# Results\n')).toBe(true);
  });
});

describe('the results read back (envs/view/reported.ts)', () => {
  const figures = [figureOf('gini', 'Gini of returns', [{ gini: 0.35 }, { gini: 0.36 }, { gini: 0.34 }], [{ gini: 0.352 }, { gini: 0.362 }, { gini: 0.343 }])];
  const section = (command: string) =>
    sectionMarkdown(
      { preset: 'late-fairness', title: 'Late participants', env: 'entrance-diff', link: 'v=1&env=entrance-diff', paper: 'p', baseline: 'No tax.', figures, claim: { text: 'The tax lowers the Gini', difference: figures[0].difference, verdict: 'holds' } },
      command,
      'wasm',
      command.includes('--quick'),
    );

  it('gives each figure as the file prints it, with the seeds and the command', () => {
    const md = reportMarkdown(new Map([['late-fairness', section('npx adage-lab report --seeds 3 --evaluate 10 --out docs/results.md')]]), new Map());
    const read = parseReport(md).get('late-fairness')!;
    expect(read).toMatchObject({ title: 'Late participants', seeds: 3, quick: false, baseline: 'No tax.' });
    // Differences -0.002, -0.002, -0.003: every one below 0, so the interval excludes it.
    expect(read.figures).toEqual([{ key: 'gini', label: 'Gini of returns', ours: '0.3500 ± 0.0248', baseline: '0.3523 ± 0.0236', difference: '-0.00233 ± 0.00143', differs: true }]);
    expect(read.claim).toEqual({ verdict: 'holds', difference: '-0.00233 ± 0.00143' });
    const quick = parseReport(reportMarkdown(new Map([['late-fairness', section('npx adage-lab report --quick --seeds 2 --evaluate 2 --out x.md')]]), new Map()));
    expect(quick.get('late-fairness')).toMatchObject({ seeds: 2, quick: true });
  });

  it("puts them in the README's results table, and the README's table is the one docs/results.md makes", () => {
    const md = reportMarkdown(new Map([['late-fairness', section('npx adage-lab report --seeds 3 --evaluate 10 --out docs/results.md')]]), new Map());
    const readme = `# Lab\n\n${README_RESULTS_BEGIN}\nold\n${README_RESULTS_END}\n\nmore\n`;
    const refreshed = withReadmeResults(readme, md);
    expect(refreshed).toContain(`${README_RESULTS_BEGIN}\n| preset | figure |`);
    expect(refreshed).toContain('| Late participants (`late-fairness`, 3 seeds) | Gini of returns | 0.3500 ± 0.0248 | 0.3523 ± 0.0236 | -0.00233 ± 0.00143 | yes |');
    expect(refreshed).not.toContain('old');
    expect(refreshed.endsWith(`${README_RESULTS_END}\n\nmore\n`)).toBe(true);
    expect(() => withReadmeResults('# Lab\n', md)).toThrow('--readme: the file has no results table to refresh');
    // The repository's README quotes the repository's report, untouched by hand.
    const [readmeFile, reportFile] = ['README.md', 'docs/results.md'].map((f) => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8'));
    expect(withReadmeResults(readmeFile, reportFile)).toBe(readmeFile);
  });
});
