/**
 * Observed prices for a calibration target: parsed from an uploaded CSV, checked, and carried
 * in the scenario (so in a shared link) as an lz-string compressed list. Every check says what
 * is wrong and where, because the person reading it is looking at their own file.
 */
// The browser build: it brings its own Buffer, which the plain entry expects from Node.
import { parse } from 'csv-parse/browser/esm/sync';
// lz-string is CommonJS: its functions come on the default export in Node's ESM and in Vite.
import LZString from 'lz-string';
import type { z } from 'zod';
import { crossFieldIssue } from '../cross-field';

/** Fewer prices than this give quantiles (1% to 99%) that are mostly interpolation. */
export const MIN_PRICES = 30;
/** More rows than this might not fit a link: 5000 prices encode to about 15k characters, targetData allows 20k. */
export const MAX_PRICES = 5000;
/**
 * An upload larger than this is not a single column of at most MAX_PRICES numbers (5000 rows of
 * even 30 characters are 155 kB); it is refused by its size before it is read (ui/upload.ts).
 */
export const MAX_CSV_BYTES = 200_000;
/**
 * Prices must lie in [PRICE_MIN, PRICE_MAX]: the model's prices stay within about [1, 9.5]
 * (supply S in [0, 2] per producer, a = 13.8, b = 1.5, plus noise), so a value outside twice
 * that range is a unit or column mistake rather than a price this simulator could match.
 */
export const PRICE_MIN = 0;
export const PRICE_MAX = 20;
/** Decimals kept in a link: a thousandth of a price unit is far below the noise (std 0.5). */
const DECIMALS = 3;

/** Why a list of prices cannot be a target, or null if it can; `row` maps index -> row label. */
export function checkPrices(prices: readonly number[], row: (i: number) => number = (i) => i + 1): string | null {
  if (prices.length < MIN_PRICES) return `only ${prices.length} prices; at least ${MIN_PRICES} are needed`;
  if (prices.length > MAX_PRICES) return `${prices.length} prices; at most ${MAX_PRICES} are allowed`;
  const bad = prices.findIndex((p) => !(p >= PRICE_MIN && p <= PRICE_MAX));
  if (bad >= 0) return `row ${row(bad)}: price ${prices[bad]} is outside [${PRICE_MIN}, ${PRICE_MAX}]`;
  return null;
}

const isNumber = (s: string) => s !== '' && Number.isFinite(Number(s));

/** Why a cell is not a price (as the row's message ends), or null if it is a finite number. */
function cellProblem(cell: string): string | null {
  if (cell === '') return 'the price is missing (an empty cell)';
  const x = Number(cell);
  if (Number.isNaN(x)) return `"${cell.slice(0, 20)}" is not a number`;
  if (!Number.isFinite(x)) return `"${cell.slice(0, 20)}" is not a finite number`;
  return null;
}

/**
 * One column of prices, header optional (a first row that is not a number is taken as one).
 * Whitespace around values, blank lines and Windows line ends are accepted. Throws an Error
 * whose message names the problem and, where there is one, the row (as numbered in the file)
 * and column. The file's size, emptiness and binary content are checked before (ui/upload.ts).
 */
export function parsePricesCsv(text: string): number[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (e) {
    throw new Error(`not a readable CSV: ${(e as Error).message}`);
  }
  if (records.length > MAX_PRICES + 1) throw new Error(`too many rows: ${records.length}; at most ${MAX_PRICES}`);
  const prices: number[] = [];
  const lines: number[] = [];
  let header: string | undefined;
  records.forEach(({ record, info }, k) => {
    // A trailing separator ("5.2,") leaves empty fields: still one column.
    const fields = record.filter((f, j) => j === 0 || f !== '');
    if (fields.length > 1) {
      const extra = record.findIndex((f, j) => j > 0 && f !== '');
      throw new Error(`row ${info.lines}: ${fields.length} columns (column ${extra + 1} holds "${record[extra].slice(0, 20)}"); expected one column of prices`);
    }
    const cell = fields[0] ?? '';
    const problem = cellProblem(cell);
    if (problem) {
      // A first row of text is the header; "NaN" or "Infinity" there is a bad value, not a name.
      if (k === 0 && Number.isNaN(Number(cell)) && cell !== '' && cell.toLowerCase() !== 'nan') {
        header = cell;
        return;
      }
      throw new Error(`row ${info.lines}, column 1: ${problem}`);
    }
    prices.push(Number(cell));
    lines.push(info.lines);
  });
  if (prices.length === 0 && header !== undefined) throw new Error(`only a header row ("${header.slice(0, 20)}"), no prices; at least ${MIN_PRICES} are needed`);
  const problem = checkPrices(prices, (i) => lines[i]);
  if (problem) throw new Error(problem);
  return prices;
}

/**
 * Whether text can be encodePrices' output: lz-string's URL-safe alphabet (a space is a '+' a
 * link lost). Anything else, a lone surrogate above all, would not survive a link.
 */
export const isCompressedText = (text: string) => /^[A-Za-z0-9+\-$ ]*$/.test(text);

/** Prices rounded to 3 decimals, comma-joined and lz-string compressed for a URL. */
export function encodePrices(prices: ArrayLike<number>): string {
  const scale = 10 ** DECIMALS;
  return LZString.compressToEncodedURIComponent(Array.from(prices, (p) => String(Math.round(p * scale) / scale)).join(','));
}

/** The inverse of encodePrices; throws if the text is not such a list. */
export function decodePrices(text: string): number[] {
  const raw = LZString.decompressFromEncodedURIComponent(text);
  if (!raw) throw new Error('not a compressed list of prices');
  const fields = raw.split(',');
  const bad = fields.findIndex((f) => !isNumber(f));
  if (bad >= 0) throw new Error(`value ${bad + 1} ("${fields[bad].slice(0, 20)}") is not a number`);
  return fields.map(Number);
}

/**
 * The scenario's cross-field rule (a zod superRefine): a data target needs observed prices,
 * and observed prices, whatever the target, must decode and pass checkPrices (the form shows
 * how many a scenario holds, and a link can carry them with a synthetic target).
 */
export function checkTargetData(p: { target: string; targetData: string }, ctx: z.RefinementCtx): void {
  // Observed prices missing or unreadable: the data's fault, or (for a data target) the choice of target.
  const issue = (message: string) => crossFieldIssue(ctx, p.target === 'data' ? ['targetData', 'target'] : ['targetData'], message);
  if (p.targetData === '') {
    if (p.target === 'data') issue('upload observed prices or choose the synthetic target');
    return;
  }
  let prices: number[];
  try {
    prices = decodePrices(p.targetData);
  } catch (e) {
    return issue(`observed prices: ${(e as Error).message}`);
  }
  const problem = checkPrices(prices);
  if (problem) issue(`observed prices: ${problem}`);
}
