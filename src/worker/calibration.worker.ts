/**
 * A calibration worker: trains one backend on the scenario for a moment and answers its rate
 * (engine/backend-calibration.ts). One per backend measured, ended once it has answered or run
 * past its limits, so nothing of it stays in the simulation worker, which starts it.
 */
// First, as in sim.worker.ts: violations are reported, and zod is jitless before any schema parses.
import '../security/report-violations';
import '../security/zod-jitless';
import * as Comlink from 'comlink';
import './register-backends';
import { setUpBackend } from '../engine/backend';
import { timeIterations, type Progress } from '../engine/backend-calibration';
import type { BackendName } from '../engine/backend-names';
import { moduleOf } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';

const api = {
  /** The scenario's timed iterations per second on `name` (timeIterations); throws if the backend fails. */
  async measure(name: BackendName, input: unknown, progress: Progress): Promise<number> {
    const why = await setUpBackend(name);
    if (why) throw new Error(why);
    const { scenario } = parseScenario(input, 'strict');
    // Built as the session builds its own.
    const experiment = await moduleOf(scenario).experiment(scenario);
    progress.setUp();
    try {
      return await timeIterations(() => experiment.iterate(), () => performance.now(), progress);
    } finally {
      experiment.dispose();
    }
  },
};

export type CalibrationApi = typeof api;

Comlink.expose(api);
