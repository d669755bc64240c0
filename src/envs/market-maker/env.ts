/**
 * The market-making game (ADAGE section 4.4), batched over parallel markets with one market
 * maker (MM) each. Each step the MM of every market quotes a half spread h around the price;
 * n zero-intelligence liquidity takers (LTs) arrive, each a buyer or a seller with probability
 * 1/2 and a private value v ~ N(p0, zeta), and trade one unit if the quote beats their value;
 * then the price moves. theta per market is the MM's preference omega between profit (1) and
 * market share (0); the leader draws it each episode.
 */
import type { BatchedEnv } from '../../engine/env';
import { Rng } from '../../engine/rng';
import { LEVELS, type MarketMakerParams } from './config';
import { ltTrades, mmReward, nextPrice, P0, pnl } from './model';
import { summarise } from './report';
import { carried } from '../../engine/persist/carried';

/** Observation: (p_t - p0) / zeta (p_t / p0, centred and scaled to the LTs' spread), omega. */
export const OBS_DIM = 2;

type Scenario = MarketMakerParams & { seed: number };

/** Per market, sums over the episode's steps; and market 0 step by step (the order book strip). */
export interface MarketTotals {
  steps: number;
  spread: Float64Array;
  pnl: Float64Array;
  share: Float64Array;
  reward: Float64Array;
  book: { price: Float32Array; bid: Float32Array; ask: Float32Array; bought: Float32Array; sold: Float32Array };
}

export class MarketMakerEnv implements BatchedEnv {
  readonly copies: number;
  readonly agents = 1;
  readonly obsDim = OBS_DIM;
  readonly numActions = LEVELS;
  /** The MM conditions on omega by FiLM. */
  readonly thetaColumn = 1;
  readonly thetaDim = 1;
  readonly theta: Float32Array;
  readonly leaderCopies: number;
  /** The price per market after the latest step. */
  readonly aggregate: Float64Array;
  readonly aggregateScale: number;
  readonly rewardScale = 1;
  /** p_(t-1): what the MM's trades are valued at. */
  readonly previousPrice: Float64Array;
  totals: MarketTotals;

  private readonly params: Scenario;
  private rng: Rng;
  private t = 0;

  constructor(params: Scenario) {
    carried(this, 't', 'totals.steps');
    this.params = params;
    this.copies = params.markets;
    this.leaderCopies = params.markets;
    this.theta = new Float32Array(this.copies).fill(params.omega);
    this.aggregate = new Float64Array(this.copies);
    this.previousPrice = new Float64Array(this.copies);
    this.aggregateScale = params.zeta;
    this.totals = this.emptyTotals();
    this.rng = Rng.forScenario(params.seed, 0x3a7f5d);
    this.reset();
  }

  /** Every market at p0. */
  reset(): void {
    this.aggregate.fill(P0);
    this.previousPrice.fill(P0);
    this.totals = this.emptyTotals();
  }

  /** The markets carry on; the LTs and price shocks draw from the trainer's stream. */
  beginEpisode(rng: Rng): void {
    this.rng = rng;
    this.totals = this.emptyTotals();
    this.t = 0;
  }

  /** The half spread of action level k. */
  halfSpread(k: number): number {
    return (this.params.hMax * k) / (LEVELS - 1);
  }

  observe(out: Float32Array): void {
    for (let e = 0; e < this.copies; e++) {
      out[e * OBS_DIM] = (this.aggregate[e] - P0) / this.params.zeta;
      out[e * OBS_DIM + 1] = this.theta[e];
    }
  }

  step(actions: Int32Array | Float32Array, rewardsOut: Float32Array): void {
    const { n, zeta, sigma } = this.params;
    const { totals, rng } = this;
    for (let e = 0; e < this.copies; e++) {
      const p = this.aggregate[e];
      const h = this.halfSpread(actions[e]);
      const bid = p - h;
      const ask = p + h;
      let qBid = 0;
      let qAsk = 0;
      for (let j = 0; j < n; j++) {
        const isBuyer = rng.uniform() < 0.5;
        const { bought, sold } = ltTrades(isBuyer, P0 + zeta * rng.normal(), bid, ask);
        if (bought) qAsk++;
        if (sold) qBid++;
      }
      const profit = pnl(qBid, qAsk, bid, ask, this.previousPrice[e]);
      const share = qBid + qAsk;
      const r = mmReward(this.theta[e], profit, share, n);
      rewardsOut[e] = r;
      totals.spread[e] += h;
      totals.pnl[e] += profit / n;
      totals.share[e] += share / n;
      totals.reward[e] += r;
      if (e === 0 && this.t < totals.book.price.length) {
        totals.book.price[this.t] = p;
        totals.book.bid[this.t] = bid;
        totals.book.ask[this.t] = ask;
        totals.book.bought[this.t] = qBid;
        totals.book.sold[this.t] = qAsk;
      }
      this.previousPrice[e] = p;
      this.aggregate[e] = nextPrice(p, sigma, rng.normal());
    }
    this.t++;
    totals.steps++;
  }

  report(): { metrics: Record<string, number>; snapshots: Record<string, Float32Array> } {
    return summarise(this.totals, this.theta);
  }

  private emptyTotals(): MarketTotals {
    const per = () => new Float64Array(this.copies);
    const steps = () => new Float32Array(this.params.horizon);
    return {
      steps: 0,
      spread: per(),
      pnl: per(),
      share: per(),
      reward: per(),
      book: { price: steps(), bid: steps(), ask: steps(), bought: steps(), sold: steps() },
    };
  }
}
