/**
 * The entrance game's step in WGSL, for the device-resident path (engine/device): the same
 * observation and Tobin-taxed payoff as env.ts, with the carried state (each trader's last
 * action, each market's last D and running sum of D, the step count) kept on the GPU.
 */
import type { DeviceEnv } from '../../engine/device/device-env';
import { f32 } from '../../engine/device/kernel';
import { TAU_LIMIT } from './config';
import { BETA, V, type EntranceEnv } from './env';

export function entranceDevice(env: EntranceEnv): DeviceEnv {
  const B = env.copies * env.agents;
  // State: prevAction [B], aggregate [copies], demandSum [copies], steps [copies] (the same in
  // every copy; one per copy, as copies are stepped independently).
  const AGG = B;
  const DSUM = B + env.copies;
  const STEPS = B + 2 * env.copies;
  return {
    stateSize: STEPS + env.copies,
    observe: `
      fn observe(i: i32) -> array<f32, OBS> {
        let e = i / AGENTS;
        let steps = st(${STEPS} + e);
        var dMean = st(${AGG} + e);
        if (steps > 0.0) { dMean = st(${DSUM} + e) / steps; }
        return array<f32, OBS>(st(${AGG} + e) / f32(AGENTS), dMean / f32(AGENTS), st(i), theta(e, 0) / ${f32(TAU_LIMIT)});
      }`,
    stepCopy: `
      fn stepCopy(e: i32, t: i32) {
        var d = 0;
        for (var k = 0; k < AGENTS; k++) { d += act(t, e * AGENTS + k); }
        let demand = f32(d);
        let tau = theta(e, 0);
        for (var k = 0; k < AGENTS; k++) {
          let i = e * AGENTS + k;
          let a = act(t, i);
          var r = ${f32(BETA)};
          if (a == 1) { r = ${f32(BETA)} + ${f32(V)} * (${f32(env.capacity)} - demand); }
          // The Tobin tax, paid by a trader who switches.
          if (a != i32(st(i))) { r -= abs(tau * r); }
          reward(t, i, r);
          setSt(i, f32(a));
        }
        setSt(${AGG} + e, demand);
        setSt(${DSUM} + e, st(${DSUM} + e) + demand);
        aggregate(t, e, demand);
        setSt(${STEPS} + e, st(${STEPS} + e) + 1.0);
      }`,
    pack: () => {
      const s = new Float32Array(STEPS + env.copies);
      s.set(env.prevAction);
      s.set(env.aggregate, AGG);
      s.set(env.demandSum, DSUM);
      s.fill(env.steps, STEPS);
      return s;
    },
    unpack: (s) => {
      env.prevAction.set(s.subarray(0, B));
      env.aggregate.set(s.subarray(AGG, DSUM));
      env.demandSum.set(s.subarray(DSUM, STEPS));
      env.steps = s[STEPS];
    },
  };
}
