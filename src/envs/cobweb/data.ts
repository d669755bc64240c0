/**
 * The cobweb market's observed series: prices. The model's prices stay within about [1, 9.5]
 * (supply S in [0, 2] per producer, a = 13.8, b = 1.5, plus noise), so a value outside twice
 * that range is a unit or column mistake rather than a price this simulator could match.
 */
import { parseSeriesCsv, targetDataRule, type SeriesKind } from '../calibration/series-data';

export const PRICES: SeriesKind = { noun: 'price', plural: 'prices', min: 0, max: 20 };

export const parsePricesCsv = (text: string) => parseSeriesCsv(text, PRICES);
export const checkTargetData = targetDataRule(PRICES);
