/**
 * The Cournot market's observed series: prices P_t. The model's prices lie in [0, a + noise]
 * with a at most 500, so a price outside [0, 1000] is a unit or column mistake rather than a
 * price this simulator could match.
 */
import { targetDataRule, type SeriesKind } from '../calibration/series-data';

export const COURNOT_PRICES: SeriesKind = { noun: 'price', plural: 'prices', min: 0, max: 1000 };

export const checkCournotTargetData = targetDataRule(COURNOT_PRICES);
