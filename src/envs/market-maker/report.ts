/**
 * The market-making game's figures per episode: the MMs' spread, profit, market share and
 * reward (means over markets, and their spread across markets: the "rollouts"), and market 0's
 * order book step by step. Keys are a contract with the charts (README).
 */
import type { MetricSpec } from '../../engine/experiment';
import { mean, sampleStd } from '../../engine/metrics';
import type { MarketTotals } from './env';

export const MARKET_MAKER_METRICS: MetricSpec[] = [
  { key: 'omegaMean', label: 'omega: the preference for profit, mean over markets this episode', final: true },
  { key: 'spread', label: 'half spread h quoted, mean over markets and steps (price units)', final: true },
  { key: 'spreadStd', label: 'half spread h, std across markets of their episode means' },
  { key: 'pnl', label: 'profit PnL / n per step, mean over markets', final: true },
  { key: 'pnlStd', label: 'profit PnL / n per step, std across markets' },
  { key: 'share', label: 'market share m / n per step (share of LTs who traded), mean over markets', final: true },
  { key: 'shareStd', label: 'market share m / n per step, std across markets' },
  { key: 'reward', label: "MM reward per step, omega PnL / n + (1 - omega) m / n, mean over markets", final: true },
];

export function summarise(totals: MarketTotals, omegas: Float32Array): { metrics: Record<string, number>; snapshots: Record<string, Float32Array> } {
  const perStep = (x: Float64Array) => Array.from(x, (v) => v / totals.steps);
  const figure = (x: Float64Array) => ({ mean: mean(perStep(x)), std: sampleStd(perStep(x)) });
  const [spread, pnl, share, reward] = [totals.spread, totals.pnl, totals.share, totals.reward].map(figure);
  return {
    metrics: {
      omegaMean: mean(omegas),
      spread: spread.mean,
      spreadStd: spread.std,
      pnl: pnl.mean,
      pnlStd: pnl.std,
      share: share.mean,
      shareStd: share.std,
      reward: reward.mean,
    },
    snapshots: {
      bookPrice: totals.book.price,
      bookBid: totals.book.bid,
      bookAsk: totals.book.ask,
      bookBought: totals.book.bought,
      bookSold: totals.book.sold,
    },
  };
}

/** The run's figures: the environment's, then the leader's, the evaluation's and the PPO run's. */
export const MARKET_MAKER_RUN_METRICS: MetricSpec[] = [
  ...MARKET_MAKER_METRICS,
  { key: 'leaderReward', label: "leader's reward: the entropy (nats) of its distribution over omega", final: true },
  { key: 'shortfall', label: "at the latest evaluation, the conditional MM's largest reward shortfall below a fixed-omega baseline, relative to it (0: none)", final: true },
  { key: 'entropy', label: "MM policy entropy (nats)" },
  { key: 'valueLoss', label: "MM PPO value loss" },
];
