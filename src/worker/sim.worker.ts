/**
 * The simulation worker: registers the browser's tfjs backends, then exposes a SimSession as
 * the typed SimApi over comlink. All training happens here, never on the UI thread.
 */
// First: violations are reported, and zod is jitless before any schema parses (see each module).
import '../security/report-violations';
import '../security/zod-jitless';
import * as Comlink from 'comlink';
import './register-backends';
import { deviceLost } from '../engine/backend';
import { listenToBeats } from '../engine/heartbeat';
import { parseScenario } from '../scenario/validate';
import { BEAT_MESSAGE, type SimApi, type SimUpdate } from './api';
import { chooseMeasuredBackend } from './measured-backend';
import { SimSession } from './session';

let listener: ((u: SimUpdate) => void) | null = null;

function send(update: SimUpdate): void {
  if (!listener) return;
  const v = update.view;
  const buffers = v ? [v.x, ...Object.values(v.columns), ...Object.values(v.snapshots)].map((a) => a.buffer as ArrayBuffer) : [];
  listener(Comlink.transfer(update, buffers));
}

const session = new SimSession(send);
// While an iteration keeps this thread from answering pings, its loops' beats reach the page's watchdog.
listenToBeats(() => self.postMessage(BEAT_MESSAGE));

const api: SimApi = {
  init: async (scenario, preferred, lost, onLost, onMeasuring) => {
    // Lenient: a field that configure will refuse is measured at its default, the size most likely to run.
    const report = await chooseMeasuredBackend(parseScenario(scenario, 'lenient').scenario, preferred, lost, onMeasuring ?? (() => undefined));
    deviceLost().then(onLost);
    return report;
  },
  configure: (scenario) => session.configure(scenario),
  start: () => session.start(),
  pause: () => session.pause(),
  step: () => session.step(),
  stepLeader: () => session.stepLeader(),
  reset: () => session.reset(),
  setLive: async (key, value) => session.setLive(key, value),
  setPace: async (perSecond) => session.setPace(perSecond),
  probe: (patch) => session.probe(patch),
  evaluate: (episodes) => session.evaluate(episodes),
  exportRun: async () => session.exportRun(),
  savePolicies: () => session.savePolicies(),
  loadPolicies: (doc) => session.loadPolicies(doc),
  resumeWithSmallerSteps: () => session.resumeWithSmallerSteps(),
  ping: async () => true,
  subscribe: async (l) => {
    listener = l;
  },
};

Comlink.expose(api);
