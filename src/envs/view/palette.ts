/** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  sky: '#56B4E9',
  yellow: '#F0E442',
  black: '#000000',
} as const;

/**
 * Reference lines (theory: capacity, equilibrium, target), in the order an environment lists them.
 * Neighbours differ for every colour vision (green beside purple did not, for a deuteranope).
 */
export const REFERENCE_COLORS = [PALETTE.vermillion, PALETTE.green, PALETTE.black, PALETTE.purple] as const;

/** The colour of the reference line at this position in its environment's list. */
export const referenceColor = (index: number) => REFERENCE_COLORS[index % REFERENCE_COLORS.length];

/** Text that names a series: the page's ink, not the series colour (orange or sky text on white is under 3:1). */
export const INK = '#1b1b1b';

/** recharts' legend names in ink (it colours them like their series by default). */
export const LEGEND_LABEL = { color: INK } as const;

/**
 * A lighter shade of a colour (#rrggbb), `share` of the way to white: the same colour family, so
 * a baseline's line reads as belonging to the run's.
 */
export function tint(hex: string, share: number): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(c + (255 - c) * share)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}
