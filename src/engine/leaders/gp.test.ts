import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { expectedImprovement, fitGp, GaussianProcess } from './gp';

describe('GaussianProcess', () => {
  /**
   * Two inputs x = 0 and 1, targets y = (1, 0), l = 1, s_n^2 = 0.1. With a = 1 + 0.1 = 1.1 and
   * b = k(0, 1) = e^-0.5 = 0.6065307, K + s_n^2 I = [[a, b], [b, a]] has eigenvectors (1, 1)
   * and (1, -1) with eigenvalues a + b = 1.7065307 and a - b = 0.4934693, and
   * y = (1, 1) / 2 + (1, -1) / 2.
   * At x* = 0.5: k* = c (1, 1) with c = e^-0.125 = 0.8824969, orthogonal to (1, -1), so
   *   mean = c / (a + b) = 0.5171292,  var = 1 - 2 c^2 / (a + b) = 1 - 1.5576016 / 1.7065307 = 0.0872701.
   * At x* = 0: k* = (1 + b)/2 (1, 1) + (1 - b)/2 (1, -1), so
   *   mean = (1 + b) / (2 (a + b)) + (1 - b) / (2 (a - b)) = 0.4707054 + 0.3986720 = 0.8693774,
   *   var = 1 - (1 + b)^2 / (2 (a + b)) - (1 - b)^2 / (2 (a - b)) = 1 - 0.7561877 - 0.1568749 = 0.0869377.
   */
  it('matches the hand-computed posterior for two points', () => {
    const gp = new GaussianProcess([[0], [1]], [1, 0], { lengthScale: 1, noise: 0.1 });
    const { mean, variance } = gp.posterior([[0.5], [0]]);
    console.log('two-point posterior: mean', Array.from(mean), 'variance', Array.from(variance));
    expect(mean[0]).toBeCloseTo(0.5171292, 6);
    expect(variance[0]).toBeCloseTo(0.0872701, 6);
    expect(mean[1]).toBeCloseTo(0.8693774, 6);
    expect(variance[1]).toBeCloseTo(0.0869377, 6);
    // The O(n) shortcut y - s_n^2 alpha is the posterior mean at the training inputs.
    expect(gp.trainingMean()[0]).toBeCloseTo(mean[1], 12);
  });

  it('believing f = mu at chosen points gives the Schur complement of the joint posterior', () => {
    const rng = Rng.fromSeed(3);
    const point = () => [rng.uniform(), rng.uniform()];
    const x = Array.from({ length: 6 }, point);
    const y = x.map(([a, b]) => Math.sin(5 * a) + b);
    const hyper = { lengthScale: 0.3, noise: 0.01 };
    const candidates = Array.from({ length: 8 }, point);
    const posterior = new GaussianProcess(x, y, hyper).posterior(candidates);
    const before = Float64Array.from(posterior.mean);
    posterior.condition(2);
    posterior.condition(5);

    // Reference: the joint posterior covariance S = K_cc - K_cx (K_xx + s_n^2 I)^-1 K_xc, then
    // S <- S - S[:, c] S[c, :] / S[c, c] for c = 2, then c = 5.
    const k = (a: number[], b: number[]) => Math.exp(-((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) / (2 * 0.3 ** 2));
    const gram = (p: number[][], q: number[][]) => new Matrix(p.map((a) => q.map((b) => k(a, b))));
    const Kxc = gram(x, candidates);
    let S = gram(candidates, candidates).sub(Kxc.transpose().mmul(inverse(gram(x, x).add(Matrix.eye(6).mul(0.01)))).mmul(Kxc));
    for (const c of [2, 5]) S = S.sub(S.getColumnVector(c).mmul(S.getRowVector(c)).div(S.get(c, c)));
    for (let i = 0; i < candidates.length; i++) {
      expect(posterior.mean[i]).toBe(before[i]);
      expect(posterior.variance[i]).toBeCloseTo(Math.max(S.get(i, i), 0), 9);
    }
    expect(posterior.variance[2]).toBe(0);
    expect(posterior.variance[5]).toBe(0);
  });

  it('picks a shorter length scale for a wiggly function than for a smooth one', () => {
    const x = Array.from({ length: 40 }, (_, i) => [i / 39]);
    const smooth = fitGp(x, x.map(([v]) => Math.sin(Math.PI * v)));
    const wiggly = fitGp(x, x.map(([v]) => Math.sin(8 * Math.PI * v)));
    console.log('length scale: smooth', smooth.hyper, 'wiggly', wiggly.hyper);
    expect(wiggly.hyper.lengthScale).toBeLessThan(smooth.hyper.lengthScale);
  });
});

describe('expectedImprovement', () => {
  it('matches a hand-computed value', () => {
    // mu - best - xi = 0.61 - 0.2 - 0.01 = 0.4 and s = 0.4, so z = 1:
    // EI = 0.4 Phi(1) + 0.4 phi(1) = 0.4 (0.8413447 + 0.2419707) = 0.4333262.
    expect(expectedImprovement(0.61, 0.4, 0.2, 0.01)).toBeCloseTo(0.4333262, 6);
  });

  it('is max(mu - best - xi, 0) when s = 0', () => {
    expect(expectedImprovement(0.61, 0, 0.2, 0.01)).toBeCloseTo(0.4, 12);
    expect(expectedImprovement(0.1, 0, 0.2, 0.01)).toBe(0);
  });
});
