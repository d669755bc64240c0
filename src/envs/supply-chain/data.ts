/**
 * The supply chain's observed series: the factory's weekly orders (the top of the chain, where
 * the bullwhip is largest). Orders are at least 0; at the default demand (8 a week) the
 * simulated factory orders stay below about 100 even when every stage chooses at random, so a
 * value above 500 is a unit or column mistake rather than an order this simulator could match.
 */
import { targetDataRule, type SeriesKind } from '../calibration/series-data';

export const ORDERS: SeriesKind = { noun: 'order', plural: 'orders', min: 0, max: 500 };

export const checkTargetData = targetDataRule(ORDERS);
