/**
 * An observed series for a calibration target (prices, orders): parsed from an uploaded CSV,
 * checked, and carried in the scenario (so in a shared link) as an lz-string compressed list.
 * Every check says what is wrong and where, because the person reading it is looking at their
 * own file. Each environment says what its series is and which values it can produce
 * (SeriesKind); the rules are the same for all of them.
 */
// The browser build: it brings its own Buffer, which the plain entry expects from Node.
import { parse } from 'csv-parse/browser/esm/sync';
// lz-string is CommonJS: its functions come on the default export in Node's ESM and in Vite.
import LZString from 'lz-string';
import type { z } from 'zod';
import { crossFieldIssue } from '../../scenario/cross-field';
import { maxCompressedLength } from './compressed-length';

/** What an environment's observed series holds, in words, and the values it accepts. */
export interface SeriesKind {
  /** One value, in words: 'price', 'order'. */
  noun: string;
  /** Several: 'prices', 'orders'. */
  plural: string;
  /**
   * Values must lie in [min, max]: outside what the model can produce (with room to spare) a
   * value is a unit or column mistake rather than something the simulator could match.
   */
  min: number;
  max: number;
}

/** Fewer values than this give quantiles (1% to 99%) that are mostly interpolation. */
export const MIN_VALUES = 30;
/**
 * The most values a series holds: the scenario's limit, from which its compressed text's limit
 * follows (maxSeriesText). A link of 5000 values is about 26,000 characters as prices are, and
 * at most 98,443 (the longest text, every character a + that a link writes as %2B): within the
 * 2 MiB address Chromium opens and the 131,071 bytes one argument of a command line (the CLI's
 * --scenario) holds on Linux.
 */
export const MAX_VALUES = 5000;
/**
 * An upload larger than this is not a single column of at most MAX_VALUES numbers (5000 rows of
 * even 30 characters are 155 kB); it is refused by its size before it is read (ui/upload.ts).
 */
export const MAX_CSV_BYTES = 200_000;
/** Decimals kept in a link: a thousandth of a unit is far below any of the models' noise. */
const DECIMALS = 3;

/**
 * The longest compressed text of a valid series of this kind: MAX_VALUES values, each written
 * (encodeSeries) as its longest value in [min, max] is, 999.999 for a max of 1000, with a comma
 * after each but the last, over the digits, '.', ',' and '-' where values can be negative.
 */
export function maxSeriesText(kind: SeriesKind): number {
  const negative = kind.min < 0;
  const valueChars = String(Math.ceil(Math.max(-kind.min, kind.max)) - 1).length + 1 + DECIMALS + (negative ? 1 : 0);
  return maxCompressedLength(MAX_VALUES * (valueChars + 1) - 1, 12 + (negative ? 1 : 0));
}

/** Why a list of values cannot be a target, or null if it can; `row` maps index -> row label. */
export function checkSeries(values: readonly number[], kind: SeriesKind, row: (i: number) => number = (i) => i + 1): string | null {
  if (values.length < MIN_VALUES) return `only ${values.length} ${kind.plural}; at least ${MIN_VALUES} are needed`;
  if (values.length > MAX_VALUES) return `${values.length} ${kind.plural}; at most ${MAX_VALUES} are allowed`;
  const bad = values.findIndex((p) => !(p >= kind.min && p <= kind.max));
  if (bad >= 0) return `row ${row(bad)}: ${kind.noun} ${values[bad]} is outside [${kind.min}, ${kind.max}]`;
  return null;
}

const isNumber = (s: string) => s !== '' && Number.isFinite(Number(s));

/** Why a cell is not a value (as the row's message ends), or null if it is a finite number. */
function cellProblem(cell: string, kind: SeriesKind): string | null {
  if (cell === '') return `the ${kind.noun} is missing (an empty cell)`;
  const x = Number(cell);
  if (Number.isNaN(x)) return `"${cell.slice(0, 20)}" is not a number`;
  if (!Number.isFinite(x)) return `"${cell.slice(0, 20)}" is not a finite number`;
  return null;
}

/**
 * One column of values, header optional (a first row that is not a number is taken as one).
 * Whitespace around values, blank lines and Windows line ends are accepted. Throws an Error
 * whose message names the problem and, where there is one, the row (as numbered in the file)
 * and column. The file's size, emptiness and binary content are checked before (ui/upload.ts).
 */
export function parseSeriesCsv(text: string, kind: SeriesKind): number[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (e) {
    throw new Error(`not a readable CSV: ${(e as Error).message}`, { cause: e });
  }
  if (records.length > MAX_VALUES + 1) throw new Error(`too many rows: ${records.length}; at most ${MAX_VALUES}`);
  const values: number[] = [];
  const lines: number[] = [];
  let header: string | undefined;
  records.forEach(({ record, info }, k) => {
    // A trailing separator ("5.2,") leaves empty fields: still one column.
    const fields = record.filter((f, j) => j === 0 || f !== '');
    if (fields.length > 1) {
      const extra = record.findIndex((f, j) => j > 0 && f !== '');
      throw new Error(`row ${info.lines}: ${fields.length} columns (column ${extra + 1} holds "${record[extra].slice(0, 20)}"); expected one column of ${kind.plural}`);
    }
    const cell = fields[0] ?? '';
    const problem = cellProblem(cell, kind);
    if (problem) {
      // A first row of text is the header; "NaN" or "Infinity" there is a bad value, not a name.
      if (k === 0 && Number.isNaN(Number(cell)) && cell !== '' && cell.toLowerCase() !== 'nan') {
        header = cell;
        return;
      }
      throw new Error(`row ${info.lines}, column 1: ${problem}`);
    }
    values.push(Number(cell));
    lines.push(info.lines);
  });
  if (values.length === 0 && header !== undefined) throw new Error(`only a header row ("${header.slice(0, 20)}"), no ${kind.plural}; at least ${MIN_VALUES} are needed`);
  const problem = checkSeries(values, kind, (i) => lines[i]);
  if (problem) throw new Error(problem);
  return values;
}

/**
 * Whether text can be encodeSeries' output: lz-string's URL-safe alphabet (a space is a '+' a
 * link lost). Anything else, a lone surrogate above all, would not survive a link.
 */
export const isCompressedText = (text: string) => /^[A-Za-z0-9+\-$ ]*$/.test(text);

/** Values rounded to 3 decimals, comma-joined and lz-string compressed for a URL. */
export function encodeSeries(values: ArrayLike<number>): string {
  const scale = 10 ** DECIMALS;
  return LZString.compressToEncodedURIComponent(Array.from(values, (p) => String(Math.round(p * scale) / scale)).join(','));
}

/** The inverse of encodeSeries; throws if the text is not such a list. */
export function decodeSeries(text: string, kind: SeriesKind): number[] {
  const raw = LZString.decompressFromEncodedURIComponent(text);
  if (!raw) throw new Error(`not a compressed list of ${kind.plural}`);
  const fields = raw.split(',');
  const bad = fields.findIndex((f) => !isNumber(f));
  if (bad >= 0) throw new Error(`value ${bad + 1} ("${fields[bad].slice(0, 20)}") is not a number`);
  return fields.map(Number);
}

/**
 * The scenario's cross-field rule (a zod superRefine) for an environment's observed series: a
 * data target needs observed values, and observed values, whatever the target, must decode and
 * pass checkSeries (the form shows how many a scenario holds, and a link can carry them with a
 * synthetic target).
 */
export function targetDataRule(kind: SeriesKind) {
  return (p: { target: string; targetData: string }, ctx: z.RefinementCtx): void => {
    // Observed values missing or unreadable: the data's fault, or (for a data target) the choice of target.
    const issue = (message: string) => crossFieldIssue(ctx, p.target === 'data' ? ['targetData', 'target'] : ['targetData'], message);
    if (p.targetData === '') {
      if (p.target === 'data') issue(`upload observed ${kind.plural} or choose the synthetic target`);
      return;
    }
    let values: number[];
    try {
      values = decodeSeries(p.targetData, kind);
    } catch (e) {
      return issue(`observed ${kind.plural}: ${(e as Error).message}`);
    }
    const problem = checkSeries(values, kind);
    if (problem) issue(`observed ${kind.plural}: ${problem}`);
  };
}
