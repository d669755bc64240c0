/**
 * The series limit (issue 22): a valid series of MAX_VALUES values of any kind fits its
 * compressed text's limit, and so goes through the scenario, a link and a scenario file; more
 * values, or a longer text, are refused with the count or the length and the limit.
 */
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { decodeScenario, encodeScenario } from '../../scenario/codec';
import { scenarioSchema, type Scenario } from '../../scenario/schema';
import { parseScenario } from '../../scenario/validate';
import { PRICES } from '../cobweb/data';
import { COURNOT_PRICES } from '../cournot/data';
import { ORDERS } from '../supply-chain/data';
import { maxCompressedLength } from './compressed-length';
import { decodeSeries, encodeSeries, MAX_VALUES, maxSeriesText, type SeriesKind } from './series-data';

/** n values of mean m and std s, at least 0, to 3 decimals (as encodeSeries keeps them). */
function series(n: number, m: number, s: number, seed = 1): number[] {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: n }, () => Math.round(Math.max(0, m + s * rng.normal()) * 1000) / 1000);
}

/** n values uniform over [lo, hi), to 3 decimals: as close to incompressible as a valid series gets. */
function uniform(n: number, lo: number, hi: number, seed = 2): number[] {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: n }, () => Math.round((lo + (hi - lo) * rng.uniform()) * 1000) / 1000);
}

const cournot = (targetData: string): Scenario => scenarioSchema.parse({ env: 'cournot', target: 'data', targetData });
const supplyChain = (targetData: string): Scenario => scenarioSchema.parse({ env: 'supply-chain', target: 'data', targetData });
/** A Cournot scenario as it stands, with this text for its data, unchecked (as a link may carry it). */
const cournotWith = (targetData: string) => ({ ...scenarioSchema.parse({ env: 'cournot' }), target: 'data', targetData }) as Scenario;

describe('the longest compressed text', () => {
  it('is what lz-string can write at most: 5000 values of 7 characters (39,999 with the commas) over 12 symbols, 32,700 characters', () => {
    // Phrases: 12^2 = 144 of one character, 12^3 = 1728 of two, then ceil((39,998 - 144 - 3456) / 3)
    // = 12,133 of three: 14,005. Width after 14,005 + 1 + 12 steps: floor(log2(14,020)) + 1 = 14
    // bits; (14,005 + 2) x 14 + 8 x 12 = 196,194 bits, floor(/ 6) + 1 = 32,700 characters.
    expect(maxCompressedLength(39_999, 12)).toBe(32_700);
    expect(maxSeriesText(COURNOT_PRICES)).toBe(32_700);
    // Orders to 500 are as long (499.999); cobweb prices to 20 one character shorter (19.999).
    expect(maxSeriesText(ORDERS)).toBe(32_700);
    expect(maxSeriesText(PRICES)).toBe(maxCompressedLength(34_999, 12));
    // Negative values bring a minus sign: one character and one symbol more.
    expect(maxSeriesText({ ...COURNOT_PRICES, min: -1000 })).toBe(maxCompressedLength(44_999, 13));
  });

  it('bounds what lz-string writes for texts of every length and alphabet, random or made of every short string in turn', () => {
    const rng = Rng.fromSeed(3);
    const symbols = '0123456789.,-';
    for (const length of [1, 2, 10, 100, 1000, 5000, 40_000]) {
      for (const a of [1, 2, 5, 12, 13]) {
        const random = Array.from({ length }, () => symbols[Math.floor(rng.uniform() * a)]).join('');
        expect(LZString.compressToEncodedURIComponent(random).length, `${length} over ${a}`).toBeLessThanOrEqual(maxCompressedLength(length, a));
      }
    }
    // Every string of 1, 2, 3, then 4 of the 12 symbols, in turn: the text that cuts into the most phrases.
    let grams = '';
    for (let k = 1; grams.length < 40_000; k++) {
      for (let i = 0; i < 12 ** k && grams.length < 40_000; i++) grams += Array.from({ length: k }, (_, j) => symbols[Math.floor(i / 12 ** j) % 12]).join('');
    }
    expect(LZString.compressToEncodedURIComponent(grams).length).toBeLessThanOrEqual(maxCompressedLength(grams.length, 12));
  });
});

describe('a series of 5000 values', () => {
  it('of Cournot prices (around 132, as at a = 500, c = 40, n = 4) goes through the scenario and a link, to 3 decimals', () => {
    const prices = series(MAX_VALUES, 132, 20);
    const text = encodeSeries(prices);
    // Over the 20,000 characters targetData took before.
    expect(text.length).toBeGreaterThan(20_000);
    const s = cournot(text);
    const back = decodeScenario(encodeScenario(s), 'strict').scenario;
    expect(back).toEqual(s);
    expect(decodeSeries((back as { targetData: string }).targetData, COURNOT_PRICES)).toEqual(prices);
  });

  it('of supply-chain orders (around 60 a week) goes through the scenario and a link', () => {
    const orders = series(MAX_VALUES, 60, 25, 4);
    const text = encodeSeries(orders);
    expect(text.length).toBeGreaterThan(20_000);
    const s = supplyChain(text);
    expect(decodeScenario(encodeScenario(s), 'strict').scenario).toEqual(s);
    expect(decodeSeries(text, ORDERS)).toEqual(orders);
  });

  it('of any kind, however its values fall, encodes within its limit, in a link a command line and Chromium take', () => {
    const kinds: [SeriesKind, number[]][] = [
      [COURNOT_PRICES, uniform(MAX_VALUES, 100, 1000)],
      [ORDERS, uniform(MAX_VALUES, 100, 500)],
      [PRICES, uniform(MAX_VALUES, 10, 20)],
    ];
    for (const [kind, values] of kinds) expect(encodeSeries(values).length, kind.plural).toBeLessThanOrEqual(maxSeriesText(kind));
    // The worst: the longest text, every character one a link writes as three (%2B for +).
    const longest = encodeScenario(cournotWith('+'.repeat(maxSeriesText(COURNOT_PRICES))));
    // One argument of a command line (the CLI's --scenario) holds at most 131,071 bytes on Linux
    // (MAX_ARG_STRLEN); Chromium opens an address of at most 2 MiB (2,097,152 characters).
    expect(longest.length).toBeLessThan(131_071);
    // As prices are, about 26,000 characters.
    expect(encodeScenario(cournot(encodeSeries(uniform(MAX_VALUES, 100, 1000)))).length).toBeLessThan(27_000);
  });
});

describe('a series past the limit', () => {
  it('of 5001 values is refused, the message naming the count and the limit', () => {
    const link = encodeScenario(cournotWith(encodeSeries(series(MAX_VALUES + 1, 132, 20))));
    expect(() => decodeScenario(link, 'strict')).toThrow(/^targetData \(observed prices, at most 5000, compressed\): observed prices: 5001 prices; at most 5000 are allowed, got "/);
  });

  it('in a text longer than any valid series makes is refused before it is decompressed, naming both lengths', () => {
    const text = encodeSeries(uniform(2 * MAX_VALUES, 100, 1000));
    expect(text.length).toBeGreaterThan(32_700);
    expect(() => parseScenario({ env: 'cournot', target: 'data', targetData: text }, 'strict')).toThrow(
      `targetData (observed prices, at most 5000, compressed) must be text of at most 32700 characters, got "${text.slice(0, 36)}... (${text.length} characters)`,
    );
  });
});
