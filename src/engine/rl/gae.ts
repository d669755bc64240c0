/**
 * Generalised advantage estimation (Schulman et al. 2016) for continuing tasks, over a rollout
 * stored time-major: index = t * batch + b. The last step bootstraps from nextValues.
 *   delta_t = r_t + gamma V(s_t+1) - V(s_t);  A_t = delta_t + gamma lambda A_t+1;  R_t = A_t + V(s_t)
 */
export function gae(
  rewards: Float32Array,
  values: Float32Array,
  nextValues: Float32Array,
  steps: number,
  gamma: number,
  lambda: number,
): { advantages: Float32Array; returns: Float32Array } {
  const batch = nextValues.length;
  const advantages = new Float32Array(steps * batch);
  const returns = new Float32Array(steps * batch);
  for (let b = 0; b < batch; b++) {
    let last = 0;
    for (let t = steps - 1; t >= 0; t--) {
      const i = t * batch + b;
      const next = t === steps - 1 ? nextValues[b] : values[i + batch];
      const delta = rewards[i] + gamma * next - values[i];
      last = delta + gamma * lambda * last;
      advantages[i] = last;
      returns[i] = last + values[i];
    }
  }
  return { advantages, returns };
}
