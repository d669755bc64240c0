/**
 * Figure 3: responsiveness of the lab's page while it trains (the default scenario, as a user
 * opens it, and a fast one). Long tasks (> 50 ms) on the main thread, counted before Start (page start-up),
 * from Start, and after the first chart update; and how often the attendance chart and the
 * iteration counter are redrawn. Training lives in the worker, so long tasks here are the UI's.
 */
import { type EntranceScenario } from '../src/scenario/schema';
import { entranceScenarioSchema } from '../src/envs/entrance-tobin/config';
import { openLab, type Lab } from './lib/lab';
import type { Figure, Row } from './lib/output';

const WINDOW_S = 20;
/**
 * A scenario that trains several times faster than the default (about 11 iterations a second
 * here), to show how the page copes when data comes quickly; on the default page the charts
 * can only be as fresh as its iterations.
 */
const FAST = entranceScenarioSchema.parse({ env: 'entrance-tobin', n: 10, markets: 1, horizon: 16, hidden: 16, iterations: 100_000 });

export async function responsiveness(lab: () => Promise<Lab>): Promise<Omit<Figure, 'machine'>> {
  const rows = [await measure(await lab(), 'the default page'), await measure(await lab(), 'fast: n = 10, 1 market, 16 steps, hidden 16', FAST)];
  return {
    figure: 3,
    name: 'responsiveness',
    title: 'Responsiveness while training (main thread)',
    config: { windowS: WINDOW_S },
    rows,
    notes: [
      'Long tasks from a PerformanceObserver (type longtask) installed before the app loads; chart updates are redraws of the attendance line seen by a MutationObserver.',
      'Goal: no long task after start-up (the first chart update), at least 10 chart updates a second. The worker sends at most one update per iteration and per 50 ms, and the six charts take turns to redraw (one per task, each with the newest data), so a chart is redrawn at most as often as iterations finish and as its turn comes round.',
    ],
  };
}

async function measure(lab: Lab, label: string, scenario?: EntranceScenario): Promise<Row> {
  const run = await openLab(lab, scenario);
  try {
    const t = await run.until(() => false, WINDOW_S);
    const firstUpdate = t.chartUpdates[0] ?? t.now;
    const shownSpan = t.now - firstUpdate;
    const tasks = (from: number, to: number) => t.longTasks.filter(([s]) => s >= from && s < to).map(([, d]) => d);
    const [before, since, after] = [tasks(-Infinity, 0), tasks(0, Infinity), tasks(firstUpdate, Infinity)];
    const iterations = t.iterations.filter(([s]) => s >= firstUpdate);
    return {
      host: 'chromium',
      scenario: label,
      backend: run.backend,
      longTasksBeforeStart: before.length,
      longTasksSinceStart: since.length,
      longTasksAfterFirstUpdate: after.length,
      medianAfterFirstUpdateMs: after.length ? [...after].sort((a, b) => a - b)[after.length >> 1] : 0,
      longestAfterFirstUpdateMs: after.length ? Math.max(...after) : 0,
      firstChartUpdateS: t.chartUpdates[0] ?? null,
      chartUpdatesPerS: shownSpan > 0 ? (t.chartUpdates.length - 1) / shownSpan : null,
      counterUpdatesPerS: shownSpan > 0 ? (iterations.length - 1) / shownSpan : null,
      iterationsPerS: iterations.length > 1 ? (iterations.at(-1)![1] - iterations[0][1]) / (iterations.at(-1)![0] - iterations[0][0]) : null,
    };
  } finally {
    await run.close();
  }
}
