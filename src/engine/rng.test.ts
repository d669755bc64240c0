import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.uniform());
}

describe('Rng', () => {
  it('gives the same stream for the same seed', () => {
    expect(draws(Rng.fromSeed(42), 100)).toEqual(draws(Rng.fromSeed(42), 100));
  });

  it('gives different streams for different seeds', () => {
    expect(draws(Rng.fromSeed(1), 100)).not.toEqual(draws(Rng.fromSeed(2), 100));
  });

  it("gives each scenario seed a stream of its own for a purpose, apart from the trainer's", () => {
    const SALT = 0x0ba5e;
    const first = (seed: number) => draws(Rng.forScenario(seed, SALT), 20);
    expect(first(12)).toEqual(first(12));
    // Neighbouring seeds (2k, 2k + 1) shared one stream when the seed was derived as (seed ^ salt) >>> 1.
    const streams = new Set([0, 1, 2, 3, 11, 12, 13, 14, 15, -1].map((seed) => first(seed).join()));
    expect(streams.size).toBe(10);
    expect(first(12)).not.toEqual(draws(Rng.fromSeed(12), 20));
    expect(first(12)).not.toEqual(draws(Rng.forScenario(12, 0x5ca1ab1e), 20));
  });

  it('splits reproducibly: the same seed gives the same child streams', () => {
    const a = Rng.fromSeed(5);
    const b = Rng.fromSeed(5);
    expect(draws(a.split(), 50)).toEqual(draws(b.split(), 50));
    expect(draws(a.split(), 50)).toEqual(draws(b.split(), 50));
    expect(draws(a, 50)).toEqual(draws(b, 50));
  });

  it('gives split streams that differ from each other and from the parent', () => {
    const parent = Rng.fromSeed(3);
    const c1 = parent.split();
    const c2 = parent.split();
    const s1 = draws(c1, 200);
    const s2 = draws(c2, 200);
    const sp = draws(parent, 200);
    // No value in common, not just a different order (53-bit floats collide only by chance).
    const overlap = (x: number[], y: number[]) => x.filter((v) => y.includes(v)).length;
    expect(overlap(s1, s2)).toBe(0);
    expect(overlap(s1, sp)).toBe(0);
    expect(overlap(s2, sp)).toBe(0);
  });

  it('draws uniform values in [0, 1) with mean ~1/2', () => {
    const xs = draws(Rng.fromSeed(11), 20_000);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01); // std error sqrt(1/12 / 20000) = 0.002
  });

  it('draws integers in [0, n) hitting every value', () => {
    const rng = Rng.fromSeed(12);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 6000; i++) {
      const k = rng.int(6);
      expect(Number.isInteger(k)).toBe(true);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(6);
      counts[k]++;
    }
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150); // std ~29
  });

  it('returns a permutation of 0..n-1', () => {
    const rng = Rng.fromSeed(13);
    for (const n of [0, 1, 2, 17, 1000]) {
      const p = rng.permutation(n);
      expect(p.length).toBe(n);
      expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('shuffles: a long permutation is not the identity and differs between draws', () => {
    const rng = Rng.fromSeed(14);
    const p = Array.from(rng.permutation(100));
    const q = Array.from(rng.permutation(100));
    expect(p).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(p).not.toEqual(q);
  });

  it('draws standard normals: mean ~0, std ~1 over 20000 draws', () => {
    const rng = Rng.fromSeed(15);
    const n = 20_000;
    const xs = Array.from({ length: n }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
    expect(xs.every(Number.isFinite)).toBe(true);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(std - 1)).toBeLessThan(0.03);
  });
});
