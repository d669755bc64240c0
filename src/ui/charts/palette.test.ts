import { describe, expect, it } from 'vitest';
import { PALETTE, referenceColor, tint } from '../../envs/view/palette';
import { seriesOf } from './rows';
import { CATALOG } from '../../envs/catalog';
import { defaultScenario } from '../../scenario/schema';
import type { ChartSpec } from '../../envs/view/types';

/**
 * Colour vision deficiencies simulated at full severity (Machado, Oliveira and Fernandes 2009),
 * as matrices on linear RGB: what a protanope, deuteranope or tritanope sees, and normal vision.
 */
const VISIONS: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protan: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deutan: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritan: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** A colour as seen with a vision, in CIELAB (D65). */
function seen(hex: string, vision: number[][]): [number, number, number] {
  const rgb = [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255));
  const [r, g, b] = vision.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])));
  const [x, y, z] = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** The smallest CIE76 colour difference between two colours over the visions simulated. */
function leastDifference(a: string, b: string): number {
  return Math.min(...Object.values(VISIONS).map((v) => Math.hypot(...seen(a, v).map((c, i) => c - seen(b, v)[i]))));
}

/**
 * Two thin lines closer than this (for some reader) are told apart by dash or marker, not colour.
 * Okabe-Ito's closest pairs (orange and vermillion to a deuteranope, blue and green to a
 * tritanope) are about 17-18 apart; distinct hues for everyone are 25 or more.
 */
const LINE_DIFFERENCE = 20;

/** What a reader sees of a drawn line: its colour and its pattern (solid, dashed, a reference's longer dash) or markers. */
interface Look {
  name: string;
  color: string;
  pattern: string;
}

/** The lines and references a chart draws, with what tells each apart; `references` the ids of its environment's lines, in its order. */
function looksOf(chart: ChartSpec, references: string[]): Look[] {
  const lines = seriesOf(chart)
    .filter((s) => !s.unlisted)
    .map((s) => ({ name: s.name, color: s.color, pattern: s.points ?? (s.dashed ? 'dashed' : 'solid') }));
  const refs = chart.kind === 'iterations' || chart.kind === 'snapshot' ? (chart.refs ?? []) : [];
  return [...lines, ...refs.map((id) => ({ name: `reference ${id}`, color: referenceColor(references.indexOf(id)), pattern: 'reference' }))];
}

// The reference lines of each environment's defaults (the calibrations' default target is synthetic: its hidden lines are there).
const charts = CATALOG.flatMap(({ module, view }) => {
  const references = module.references(defaultScenario(module.id)).map((r) => r.id);
  return view.charts.map((chart) => [module.id, chart.testId, chart, references] as const);
});

describe('the charts’ colours', () => {
  it('the simulation separates what it should: Okabe-Ito blue and orange far apart, red and green near for a deuteranope', () => {
    expect(leastDifference(PALETTE.blue, PALETTE.orange)).toBeGreaterThan(40);
    expect(leastDifference('#d62728', '#2ca02c')).toBeLessThan(LINE_DIFFERENCE);
  });

  it.each(charts)('%s %s: every series and reference line is an Okabe-Ito colour', (_env, _testId, chart, references) => {
    const okabeIto = new Set<string>(Object.values(PALETTE));
    expect(looksOf(chart, references).filter((l) => !okabeIto.has(l.color))).toEqual([]);
  });

  it.each(charts)('%s %s: lines a colour-blind reader could confuse differ in dash or markers', (_env, _testId, chart, references) => {
    const looks = looksOf(chart, references);
    const confused = looks.flatMap((a, i) =>
      looks.slice(i + 1).filter((b) => a.pattern === b.pattern && leastDifference(a.color, b.color) < LINE_DIFFERENCE).map((b) => `${a.name} / ${b.name}`),
    );
    expect(confused).toEqual([]);
  });
});

describe('a lighter shade of a colour', () => {
  it('moves each channel the given share of the way to white', () => {
    expect(tint('#000000', 0.5)).toBe('#808080'); // 127.5 rounds to 128
    expect(tint('#D55E00', 0.4)).toBe('#e69e66'); // 213 + 42 x 0.4 = 229.8; 94 + 161 x 0.4 = 158.4; 255 x 0.4 = 102
    expect(tint('#0072B2', 0)).toBe('#0072b2');
    expect(tint('#0072B2', 1)).toBe('#ffffff');
  });
});
