/**
 * Gaussian-process regression for the Bayesian-optimisation leader: inputs in [0, 1]^d (callers
 * normalise), a zero-mean prior with unit signal variance on standardised targets, a
 * squared-exponential kernel k(a, b) = exp(-|a - b|^2 / (2 l^2)) with one length scale l, and
 * Gaussian observation noise of variance s_n^2. l and s_n^2 are picked from a small grid by the
 * log marginal likelihood (Rasmussen & Williams, Gaussian Processes for Machine Learning, 2006,
 * algorithm 2.1 and eq. 5.8), which costs one Cholesky factorisation per pair.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalPdf from '@stdlib/stats-base-dists-normal-pdf';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { mean, sampleStd } from '../metrics';

export interface GpHyper {
  lengthScale: number;
  /** Observation noise variance s_n^2, in the units of the targets. */
  noise: number;
}

/** Length scales from a sharp feature to the whole box; noise from nearly exact to all noise. */
export const LENGTH_SCALES = [0.05, 0.1, 0.2, 0.4, 1];
export const NOISES = [1e-4, 1e-3, 1e-2, 0.1, 1];

/** Added to the diagonal, growing tenfold, only when rounding leaves K not positive definite. */
const FIRST_JITTER = 1e-10;
const MAX_JITTER = 1e-4;

export type Point = ArrayLike<number>;

function kernel(a: Point, b: Point, lengthScale: number): number {
  let sq = 0;
  for (let k = 0; k < a.length; k++) sq += (a[k] - b[k]) ** 2;
  return Math.exp(-sq / (2 * lengthScale * lengthScale));
}

/** The m x n cross-covariance k(points[i], x[j]). */
function crossKernel(points: readonly Point[], x: readonly Point[], lengthScale: number): Matrix {
  const out = new Matrix(points.length, x.length);
  for (let i = 0; i < points.length; i++) for (let j = 0; j < x.length; j++) out.set(i, j, kernel(points[i], x[j], lengthScale));
  return out;
}

/**
 * Cholesky of K + noise I, with jitter added only if rounding makes the factorisation fail.
 * Writes 1 + noise on K's diagonal in place (k(a, a) = 1), so one kernel matrix serves a
 * whole column of the noise grid without a copy.
 */
function factorise(K: Matrix, noise: number): { chol: CholeskyDecomposition; noise: number } {
  for (let jitter = 0; ; jitter = jitter === 0 ? FIRST_JITTER : 10 * jitter) {
    for (let i = 0; i < K.rows; i++) K.set(i, i, 1 + noise + jitter);
    const chol = new CholeskyDecomposition(K);
    if (chol.isPositiveDefinite() || jitter >= MAX_JITTER) return { chol, noise: noise + jitter };
  }
}

/** The posterior of a zero-mean GP given targets y (already standardised) at inputs x. */
export class GaussianProcess {
  private readonly chol: CholeskyDecomposition;
  /** alpha = (K + s_n^2 I)^-1 y. */
  private readonly alpha: Matrix;
  /** The noise variance actually on the diagonal (the hyperparameter plus any jitter). */
  private readonly noise: number;
  readonly logMarginalLikelihood: number;

  constructor(
    readonly x: readonly Point[],
    readonly y: ArrayLike<number>,
    readonly hyper: GpHyper,
    /** k(x, x) for hyper.lengthScale, when the caller already has it (its diagonal is overwritten). */
    kernelMatrix: Matrix = crossKernel(x, x, hyper.lengthScale),
  ) {
    ({ chol: this.chol, noise: this.noise } = factorise(kernelMatrix, hyper.noise));
    this.alpha = this.chol.solve(Matrix.columnVector(Array.from(y)));
    // log p(y) = -y^T alpha / 2 - sum_i log L_ii - n/2 log 2 pi.
    const L = this.chol.lowerTriangularMatrix;
    let fit = 0;
    let logDet = 0;
    for (let i = 0; i < x.length; i++) {
      fit += y[i] * this.alpha.get(i, 0);
      logDet += Math.log(L.get(i, i));
    }
    this.logMarginalLikelihood = -0.5 * fit - logDet - 0.5 * x.length * Math.log(2 * Math.PI);
  }

  /**
   * Posterior mean of f at the training inputs, in O(n): K_f (K_f + s_n^2 I)^-1 y = y - s_n^2 alpha.
   * The highest of these is the noisy-objective incumbent for expected improvement.
   */
  trainingMean(): Float64Array {
    return Float64Array.from({ length: this.x.length }, (_, i) => this.y[i] - this.noise * this.alpha.get(i, 0));
  }

  /** Posterior mean and variance of f (noise-free) at `points`, ready for believed observations. */
  posterior(points: readonly Point[]): Posterior {
    const cross = crossKernel(points, this.x, this.hyper.lengthScale);
    // W = K_* (K + s_n^2 I)^-1: one n^3 inverse, then the m x n x n product, instead of m solves.
    const inverse = this.chol.solve(Matrix.eye(this.x.length));
    const weights = cross.mmul(inverse);
    const mean = cross.mmul(this.alpha).getColumn(0);
    const rows = cross.to2DArray();
    const weightRows = weights.to2DArray();
    const variance = rows.map((row, i) => Math.max(1 - dot(row, weightRows[i]), 0));
    return new Posterior(points, this.hyper.lengthScale, Float64Array.from(mean), Float64Array.from(variance), rows, weightRows);
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * A GP posterior over a fixed set of points, which can be conditioned further on "believed"
 * values f(c) = mu(c) at some of them (the kriging believer for batch acquisition). Believing
 * f(c) = mu(c) leaves the mean unchanged everywhere (the update is proportional to
 * f(c) - mu(c) = 0) and shrinks the covariance by a rank one term (the Schur complement):
 *   cov'(a, b) = cov(a, b) - cov(a, c) cov(c, b) / var(c),
 * at O(m (n + t)) per believed point instead of a new factorisation and an O(m n^2) prediction.
 * The belief is about f itself, not a noisy sample of it: a noisy fake observation barely moves
 * a posterior that is already sharper than one sample, and the batch would repeat one point.
 */
export class Posterior {
  /** u_s(a) = cov_(s-1)(a, c_s) / sqrt(var_(s-1)(c_s)), one per believed point c_s. */
  private readonly updates: Float64Array[] = [];

  constructor(
    private readonly points: readonly Point[],
    private readonly lengthScale: number,
    readonly mean: Float64Array,
    readonly variance: Float64Array,
    /** Rows of k(point, x) and of k(point, x) (K + s_n^2 I)^-1. */
    private readonly cross: readonly ArrayLike<number>[],
    private readonly weights: readonly ArrayLike<number>[],
  ) {}

  /** Believes f = mean[j] at points[j]. */
  condition(j: number): void {
    const m = this.points.length;
    // At a point already known exactly (variance 0) there is nothing left to learn.
    if (this.variance[j] <= 0) return;
    const scale = 1 / Math.sqrt(this.variance[j]);
    const u = new Float64Array(m);
    for (let a = 0; a < m; a++) {
      let cov = kernel(this.points[a], this.points[j], this.lengthScale) - dot(this.cross[a], this.weights[j]);
      for (const prev of this.updates) cov -= prev[a] * prev[j];
      u[a] = cov * scale;
    }
    for (let a = 0; a < m; a++) this.variance[a] = Math.max(this.variance[a] - u[a] * u[a], 0);
    this.variance[j] = 0;
    this.updates.push(u);
  }
}

/**
 * Fits a GP to raw targets: standardises them (zero mean, unit sample std; std 1 when there is
 * no spread) and keeps the (length scale, noise) pair of the grid with the highest log marginal
 * likelihood; one kernel matrix per length scale.
 */
export function fitGp(
  x: readonly Point[],
  rawY: ArrayLike<number>,
  lengthScales: readonly number[] = LENGTH_SCALES,
  noises: readonly number[] = NOISES,
): GaussianProcess {
  const centre = mean(rawY);
  const std = sampleStd(rawY) || 1;
  const y = Float64Array.from(rawY, (v) => (v - centre) / std);
  let best: GaussianProcess | null = null;
  for (const lengthScale of lengthScales) {
    const K = crossKernel(x, x, lengthScale);
    for (const noise of noises) {
      const gp = new GaussianProcess(x, y, { lengthScale, noise }, K);
      if (best === null || gp.logMarginalLikelihood > best.logMarginalLikelihood) best = gp;
    }
  }
  if (best === null) throw new Error('fitGp: the hyperparameter grid is empty');
  return best;
}

/**
 * Expected improvement of a maximisation over the incumbent `best` by more than the margin xi,
 * for a posterior N(mu, s^2): (mu - best - xi) Phi(z) + s phi(z), z = (mu - best - xi) / s.
 */
export function expectedImprovement(mu: number, s: number, best: number, xi: number): number {
  const gain = mu - best - xi;
  if (s <= 0) return Math.max(gain, 0);
  const z = gain / s;
  return gain * normalCdf(z, 0, 1) + s * normalPdf(z, 0, 1);
}
