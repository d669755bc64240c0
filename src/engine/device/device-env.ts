/**
 * What an environment gives to run its step on the GPU (the device-resident path,
 * device-ppo.ts): its carried state as floats, and two WGSL functions over it.
 *
 * The code may call these, which the path defines:
 * - `st(k) -> f32`, `setSt(k, v)`: the carried state;
 * - `theta(e, k) -> f32`: theta's k-th dimension in copy e;
 * - `act(t, i) -> i32`: follower i's action at step t (in stepCopy);
 * - `reward(t, i, raw)`: follower i's reward at step t, before rewardScale;
 * - `aggregate(t, e, d)`: copy e's aggregate after step t (the charts' D);
 * and the constants AGENTS, COPIES, OBS.
 *
 * Copies are independent: stepCopy(e, t) writes only copy e's state and its followers', and
 * observe(i) reads only its own copy's (the path may play each copy in a workgroup of its own,
 * unsynchronised with the others).
 */
export interface DeviceEnv {
  /** Floats of carried state (between episodes too). */
  readonly stateSize: number;
  /** WGSL: `fn observe(i: i32) -> array<f32, OBS>`, follower i's observation now. */
  readonly observe: string;
  /** WGSL: `fn stepCopy(e: i32, t: i32)`, step t of copy e for all its followers (one invocation per copy). */
  readonly stepCopy: string;
  /** The environment's carried state, as the GPU keeps it. */
  pack(): Float32Array;
  /** Back from the GPU's copy. */
  unpack(state: Float32Array): void;
}
