/**
 * What the followers see of theta, apart from what the environment applies: the Lucas-critique
 * probe's fixed-rule agent observes the theta it was trained under while the environment pays
 * and moves with the new one.
 */
import type { BatchedEnv } from '../env';

/**
 * Runs `f` (an observe, or a beginEpisode that derives what followers observe from theta, such
 * as the cobweb producers' lambda_i ~ N(mu, sigma)) with the leader copies' theta replaced by
 * `seen` (thetaDim values per leader copy), then puts the applied theta back. Environments keep
 * theta-hat out of their state, so everything else (payoffs, dynamics in step) uses the applied
 * theta.
 */
export function seeing<T>(env: BatchedEnv, seen: Float32Array | null, f: () => T): T {
  if (!seen) return f();
  const applied = env.theta.slice(0, seen.length);
  env.theta.set(seen);
  try {
    return f();
  } finally {
    env.theta.set(applied);
  }
}
