import { describe, expect, it } from 'vitest';
import { chartSvgDocument, escapeXml, wrapWords, type ChartSvgParts } from './chart-svg';

/**
 * Whether markup is well-formed XML as far as a file of elements, attributes and text goes: tags
 * balance, and no raw '<' or unescaped '&' in text or attribute values. (Node has no XML parser;
 * the end-to-end test parses a real export with the browser's.)
 */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tokens = body.split(/(<[^>]*>)/);
  for (const token of tokens) {
    if (!token.startsWith('<')) {
      if (/<|&(?!(amp|lt|gt|quot|apos);)/.test(token)) return false;
      continue;
    }
    const tag = /^<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
    if (!tag) return false;
    const [, closing, name, attrs, selfClosing] = tag;
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(attrs)) return false;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else if (!selfClosing) stack.push(name);
  }
  return stack.length === 0;
}

const PLOT = '<svg xmlns="http://www.w3.org/2000/svg" width="500" height="240" viewBox="0 0 500 240"><path d="M0,0L10,10" stroke="#0072B2"/></svg>';
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 32 32"><line x1="0" y1="16" x2="32" y2="16" stroke="#E69F00" stroke-dasharray="4 3"/></svg>';

const parts = (over: Partial<ChartSvgParts> = {}): ChartSvgParts => ({
  title: 'Tax path τ',
  caption: "the leader's tax, mean over markets (band: ± std across markets)",
  plot: PLOT,
  width: 500,
  height: 240,
  legend: [{ name: 'mean τ', icon: ICON, iconX: 200, iconY: 5, textX: 218, textMiddle: 12, fontSize: 16 }],
  fontFamily: 'system-ui, "Segoe UI", sans-serif',
  ...over,
});

describe('escapeXml', () => {
  it('escapes the five characters XML reserves and leaves the rest', () => {
    expect(escapeXml(`a < b & c > "d" 'e' τ`)).toBe('a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos; τ');
  });
});

describe('wrapWords', () => {
  it('breaks between words into lines of at most the given length, keeping every word in order', () => {
    const text = 'mean number of traders entering per step, averaged over markets';
    const lines = wrapWords(text, 20);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
    expect(lines.join(' ')).toBe(text);
  });

  it('gives a word longer than a line a line of its own, and empty text no lines', () => {
    expect(wrapWords('a extraordinarily b', 5)).toEqual(['a', 'extraordinarily', 'b']);
    expect(wrapWords('  ', 5)).toEqual([]);
  });
});

describe('chartSvgDocument', () => {
  it('is well-formed, escapes the title, caption and names, and embeds the plot as it is', () => {
    const svg = chartSvgDocument(parts({ title: 'Prices <simulated> & target', legend: [{ ...parts().legend[0], name: 'p & q' }] }));
    expect(wellFormed(svg)).toBe(true);
    expect(svg).toContain('>Prices &lt;simulated&gt; &amp; target</text>');
    expect(svg).toContain('>p &amp; q</text>');
    expect(svg).toContain(PLOT);
    expect(svg).toContain(ICON);
    expect(svg).toContain('font-family="system-ui, &quot;Segoe UI&quot;, sans-serif"');
  });

  it('the checker it is judged by rejects broken markup', () => {
    expect(wellFormed('<svg><g></svg>')).toBe(false);
    expect(wellFormed('<svg><text>a & b</text></svg>')).toBe(false);
    expect(wellFormed('<svg><text>a &amp; b</text></svg>')).toBe(true);
  });

  it('sizes the page to the plot plus its heading and margins, on white', () => {
    const svg = chartSvgDocument(parts());
    const [, width, height] = /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="([\d.]+)" height="([\d.]+)"/.exec(svg)!.map(Number);
    const plotTop = Number(/class="chart-plot" transform="translate\(12,([\d.]+)\)"/.exec(svg)![1]);
    expect(width).toBe(500 + 2 * 12);
    expect(height).toBe(plotTop + 240 + 12);
    expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`);
    expect(svg).toMatch(/<rect width="100%" height="100%" fill="#ffffff"\/>/);
  });

  it('wraps a long caption onto more lines and moves the plot down by them', () => {
    const plotTop = (svg: string) => Number(/class="chart-plot" transform="translate\(12,([\d.]+)\)"/.exec(svg)![1]);
    const short = chartSvgDocument(parts({ caption: 'short' }));
    const long = chartSvgDocument(parts({ caption: 'a caption long enough to need several lines '.repeat(6) }));
    const lines = (svg: string) => svg.match(/font-size="12" fill="#555555"/g)?.length ?? 0;
    expect(lines(short)).toBe(1);
    expect(lines(long)).toBeGreaterThan(2);
    expect(plotTop(long) - plotTop(short)).toBe((lines(long) - 1) * 16);
  });

  it('draws each legend entry where the page showed it: its icon at the icon box, its name centred on the text box', () => {
    const svg = chartSvgDocument(parts());
    expect(svg).toContain(`<g transform="translate(200,5)">${ICON}</g>`);
    // Baseline = middle + 0.35 x font size = 12 + 5.6.
    expect(svg).toContain('<text x="218" y="17.6" font-size="16" fill="#1b1b1b">mean τ</text>');
  });
});
