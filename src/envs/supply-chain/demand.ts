/**
 * The exogenous customer demand D_t at the retailer, week t = 0, 1, ... of a game:
 * - 'iid': D_t = max(0, round(m + s z_t)), z_t ~ N(0, 1) (the default: N(8, 2) rounded);
 * - 'step': Sterman's (1989) step, m / 2 in weeks 0-3 and m from week 4 (4 then 8 by default),
 *   plus the same rounded noise (s = 0 gives Sterman's exact series);
 * - 'seasonal': m + A sin(2 pi t / P) plus the noise.
 */
import type { z } from 'zod';
import type { Rng } from '../../engine/rng';
import { crossFieldIssue } from '../../scenario/cross-field';
// The normal distribution's quantile function (stdlib packages are CommonJS: a default export).
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export const DEMANDS = ['iid', 'step', 'seasonal'] as const;
export type DemandKind = (typeof DEMANDS)[number];

export interface DemandParams {
  demand: DemandKind;
  /** m: mean weekly demand (after the step). */
  demandMean: number;
  /** s: std of the weekly noise. */
  demandStd: number;
  /** A: the seasonal amplitude. */
  seasonAmplitude: number;
  /** P: the seasonal period in weeks. */
  seasonPeriod: number;
}

/** Sterman's step comes in week 4 (his week 5). */
export const STEP_WEEK = 4;

/** The demand's mean in week t, before noise and rounding. */
export function demandLevel(p: DemandParams, t: number): number {
  switch (p.demand) {
    case 'iid':
      return p.demandMean;
    case 'step':
      return t < STEP_WEEK ? p.demandMean / 2 : p.demandMean;
    case 'seasonal':
      return p.demandMean + p.seasonAmplitude * Math.sin((2 * Math.PI * t) / p.seasonPeriod);
  }
}

/** A week's demand as it is ordered: whole units, at least 0. */
const wholeUnits = (x: number) => Math.max(0, Math.round(x));

/** D_t: the level plus noise, rounded to whole units, at least 0. */
export function drawDemand(p: DemandParams, t: number, rng: Rng): number {
  const noise = p.demandStd > 0 ? p.demandStd * rng.normal() : 0;
  return wholeUnits(demandLevel(p, t) + noise);
}

/** The share of games in which a demand may keep one value throughout (its bullwhip ratio then undefined): 1 in 100. */
const STILL_GAMES = 0.01;

/**
 * The least noise std (rounded up to hundredths) at which a demand whose level rounds to one
 * whole number every week keeps one value through a game of `horizon` weeks in at most
 * STILL_GAMES of games. A week's demand takes any one whole value with probability at most
 * p = P(|z| < 0.5 / s) (and 0, below a level that rounds to 1 or more, at most 1/2), so a game
 * holds one value throughout with probability at most p^(horizon - 1): 0.72 at 8 weeks, 0.30 at
 * 52, 0.20 at 512.
 */
export function minDemandNoise(horizon: number): number {
  const p = STILL_GAMES ** (1 / (horizon - 1));
  return Math.ceil((0.5 / normalQuantile((1 + p) / 2, 0, 1)) * 100) / 100;
}

/**
 * The scenario rule: the demand must vary within a game, or the bullwhip ratio var(orders) /
 * var(demand) is 0 / 0 and every bullwhip figure NaN (demandStd = 0 with iid demand did that).
 * It does when its level rounds to different whole numbers in two weeks of a game (Sterman's
 * step, a season), or else when its noise is at least minDemandNoise(horizon).
 */
export function checkDemandVaries(p: DemandParams & { horizon: number }, ctx: z.RefinementCtx): void {
  const least = minDemandNoise(p.horizon);
  if (p.demandStd >= least) return;
  const first = wholeUnits(demandLevel(p, 0));
  for (let t = 1; t < p.horizon; t++) if (wholeUnits(demandLevel(p, t)) !== first) return;
  crossFieldIssue(
    ctx,
    ['demandStd', 'demand', 'demandMean', 'seasonAmplitude', 'seasonPeriod', 'horizon'],
    `the ${p.demand} demand's level rounds to ${first} every week, so below a noise of ${least} the demand may keep one value through a ${p.horizon}-week game in more than 1 game in 100 (in every game at 0), and the bullwhip ratio var(orders) / var(demand) of such a game is undefined; give a noise of at least ${least} at this horizon, or a step or seasonal demand whose weeks differ`,
  );
}

/** The flow the chain starts in steady state at: week 0's level (m, or m / 2 before the step). */
export const initialFlow = (p: DemandParams) => demandLevel(p, 0);
