/**
 * The one way the lab reads a number from text (a link, a CLI option, a --vary list): decimal
 * notation only, as a person writes it: an optional minus, digits with an optional point, an
 * optional exponent ("0.25", "-3", "1e-4", ".5"). JavaScript's Number() also reads "0x10" as 16,
 * "0b101" as 5, "+20" and " 20 " as 20, "" as 0, and "1e-400" as 0; each of those is refused
 * here, so that a link or command means what it shows.
 */
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number `text` writes in decimal notation, or null: not decimal, or beyond a double's range (too large, or a non-zero value too small to be told from 0). */
export function decimalNumber(text: string): number | null {
  if (!DECIMAL.test(text)) return null;
  const x = Number(text);
  if (!Number.isFinite(x)) return null;
  // Underflow: the digits before any exponent are not all zero, yet the value read is 0.
  if (x === 0 && /[1-9]/.test(text.split(/[eE]/)[0])) return null;
  return x;
}
