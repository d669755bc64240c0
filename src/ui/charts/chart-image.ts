/**
 * A chart figure on the page as an image file: PNG (the figure as shown, at twice its pixels, for
 * projectors) and SVG (recharts' plot as vectors with its title, caption and legend; see
 * chart-svg.ts). Browser only: it reads the live DOM and computed styles.
 */
import { chartSvgDocument, type LegendMark } from './chart-svg';

/** What is left out of an image: the export buttons themselves. */
export const NOT_IN_IMAGE = 'chart-export';
const PNG_PIXEL_RATIO = 2;
const WHITE = '#ffffff';

/** The figure as a PNG: title, caption, plot and legend, on white. */
export async function chartPng(figure: HTMLElement): Promise<Blob> {
  // Loaded on the first export, not with the page.
  const { toBlob } = await import('html-to-image');
  const blob = await toBlob(figure, {
    pixelRatio: PNG_PIXEL_RATIO,
    backgroundColor: WHITE,
    // html-to-image hands text nodes too; only elements carry the class.
    filter: (node) => !(node instanceof Element && node.classList.contains(NOT_IN_IMAGE)),
  });
  if (!blob) throw new Error('the browser gave no PNG for this chart');
  return blob;
}

/** Text styles that come from the page's CSS, not from recharts' attributes: without them a standalone file falls back to the viewer's serif. */
const TEXT_STYLES = ['font-family', 'font-size', 'font-weight', 'fill'] as const;

/** recharts' plot, cloned with its text styles written onto each text element, and a fixed size instead of the page's 100%. */
function standalonePlot(svg: SVGSVGElement, width: number, height: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = svg.querySelectorAll('text, tspan');
  clone.querySelectorAll('text, tspan').forEach((el, i) => {
    const computed = getComputedStyle(originals[i]);
    for (const prop of TEXT_STYLES) if (!el.getAttribute(prop)) el.setAttribute(prop, computed.getPropertyValue(prop));
  });
  // The page's focus handling and sizing mean nothing in a file.
  for (const attr of ['style', 'tabindex', 'role', 'class']) clone.removeAttribute(attr);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return new XMLSerializer().serializeToString(clone);
}

/** recharts' HTML legend as marks in the plot's coordinates, where the page showed them. */
function legendMarks(figure: HTMLElement, origin: DOMRect): LegendMark[] {
  return Array.from(figure.querySelectorAll<HTMLElement>('.recharts-legend-item')).flatMap((item) => {
    const icon = item.querySelector('svg');
    const text = item.querySelector<HTMLElement>('.recharts-legend-item-text');
    if (!icon || !text) return [];
    const [iconBox, textBox] = [icon.getBoundingClientRect(), text.getBoundingClientRect()];
    const iconClone = icon.cloneNode(true) as SVGSVGElement;
    iconClone.removeAttribute('style');
    return [
      {
        name: text.textContent ?? '',
        icon: new XMLSerializer().serializeToString(iconClone),
        iconX: iconBox.left - origin.left,
        iconY: iconBox.top - origin.top,
        textX: textBox.left - origin.left,
        textMiddle: textBox.top + textBox.height / 2 - origin.top,
        fontSize: parseFloat(getComputedStyle(text).fontSize),
      },
    ];
  });
}

/** The figure's chart as a standalone SVG document; null if it holds no plot (a table). */
export function chartSvg(figure: HTMLElement, title: string, caption: string): string | null {
  // The plot is the chart's root surface, not a legend icon (also an svg.recharts-surface).
  const svg = figure.querySelector<SVGSVGElement>('.recharts-wrapper > svg');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  return chartSvgDocument({
    title,
    caption,
    plot: standalonePlot(svg, box.width, box.height),
    width: box.width,
    height: box.height,
    legend: legendMarks(figure, box),
    fontFamily: getComputedStyle(figure).fontFamily,
  });
}
