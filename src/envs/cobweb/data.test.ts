/**
 * Observed prices: CSV parsing, the checks and their messages, the link encoding, and the
 * scenario's rule for a data target.
 */
import { describe, expect, it } from 'vitest';
import { cobwebScenarioSchema } from './config';
import { Rng } from '../../engine/rng';
import { decodeSeries, encodeSeries, MAX_CSV_BYTES, MAX_VALUES, MIN_VALUES } from '../calibration/series-data';
import { checkTargetData, parsePricesCsv, PRICES } from './data';

/** n prices around p* = 5.91 with std 1, as a model run would give. */
function prices(n: number, seed = 1): number[] {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: n }, () => 5.91 + rng.normal());
}

const column = (xs: readonly (number | string)[], eol = '\n') => xs.join(eol);

describe('parsePricesCsv', () => {
  it('reads one column, with or without a header, with whitespace, blank lines and Windows line ends', () => {
    const xs = prices(40).map((p) => Math.round(p * 1000) / 1000);
    expect(parsePricesCsv(column(xs))).toEqual(xs);
    expect(parsePricesCsv(column(['price', ...xs], '\r\n') + '\r\n')).toEqual(xs);
    expect(parsePricesCsv(['  "p_t" ', ...xs.map((x) => `  ${x}\t`), '', '  '].join('\r\n'))).toEqual(xs);
    // A trailing separator leaves an empty second field: still one column.
    expect(parsePricesCsv(column(xs.map((x) => `${x},`)))).toEqual(xs);
  });

  it('names a non-number, NaN, an infinity or a missing price with its row, column and text', () => {
    const withCell = (row: number, cell: string) => {
      const rows = ['price', ...prices(40).map(String)];
      rows[row - 1] = cell;
      return column(rows);
    };
    expect(() => parsePricesCsv(withCell(6, 'n/a'))).toThrow('row 6, column 1: "n/a" is not a number');
    expect(() => parsePricesCsv(withCell(7, 'NaN'))).toThrow('row 7, column 1: "NaN" is not a number');
    expect(() => parsePricesCsv(withCell(8, 'Infinity'))).toThrow('row 8, column 1: "Infinity" is not a finite number');
    expect(() => parsePricesCsv(withCell(9, '1e999'))).toThrow('row 9, column 1: "1e999" is not a finite number');
    expect(() => parsePricesCsv(withCell(10, '""'))).toThrow('row 10, column 1: the price is missing (an empty cell)');
    // A first row of NaN is a bad value, not a header.
    expect(() => parsePricesCsv(column(['NaN', ...prices(40)]))).toThrow('row 1, column 1: "NaN" is not a number');
  });

  it('asks for at least 30 prices, and says when there is only a header', () => {
    expect(() => parsePricesCsv(column(prices(12)))).toThrow(`only 12 prices; at least ${MIN_VALUES} are needed`);
    expect(() => parsePricesCsv('price\n')).toThrow(`only a header row ("price"), no prices; at least ${MIN_VALUES} are needed`);
    expect(() => parsePricesCsv('price\r\n\r\n  \r\n')).toThrow('only a header row ("price")');
  });

  it('refuses text that is not a CSV, naming the line', () => {
    expect(() => parsePricesCsv('{"prices": [5.1, 5.2]}')).toThrow('not a readable CSV: Invalid Opening Quote: a quote is found on field 0 at line 1');
    expect(() => parsePricesCsv('price\n5.1\n"5.2\n5.3\n')).toThrow('not a readable CSV: Quote Not Closed: the parsing is finished with an opening quote at line 4');
    // A web page saved as .csv: its first line is taken as a header, the second is not a price.
    expect(() => parsePricesCsv('<html>\n<body>prices</body>\n</html>')).toThrow('row 2, column 1: "<body>prices</body>" is not a number');
  });

  it('names the first price outside [0, 20] by its row', () => {
    const rows = ['price', ...prices(40).map(String)];
    rows[8] = '25';
    rows[20] = '-1';
    expect(() => parsePricesCsv(column(rows))).toThrow('row 9: price 25 is outside [0, 20]');
  });

  it('refuses more than one column, and a ragged row, naming the row and the extra column', () => {
    const rows = prices(40).map((p, t) => `${t},${p}`);
    expect(() => parsePricesCsv(column(rows))).toThrow('row 1: 2 columns (column 2 holds "');
    const ragged = ['price', ...prices(40).map(String)];
    ragged[11] = '5.2,,7,x';
    expect(() => parsePricesCsv(column(ragged))).toThrow('row 12: 3 columns (column 3 holds "7"); expected one column of prices');
  });

  it('refuses too many rows', () => {
    expect(() => parsePricesCsv(column(prices(MAX_VALUES + 10).map((p) => p.toFixed(2))))).toThrow(`too many rows: ${MAX_VALUES + 10}; at most ${MAX_VALUES}`);
  });

  it('has a size limit that every file it accepts fits', () => {
    // The longest prices written as a spreadsheet would (17 significant figures, Windows line ends), with a header.
    const longest = column(['observed price', ...Array.from({ length: MAX_VALUES }, () => '-0.12345678901234567')], '\r\n');
    expect(longest.length).toBeLessThan(MAX_CSV_BYTES);
  });
});

describe('prices in a link', () => {
  it('round-trip through encode and decode, to 3 decimals', () => {
    const xs = prices(1000, 2);
    const text = encodeSeries(xs);
    const back = decodeSeries(text, PRICES);
    expect(back).toHaveLength(1000);
    back.forEach((p, i) => expect(Math.abs(p - xs[i])).toBeLessThanOrEqual(0.0005 + 1e-12));
    expect(decodeSeries(encodeSeries(back), PRICES)).toEqual(back);
    // Only URL-safe characters.
    expect(text).toMatch(/^[A-Za-z0-9+\-$]*$/);
    console.log(`1000 prices (3 decimals) encode to ${text.length} characters; ${MAX_VALUES} to ${encodeSeries(prices(MAX_VALUES, 3)).length}`);
  });

  it('decoding refuses what is not such a list', () => {
    expect(() => decodeSeries('', PRICES)).toThrow('not a compressed list of prices');
    expect(() => decodeSeries(encodeSeries([1, 2]).slice(0, -3) + 'zz!', PRICES)).toThrow();
  });
});

describe('the scenario rule for a data target', () => {
  const parse = (o: Record<string, unknown>) => cobwebScenarioSchema.safeParse({ env: 'cobweb', ...o });
  const issue = (o: Record<string, unknown>) => {
    const r = parse(o);
    expect(r.success).toBe(false);
    const first = r.error!.issues[0];
    expect(first.path).toEqual(['targetData']);
    return first.message;
  };

  it('accepts a synthetic target with no data, and a data target with valid prices', () => {
    expect(parse({}).success).toBe(true);
    expect(parse({ target: 'data', targetData: encodeSeries(prices(200)) }).success).toBe(true);
  });

  it('names what is wrong with the data', () => {
    expect(issue({ target: 'data' })).toBe('upload observed prices or choose the synthetic target');
    expect(issue({ target: 'data', targetData: 'garbage' })).toBe('observed prices: not a compressed list of prices');
    expect(issue({ target: 'data', targetData: 'garbage!!' })).toBe('compressed prices hold only letters, digits, +, - and $');
    expect(issue({ target: 'data', targetData: encodeSeries(prices(10)) })).toBe(`observed prices: only 10 prices; at least ${MIN_VALUES} are needed`);
    expect(issue({ target: 'data', targetData: encodeSeries([...prices(40), 30]) })).toBe('observed prices: row 41: price 30 is outside [0, 20]');
  });

  it('checks observed prices held with a synthetic target too (a link can carry them), so the form never shows undecodable data', () => {
    expect(issue({ targetData: 'garbage' })).toBe('observed prices: not a compressed list of prices');
    expect(issue({ target: 'synthetic', targetData: encodeSeries(prices(10)) })).toBe(`observed prices: only 10 prices; at least ${MIN_VALUES} are needed`);
    expect(parse({ target: 'synthetic', targetData: encodeSeries(prices(200)) }).success).toBe(true);
  });

  it('is the superRefine the schema calls', () => {
    const issues: { path?: PropertyKey[]; message?: string }[] = [];
    checkTargetData({ target: 'data', targetData: '' }, { addIssue: (i: { path?: PropertyKey[]; message?: string }) => issues.push(i) } as never);
    expect(issues).toHaveLength(1);
  });
});
