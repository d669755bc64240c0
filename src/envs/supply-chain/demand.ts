/**
 * The exogenous customer demand D_t at the retailer, week t = 0, 1, ... of a game:
 * - 'iid': D_t = max(0, round(m + s z_t)), z_t ~ N(0, 1) (the default: N(8, 2) rounded);
 * - 'step': Sterman's (1989) step, m / 2 in weeks 0-3 and m from week 4 (4 then 8 by default),
 *   plus the same rounded noise (s = 0 gives Sterman's exact series);
 * - 'seasonal': m + A sin(2 pi t / P) plus the noise.
 */
import type { Rng } from '../../engine/rng';

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

/** D_t: the level plus noise, rounded to whole units, at least 0. */
export function drawDemand(p: DemandParams, t: number, rng: Rng): number {
  const noise = p.demandStd > 0 ? p.demandStd * rng.normal() : 0;
  return Math.max(0, Math.round(demandLevel(p, t) + noise));
}

/** The flow the chain starts in steady state at: week 0's level (m, or m / 2 before the step). */
export const initialFlow = (p: DemandParams) => demandLevel(p, 0);
