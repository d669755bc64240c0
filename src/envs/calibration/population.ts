/**
 * A calibrated population of heterogeneous bounded-rational agents (Evans and Ganesh, arXiv
 * 2402.00787), laid out over parallel copies of a market: the calibrator's copies, one rational
 * reference copy and the synthetic target's copies. Each agent i has a KL weight lambda_i, drawn
 * per episode: from the calibrator's theta in its copies, 0 in the rational copy, from the hidden
 * (mu*, sigma*) in the target's. Environments own one and expose its layout as their own.
 */
import type { Rng } from '../../engine/rng';

/**
 * What the calibrator sets: the distribution (mu, sigma) of lambda_i; mu alone, with sigma held
 * at the scenario's (where the target identifies (mu, sigma) only along a curve, see the fit
 * landscape); or each lambda_i.
 */
export const CALIBRATE = ['distribution', 'mu', 'individual'] as const;

/** theta's size: (mu, sigma), mu, or one lambda_i per agent of a copy. */
export const thetaSize = (calibrate: (typeof CALIBRATE)[number], n: number) => ({ distribution: 2, mu: 1, individual: n })[calibrate];
/** What to fit: a series simulated with hidden (mu*, sigma*), or observed data. */
export const TARGETS = ['synthetic', 'data'] as const;

export interface PopulationParams {
  /** Agents per copy. */
  n: number;
  /** The calibrator's copies. */
  markets: number;
  calibrate: (typeof CALIBRATE)[number];
  /** The fixed leader's (mu, sigma): its theta until a leader sets one; sigma is held there when calibrate = 'mu'. */
  mu: number;
  sigma: number;
  target: (typeof TARGETS)[number];
  targetMu: number;
  targetSigma: number;
  targetMarkets: number;
}

/** A draw of N(mu, sigma) truncated at 0 (by rejection; mu >= 0 accepts at least half) and capped at `max`. */
export function drawLambda(mu: number, sigma: number, max: number, rng: Rng): number {
  let x = mu;
  if (sigma > 0) {
    for (let tries = 0; tries < 64; tries++) {
      x = mu + sigma * rng.normal();
      if (x >= 0) break;
    }
  }
  return Math.min(max, Math.max(0, x));
}

export class CalibratedPopulation {
  readonly copies: number;
  /** Copies [0, leaderCopies) take theta from the calibrator. */
  readonly leaderCopies: number;
  /** The reference copy whose agents all have lambda_i = 0. */
  readonly rationalCopy: number;
  /** The synthetic target's copies: [firstTargetCopy, firstTargetCopy + targetCopies). */
  readonly firstTargetCopy: number;
  readonly targetCopies: number;
  /** 2 for (mu, sigma), 1 for mu, n for each lambda_i. */
  readonly thetaDim: number;
  /** theta of each copy, copy-major. */
  readonly theta: Float32Array;
  /** lambda_i of every agent of every copy this episode (copy-major). */
  readonly lambda: Float32Array;

  constructor(
    private readonly p: PopulationParams,
    /** The largest lambda_i: where behaviour is close to the uniform prior already. */
    readonly lambdaMax: number,
  ) {
    const { n, markets } = p;
    this.leaderCopies = markets;
    this.rationalCopy = markets;
    this.firstTargetCopy = markets + 1;
    this.targetCopies = p.target === 'synthetic' ? p.targetMarkets : 0;
    this.copies = markets + 1 + this.targetCopies;
    this.thetaDim = thetaSize(p.calibrate, n);
    this.theta = new Float32Array(this.copies * this.thetaDim);
    for (let e = 0; e < markets; e++) {
      if (p.calibrate === 'distribution') this.theta.set([p.mu, p.sigma], e * 2);
      else this.theta.fill(p.mu, e * this.thetaDim, (e + 1) * this.thetaDim);
    }
    this.lambda = new Float32Array(this.copies * n);
  }

  /**
   * Draws each copy's lambda_i for the episode: the calibrator's from its theta, 0 in the
   * rational copy, the hidden (mu*, sigma*) in the target copies (whose theta shows them: mu*
   * alone when the calibrator sets mu).
   */
  drawLambdas(rng: Rng): void {
    const { thetaDim: d, theta, lambda, p, lambdaMax: max } = this;
    const { n, calibrate } = p;
    for (let e = 0; e < this.copies; e++) {
      const row = lambda.subarray(e * n, (e + 1) * n);
      if (e < this.leaderCopies) {
        for (let i = 0; i < n; i++) {
          if (calibrate === 'distribution') row[i] = drawLambda(theta[e * d], theta[e * d + 1], max, rng);
          else if (calibrate === 'mu') row[i] = drawLambda(theta[e * d], p.sigma, max, rng);
          else row[i] = Math.min(max, Math.max(0, theta[e * d + i]));
        }
      } else if (e === this.rationalCopy) {
        row.fill(0);
        theta.fill(0, e * d, (e + 1) * d);
      } else {
        for (let i = 0; i < n; i++) row[i] = drawLambda(p.targetMu, p.targetSigma, max, rng);
        if (calibrate === 'individual') theta.set(row, e * d);
        else theta.set([p.targetMu, p.targetSigma].slice(0, d), e * d);
      }
    }
  }

  /** The mean over the calibrator's copies of mu; NaN when it sets each lambda_i. */
  get mu(): number {
    return this.p.calibrate === 'individual' ? NaN : this.leaderMean(0);
  }

  /** Its sigma: the mean over its copies, or the one held when it sets mu alone; NaN when it sets each lambda_i. */
  get sigma(): number {
    return { distribution: this.leaderMean(1), mu: this.p.sigma, individual: NaN }[this.p.calibrate];
  }

  private leaderMean(k: number): number {
    let s = 0;
    for (let e = 0; e < this.leaderCopies; e++) s += this.theta[e * this.thetaDim + k];
    return s / this.leaderCopies;
  }
}

/**
 * An environment laid out by a CalibratedPopulation: its copies, leader copies, theta and the
 * lambda_i of every agent are the population's (BatchedEnv's layout fields, in one place).
 */
export abstract class CalibratedLayout {
  constructor(
    /** The calibrator's copies, the rational one and the target's, and their lambda_i. */
    readonly population: CalibratedPopulation,
  ) {}

  get copies() {
    return this.population.copies;
  }
  get leaderCopies() {
    return this.population.leaderCopies;
  }
  get thetaDim() {
    return this.population.thetaDim;
  }
  get theta() {
    return this.population.theta;
  }
  get lambda() {
    return this.population.lambda;
  }
}
