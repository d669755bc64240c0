import { describe, expect, it } from 'vitest';
import { figureOf, parseSections, reportMarkdown } from './report';

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

describe('a report file', () => {
  it("keeps the sections a later --presets run did not remake, in the gallery's order", () => {
    const section = (id: string, text: string) => `<!-- preset: ${id} -->\n## ${id}\n\n${text}`;
    const earlier = reportMarkdown(new Map([['pigouvian-tax', section('pigouvian-tax', 'old')], ['tobin-tax', section('tobin-tax', 'old')]]), new Map());
    const parsed = parseSections(earlier);
    expect([...parsed.keys()]).toEqual(['tobin-tax', 'pigouvian-tax']);
    const updated = reportMarkdown(new Map([['late-fairness', section('late-fairness', 'new')], ['tobin-tax', section('tobin-tax', 'new')]]), parsed);
    const order = [...updated.matchAll(/<!-- preset: ([\w-]+) -->\n## [\w-]+\n\n(\w+)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(order).toEqual(['tobin-tax new', 'late-fairness new', 'pigouvian-tax old']);
    expect(updated.startsWith('# Results\n')).toBe(true);
  });
});
