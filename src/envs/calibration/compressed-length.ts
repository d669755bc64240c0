/**
 * The longest text lz-string's compressToEncodedURIComponent can write for a text of a given
 * length over a given number of distinct characters. A limit on a series' values thus gives a
 * limit on its compressed text that every valid series fits, however its values fall: the
 * scenario can refuse a longer text before decompressing it (a short text can decompress to a
 * very long one), without refusing a valid series.
 *
 * How lz-string 1.5 writes (libs/lz-string.js, _compress), and what bounds each part:
 * - it is LZW: each code stands for a phrase w, the longest prefix of the rest of the text its
 *   dictionary holds, and then w plus the next character joins the dictionary. Those entries
 *   are distinct strings, so at most symbols^(k + 1) phrases hold k characters: a text cuts into
 *   the most phrases when they are as short as they can be, shortest first;
 * - the last phrase (at least one character) and an end-of-stream mark are written after the
 *   loop: two codes more;
 * - a character's first appearance costs 8 bits more (it is ASCII), and one more step of the
 *   code width's counter;
 * - a code's width starts at 2 bits and grows by one bit when that counter reaches 2, 6, 14,
 *   ..., 2^j - 2: after E steps it is floor(log2(E + 2)) + 1 bits;
 * - 6 bits make a character, and the last character is padded (always written, even empty).
 */

/** The most phrases (codes before the last one) a text of `length` characters over `symbols` cuts into. */
function mostPhrases(length: number, symbols: number): number {
  // The last phrase holds at least one character.
  let left = length - 1;
  let phrases = 0;
  for (let k = 1; left > 0; k++) {
    const n = Math.min(symbols ** (k + 1), Math.ceil(left / k));
    phrases += n;
    left -= n * k;
  }
  return phrases;
}

export function maxCompressedLength(length: number, symbols: number): number {
  const phrases = mostPhrases(length, symbols);
  const steps = phrases + 1 + symbols;
  const width = Math.floor(Math.log2(steps + 2)) + 1;
  const bits = (phrases + 2) * width + 8 * symbols;
  return Math.floor(bits / 6) + 1;
}
