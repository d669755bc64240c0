/**
 * The simulation worker's side of choosing its backend by measurement
 * (engine/backend-calibration.ts): each contender is measured in a calibration worker of its own,
 * so that one past its limits is stopped mid-iteration by ending that worker (its GPU device
 * with it), and nothing of any of them stays in this worker's tfjs; the figures are kept in
 * this browser per device and size (calibration-cache.ts).
 */
import * as Comlink from 'comlink';
import { chooseBackend, screenBackends } from '../engine/backend';
import { chooseByMeasurement, measureWithin } from '../engine/backend-calibration';
import { BACKEND_ORDER, type BackendName, type BackendReport } from '../engine/backend-names';
import { workloadOf, type Scenario } from '../scenario/schema';
import { calibrationCache } from './calibration-cache';
import type { CalibrationApi } from './calibration.worker';

/** The scenario's size as its environment counts an iteration's work: "entrance-tobin n=10 markets=8 horizon=128 hidden = 64". */
export function workloadKey(s: Scenario): string {
  const w = workloadOf(s);
  return [s.env, ...w.factors.map((f) => `${f.label}=${f.value}`), ...w.at].join(' ');
}

/** Sets up the backend to train `scenario` on: `preferred` if it works, else the fastest measured. */
export function chooseMeasuredBackend(scenario: Scenario, preferred: BackendName | undefined, lost: readonly BackendName[], onMeasuring: (name: BackendName) => void): Promise<BackendReport> {
  return chooseByMeasurement(
    {
      screen: (lost) => screenBackends(BACKEND_ORDER, lost),
      measure: (name, limits) =>
        measureWithin(limits, (progress) => {
          const worker = new Worker(new URL('./calibration.worker.ts', import.meta.url), { type: 'module', name: `adage-calibration-${name}` });
          const api = Comlink.wrap<CalibrationApi>(worker);
          return {
            itPerS: api.measure(name, scenario, Comlink.proxy(progress)),
            stop: () => worker.terminate(),
          };
        }),
      cache: calibrationCache(),
      onMeasuring,
      choose: chooseBackend,
    },
    { preferred, lost, workloadKey: workloadKey(scenario) },
  );
}
