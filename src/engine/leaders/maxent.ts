/**
 * The robust-learning leader of ADAGE section 4.4: it chooses the distribution over a finite set
 * of preferences omega on which the followers train, rewarded by that distribution's entropy,
 * so it wants them to face every preference. Over a finite set the entropy is maximised by the
 * uniform distribution, and against a user's prior q (maximum entropy relative to q, i.e.
 * minimum KL(p || q)) by q itself: both are computed, not learned. Each episode every copy
 * draws its omega from it.
 */
import { sampleCategorical } from '../rl/heads';
import type { StateReader, StateTree } from '../persist/state';
import type { Rng } from '../rng';
import type { Leader } from './leader';

export class MaxEntLeader implements Leader {
  /** The sampling distribution over `values`. */
  readonly probabilities: number[];
  /** Its entropy in nats: the leader's reward. */
  readonly entropy: number;

  constructor(
    readonly values: readonly number[],
    prior: readonly number[] | null,
    private readonly rng: Rng,
  ) {
    const w = prior && prior.length === values.length ? prior : values.map(() => 1);
    const total = w.reduce((a, b) => a + b, 0);
    this.probabilities = w.map((x) => x / total);
    this.entropy = -this.probabilities.reduce((h, p) => (p > 0 ? h + p * Math.log(p) : h), 0);
  }

  async act(_obs: Float32Array, copies: number): Promise<Float32Array> {
    const out = new Float32Array(copies);
    for (let e = 0; e < copies; e++) out[e] = this.values[sampleCategorical(this.probabilities, this.rng.uniform())];
    return out;
  }

  async feedback() {
    return null;
  }

  /** Its distribution is fixed by the scenario: only where its draws are. */
  async saveState(): Promise<StateTree> {
    return { rng: this.rng.state() };
  }

  loadState(saved: StateReader) {
    this.rng.restore(saved.get('rng').rngState());
  }

  dispose() {}
}
