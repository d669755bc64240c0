/**
 * A chart as a standalone SVG file: the plot recharts drew, its title and caption above it and
 * its legend (HTML in the page) redrawn as SVG, on a white background. Pure string assembly over
 * parts the page measured (see chart-image.ts), so it is tested without a browser.
 */
import { INK } from '../../envs/view/palette';

/** One legend entry where the page showed it, in the plot's coordinates (px from its top left). */
export interface LegendMark {
  name: string;
  /** The entry's icon: a serialised <svg> with its own width, height and viewBox. */
  icon: string;
  iconX: number;
  iconY: number;
  /** The name's box: left edge and vertical middle. */
  textX: number;
  textMiddle: number;
  fontSize: number;
}

export interface ChartSvgParts {
  title: string;
  caption: string;
  /** The plot: recharts' <svg> serialised (styles inlined), and its size in px. */
  plot: string;
  width: number;
  height: number;
  legend: LegendMark[];
  fontFamily: string;
}

const PAD = 12;
const TITLE_SIZE = 15;
const CAPTION_SIZE = 12;
const CAPTION_LINE = 16;
/** A system font's average glyph width as a share of its size, to wrap the caption without measuring. */
const GLYPH_WIDTH = 0.55;
/** The caption's grey: 5.7:1 on white, as on the page. */
const CAPTION_COLOR = '#555555';
/** From a box's vertical middle to the baseline of text centred in it (about a third of the size, for Latin text). */
const MIDDLE_TO_BASELINE = 0.35;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text as XML character data or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Words into lines of at most maxChars characters (a longer word gets a line of its own). */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Numbers in attributes: at most two decimals, so files stay small and diffable. */
const n = (v: number) => String(Math.round(v * 100) / 100);

/** The whole file: XML declaration, a white page, title and caption, then the plot and its legend below them. */
export function chartSvgDocument({ title, caption, plot, width, height, legend, fontFamily }: ChartSvgParts): string {
  const captionLines = wrapWords(caption, Math.max(20, Math.floor(width / (CAPTION_SIZE * GLYPH_WIDTH))));
  const titleBaseline = PAD + TITLE_SIZE;
  const captionTop = titleBaseline + 6;
  const plotTop = captionTop + captionLines.length * CAPTION_LINE + 8;
  const [fullWidth, fullHeight] = [width + 2 * PAD, plotTop + height + PAD];
  const font = escapeXml(fontFamily);
  const captionText = captionLines
    .map((line, i) => `<text x="${PAD}" y="${n(captionTop + (i + 1) * CAPTION_LINE - 4)}" font-size="${CAPTION_SIZE}" fill="${CAPTION_COLOR}">${escapeXml(line)}</text>`)
    .join('\n    ');
  const legendMarks = legend
    .map(
      (m) =>
        `<g transform="translate(${n(m.iconX)},${n(m.iconY)})">${m.icon}</g>` +
        `<text x="${n(m.textX)}" y="${n(m.textMiddle + MIDDLE_TO_BASELINE * m.fontSize)}" font-size="${n(m.fontSize)}" fill="${INK}">${escapeXml(m.name)}</text>`,
    )
    .join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${n(fullWidth)}" height="${n(fullHeight)}" viewBox="0 0 ${n(fullWidth)} ${n(fullHeight)}" font-family="${font}">
  <title>${escapeXml(title)}</title>
  <rect width="100%" height="100%" fill="#ffffff"/>
  <g class="chart-heading" fill="${INK}">
    <text x="${PAD}" y="${titleBaseline}" font-size="${TITLE_SIZE}" font-weight="600">${escapeXml(title)}</text>
    ${captionText}
  </g>
  <g class="chart-plot" transform="translate(${PAD},${n(plotTop)})">
    ${plot}
    <g class="chart-legend">
    ${legendMarks}
    </g>
  </g>
</svg>
`;
}
