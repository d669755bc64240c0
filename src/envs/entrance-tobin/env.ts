/**
 * Market entrance game with a Tobin tax (ADAGE, section 4.3), batched over parallel markets.
 *
 * Each step every trader k chooses a_k,t in {0 = stay out, 1 = enter}; demand D_t counts
 * entrants; capacity C = c n. Base reward r* = beta out, beta + v (C - D_t) in; a trader who
 * changes position pays the Tobin tax |tau r*|. theta = tau, set per market by the leader.
 */
import type { BatchedEnv } from '../../engine/env';
import type { DeviceEnv } from '../../engine/device/device-env';
import { TAU_LIMIT, type EntranceParams } from './config';
import { entranceDevice } from './device';
import { carried } from '../../engine/persist/carried';

export const BETA = 1;
export const V = 2;
/** Observation: D_t-1 / n, mean past D / n, own a_t-1, tau / TAU_LIMIT. */
export const OBS_DIM = 4;

/** r*_k,t: the payoff before tax. */
export function baseReward(enter: boolean, demand: number, capacity: number): number {
  return enter ? BETA + V * (capacity - demand) : BETA;
}

/** r_k,t: the payoff after the Tobin tax, charged only when the trader switches. */
export function taxedReward(action: number, prevAction: number, demand: number, capacity: number, tau: number): number {
  const r = baseReward(action === 1, demand, capacity);
  return action !== prevAction ? r - Math.abs(tau * r) : r;
}

export class EntranceEnv implements BatchedEnv {
  readonly copies: number;
  readonly agents: number;
  readonly obsDim = OBS_DIM;
  readonly numActions = 2;
  readonly thetaColumn = 3;
  readonly thetaDim = 1;
  readonly leaderCopies: number;
  readonly capacity: number;
  readonly theta: Float32Array;
  /** a_k,t-1 for every trader of every market. */
  readonly prevAction: Int32Array;
  /** D per market after the latest step (D_t-1 in the next observation). */
  readonly aggregate: Float64Array;
  /** Largest binomial std of D, sqrt(n) / 2. */
  readonly aggregateScale: number;
  /** 1 / (v n), as in the reference PPO. */
  readonly rewardScale: number;
  /** Running sum of D per market, and the steps it sums (mean D in the observation). */
  readonly demandSum: Float64Array;
  steps = 0;

  constructor(params: EntranceParams) {
    carried(this, 'steps');
    this.copies = params.markets;
    this.leaderCopies = params.markets;
    this.agents = params.n;
    this.capacity = params.c * params.n;
    this.theta = new Float32Array(this.copies).fill(params.tauMin);
    this.prevAction = new Int32Array(this.copies * this.agents);
    this.aggregate = new Float64Array(this.copies);
    this.aggregateScale = Math.sqrt(params.n) / 2;
    this.rewardScale = 1 / (V * params.n);
    this.demandSum = new Float64Array(this.copies);
    this.reset();
  }

  /** The step in WGSL (a getter: not a field, so not part of the saved state). */
  get device(): DeviceEnv {
    return entranceDevice(this);
  }

  /** Markets start as if last period's demand had been exactly C and nobody had entered. */
  reset(): void {
    this.prevAction.fill(0);
    this.aggregate.fill(this.capacity);
    this.demandSum.fill(0);
    this.steps = 0;
  }

  observe(out: Float32Array): void {
    const { agents, copies } = this;
    for (let e = 0; e < copies; e++) {
      const dPrev = this.aggregate[e] / agents;
      const dMean = (this.steps > 0 ? this.demandSum[e] / this.steps : this.aggregate[e]) / agents;
      const tau = this.theta[e] / TAU_LIMIT;
      for (let k = 0; k < agents; k++) {
        const i = e * agents + k;
        const o = i * OBS_DIM;
        out[o] = dPrev;
        out[o + 1] = dMean;
        out[o + 2] = this.prevAction[i];
        out[o + 3] = tau;
      }
    }
  }

  step(actions: Int32Array, rewardsOut: Float32Array): void {
    const { agents, copies, capacity } = this;
    for (let e = 0; e < copies; e++) {
      let d = 0;
      for (let k = 0; k < agents; k++) d += actions[e * agents + k];
      const tau = this.theta[e];
      for (let k = 0; k < agents; k++) {
        const i = e * agents + k;
        rewardsOut[i] = taxedReward(actions[i], this.prevAction[i], d, capacity, tau);
        this.prevAction[i] = actions[i];
      }
      this.aggregate[e] = d;
      this.demandSum[e] += d;
    }
    this.steps++;
  }
}
