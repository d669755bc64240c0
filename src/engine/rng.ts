/**
 * Seedable, splittable random numbers for the engine. Every stochastic choice (initial weights,
 * actions, minibatch order) draws from an Rng passed in explicitly, so one scenario seed fixes a
 * whole run. Built on pure-rand's xoroshiro128+, whose jump() gives independent streams.
 */
import { mersenne } from 'pure-rand/generator/mersenne';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

export class Rng {
  private constructor(private gen: JumpableRandomGenerator) {}

  /**
   * xoroshiro128+'s own seeding leaves nearby seeds with nearly the same first draws, so the
   * 128-bit state is taken from a Mersenne Twister seeded with `seed` (its initialisation mixes).
   */
  static fromSeed(seed: number): Rng {
    const mt = mersenne(seed | 0);
    return new Rng(xoroshiro128plusFromState([mt.next(), mt.next(), mt.next(), mt.next()]));
  }

  /**
   * A stream of a scenario's own for one purpose (`salt`: a constant per use), apart from the
   * trainer's for the same seed (fromSeed(seed)). seed ^ salt is one-to-one in the seed, so every seed gets its own
   * stream: the former (seed ^ salt) >>> 1 gave seeds 2k and 2k + 1 the same one.
   */
  static forScenario(seed: number, salt: number): Rng {
    return Rng.fromSeed(seed ^ salt);
  }

  /** A new independent stream; this stream jumps past everything the child can draw. */
  split(): Rng {
    const child = new Rng(this.gen.clone());
    this.gen.jump();
    return child;
  }

  /** The generator's 128-bit state as four 32-bit integers (a saved run resumes from it). */
  state(): number[] {
    return [...this.gen.getState()];
  }

  /**
   * Puts this stream back at a saved state, in place: whoever holds this Rng (an environment
   * handed the trainer's stream) draws on from there.
   */
  restore(state: readonly number[]): void {
    this.gen = xoroshiro128plusFromState(state);
  }

  /**
   * An identical copy: it draws exactly what this stream would draw next, and neither moves the
   * other (a probe plays two variants on the same draws).
   */
  clone(): Rng {
    return new Rng(this.gen.clone());
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return uniformFloat64(this.gen);
  }

  /** Standard normal (Box-Muller; the second value is dropped to keep the stream simple). */
  normal(): number {
    const u = 1 - this.uniform(); // (0, 1]: log stays finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** A uniformly random ordering of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i]; p[i] = p[j]; p[j] = t;
    }
    return p;
  }
}
