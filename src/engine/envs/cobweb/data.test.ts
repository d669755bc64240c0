/**
 * Observed prices: CSV parsing, the checks and their messages, the link encoding, and the
 * scenario's rule for a data target.
 */
import { describe, expect, it } from 'vitest';
import { cobwebScenarioSchema } from '../../../scenario/schema';
import { Rng } from '../../rng';
import { checkTargetData, decodePrices, encodePrices, MAX_CSV_BYTES, MAX_PRICES, MIN_PRICES, parsePricesCsv } from './data';

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

  it('names a non-number with its row and text', () => {
    const rows = ['price', ...prices(40).map(String)];
    rows[5] = 'n/a';
    expect(() => parsePricesCsv(column(rows))).toThrow('row 6: "n/a" is not a number');
  });

  it('asks for at least 30 prices', () => {
    expect(() => parsePricesCsv(column(prices(12)))).toThrow(`only 12 prices; at least ${MIN_PRICES} are needed`);
  });

  it('names the first price outside [0, 20] by its row', () => {
    const rows = ['price', ...prices(40).map(String)];
    rows[8] = '25';
    rows[20] = '-1';
    expect(() => parsePricesCsv(column(rows))).toThrow('row 9: price 25 is outside [0, 20]');
  });

  it('refuses more than one column', () => {
    const rows = prices(40).map((p, t) => `${t},${p}`);
    expect(() => parsePricesCsv(column(rows))).toThrow('row 1: 2 columns; expected one column of prices');
  });

  it('refuses too many rows and too large a file', () => {
    expect(() => parsePricesCsv(column(prices(MAX_PRICES + 10).map((p) => p.toFixed(2))))).toThrow(`at most ${MAX_PRICES}`);
    const big = column(prices(MAX_PRICES).map((p) => p.toFixed(40)));
    expect(big.length).toBeGreaterThan(MAX_CSV_BYTES);
    expect(() => parsePricesCsv(big)).toThrow('file too large');
  });
});

describe('prices in a link', () => {
  it('round-trip through encode and decode, to 3 decimals', () => {
    const xs = prices(1000, 2);
    const text = encodePrices(xs);
    const back = decodePrices(text);
    expect(back).toHaveLength(1000);
    back.forEach((p, i) => expect(Math.abs(p - xs[i])).toBeLessThanOrEqual(0.0005 + 1e-12));
    expect(decodePrices(encodePrices(back))).toEqual(back);
    // Only URL-safe characters.
    expect(text).toMatch(/^[A-Za-z0-9+\-$]*$/);
    console.log(`1000 prices (3 decimals) encode to ${text.length} characters; ${MAX_PRICES} to ${encodePrices(prices(MAX_PRICES, 3)).length}`);
  });

  it('decoding refuses what is not such a list', () => {
    expect(() => decodePrices('')).toThrow('not a compressed list of prices');
    expect(() => decodePrices(encodePrices([1, 2]).slice(0, -3) + 'zz!')).toThrow();
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
    expect(parse({ target: 'data', targetData: encodePrices(prices(200)) }).success).toBe(true);
  });

  it('names what is wrong with the data', () => {
    expect(issue({ target: 'data' })).toBe('upload observed prices or choose the synthetic target');
    expect(issue({ target: 'data', targetData: 'garbage!!' })).toBe('observed prices: not a compressed list of prices');
    expect(issue({ target: 'data', targetData: encodePrices(prices(10)) })).toBe(`observed prices: only 10 prices; at least ${MIN_PRICES} are needed`);
    expect(issue({ target: 'data', targetData: encodePrices([...prices(40), 30]) })).toBe('observed prices: row 41: price 30 is outside [0, 20]');
  });

  it('checks observed prices held with a synthetic target too (a link can carry them), so the form never shows undecodable data', () => {
    expect(issue({ targetData: 'garbage!!' })).toBe('observed prices: not a compressed list of prices');
    expect(issue({ target: 'synthetic', targetData: encodePrices(prices(10)) })).toBe(`observed prices: only 10 prices; at least ${MIN_PRICES} are needed`);
    expect(parse({ target: 'synthetic', targetData: encodePrices(prices(200)) }).success).toBe(true);
  });

  it('is the superRefine the schema calls', () => {
    const issues: { path?: PropertyKey[]; message?: string }[] = [];
    checkTargetData({ target: 'data', targetData: '' }, { addIssue: (i: { path?: PropertyKey[]; message?: string }) => issues.push(i) } as never);
    expect(issues).toHaveLength(1);
  });
});
