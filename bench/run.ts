/**
 * `npm run bench`: the figures of issue 3, one after another (never two at once: the machine
 * has 2 cores and they would time each other). Benchmarks, not tests: they print figures and
 * never fail on speed; the exit code is non-zero only when a figure could not be measured.
 *
 *   npm run bench                          all figures, markdown tables
 *   npm run bench -- --json                one JSON line per figure
 *   npm run bench -- 1 4                   only figures 1 and 4
 *   npm run bench -- --write BENCHMARKS.md also replace those figures in BENCHMARKS.md
 *
 * Progress goes to stderr, figures to stdout.
 */
import { diffRuns } from './diff-runs';
import { memory } from './memory';
import { responsiveness } from './responsiveness';
import { scale } from './scale';
import { throughput } from './throughput';
import { timeToEquilibrium } from './time-to-equilibrium';
import { startLab, type Lab } from './lib/lab';
import { machine, print, writeInto, type Figure } from './lib/output';

type Measure = (lab: () => Promise<Lab>) => Promise<Omit<Figure, 'machine'>>;
const FIGURES: Record<number, Measure> = { 1: throughput, 2: timeToEquilibrium, 3: responsiveness, 4: memory, 5: scale, 6: diffRuns };

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const writeIndex = argv.indexOf('--write');
const target = writeIndex >= 0 ? argv[writeIndex + 1] : undefined;
const wanted = argv.filter((a, i) => /^\d+$/.test(a) && (writeIndex < 0 || i !== writeIndex + 1)).map(Number);
const chosen = wanted.length ? wanted : Object.keys(FIGURES).map(Number);
const unknown = chosen.filter((n) => !FIGURES[n]);
if (unknown.length) {
  console.error(`No figure ${unknown.join(', ')}; figures are ${Object.keys(FIGURES).join(', ')}.`);
  process.exit(2);
}

// The lab is built, served and launched once, on the first figure that needs a browser.
let started: Promise<Lab> | undefined;
const lab = () => (started ??= startLab());

const done: Figure[] = [];
let failed = false;
for (const n of chosen) {
  console.error(`[bench] figure ${n}: ${FIGURES[n].name} ...`);
  try {
    const f = await FIGURES[n](lab);
    const chromium = started ? (await started).chromiumVersion : undefined;
    const figure: Figure = { ...f, machine: machine(chromium) };
    print(figure, json);
    done.push(figure);
  } catch (err) {
    failed = true;
    console.error(`[bench] figure ${n} could not be measured: ${(err as Error).stack ?? err}`);
  }
}
if (started) await (await started).close();
if (target && done.length) writeInto(target, done);
process.exit(failed ? 1 : 0);
