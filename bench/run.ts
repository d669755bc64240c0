/**
 * `npm run bench`: the figures of issue 3, one after another (never two at once: the machine
 * has 2 cores and they would time each other). Benchmarks, not tests: they print figures and
 * never fail on speed; the exit code is non-zero only when a figure could not be measured.
 *
 *   npm run bench                          all figures, markdown tables
 *   npm run bench -- --json                one JSON line per figure
 *   npm run bench -- 1 4                   only figures 1 and 4
 *   npm run bench -- --write BENCHMARKS.md also replace those figures in BENCHMARKS.md
 *   npm run bench -- 7 --minutes 3        the soak (figure 7, only when named; 60 minutes by
 *                                         default) for 3 minutes, on the lab npm run build made
 *   npm run bench -- 10                    each preset's 1-minute version in Chromium (the seconds its card states)
 *   npm run bench -- 9 --sizes 100x8x128 --hidden 64 --backends webgpu,wasm --hosts node --budget 60
 *                                         figure 9 on a subset (bench/lib/iteration-options.ts)
 *
 * Progress goes to stderr, figures to stdout.
 */
import { diffRuns } from './diff-runs';
import { firstPaint } from './first-paint';
import { iterationCost } from './iteration-cost';
import { memory } from './memory';
import { presetLive } from './preset-live';
import { responsiveness } from './responsiveness';
import { scale } from './scale';
import { soak } from './soak';
import { throughput } from './throughput';
import { timeToEquilibrium } from './time-to-equilibrium';
import { ITERATION_FLAGS, parseIterationOptions } from './lib/iteration-options';
import { startLab, type Lab, type LabFactory } from './lib/lab';
import { machine, print, writeInto, type BenchOptions, type Figure } from './lib/output';

type Measure = (lab: LabFactory, options: BenchOptions) => Promise<Omit<Figure, 'machine'>>;
const FIGURES: Record<number, Measure> = { 1: throughput, 2: timeToEquilibrium, 3: responsiveness, 4: memory, 5: scale, 6: diffRuns, 7: soak, 8: firstPaint, 9: iterationCost, 10: presetLive };
/** Figures run only when named: the soak takes an hour; figure 9 about ten minutes, and installs Dawn for Node's webgpu. */
const ON_REQUEST = new Set([7, 9]);

const argv = process.argv.slice(2);
const json = argv.includes('--json');
/** The value after `flag`, and where it is (so that a number there is not taken for a figure). */
const valueOf = (flag: string) => {
  const i = argv.indexOf(flag);
  return i >= 0 ? { i: i + 1, value: argv[i + 1] } : undefined;
};
const write = valueOf('--write');
const minutes = valueOf('--minutes');
const target = write?.value;
const options: BenchOptions = {};
if (minutes) {
  options.minutes = Number(minutes.value);
  if (!(options.minutes > 0)) {
    console.error(`--minutes takes a number of minutes above 0, not ${minutes.value}.`);
    process.exit(2);
  }
}
try {
  options.iterations = parseIterationOptions((flag) => valueOf(flag)?.value);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const values = new Set([write?.i, minutes?.i, ...ITERATION_FLAGS.map((f) => valueOf(f)?.i)]);
const wanted = argv.filter((a, i) => /^\d+$/.test(a) && !values.has(i)).map(Number);
const chosen = wanted.length ? wanted : Object.keys(FIGURES).map(Number).filter((n) => !ON_REQUEST.has(n));
const unknown = chosen.filter((n) => !FIGURES[n]);
if (unknown.length) {
  console.error(`No figure ${unknown.join(', ')}; figures are ${Object.keys(FIGURES).join(', ')}.`);
  process.exit(2);
}

// Each lab is built (or served), and launched, once, on the first figure that needs it.
const labs = new Map<string, Promise<Lab>>();
const lab: LabFactory = (spec = {}) => {
  const key = JSON.stringify(spec);
  if (!labs.has(key)) labs.set(key, startLab(spec));
  return labs.get(key)!;
};

const done: Figure[] = [];
let failed = false;
for (const n of chosen) {
  console.error(`[bench] figure ${n}: ${FIGURES[n].name} ...`);
  try {
    const f = await FIGURES[n](lab, options);
    const started = [...labs.values()][0];
    const chromium = started ? (await started).chromiumVersion : undefined;
    const figure: Figure = { ...f, machine: machine(chromium) };
    print(figure, json);
    done.push(figure);
  } catch (err) {
    failed = true;
    console.error(`[bench] figure ${n} could not be measured: ${(err as Error).stack ?? err}`);
  }
}
for (const started of labs.values()) await started.then((l) => l.close(), () => {});
if (target && done.length) writeInto(target, done);
process.exit(failed ? 1 : 0);
