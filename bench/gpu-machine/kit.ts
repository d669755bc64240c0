/**
 * Figure 9's rows (../iteration-cost.ts) on a machine with no npm, no tsx and no network: the
 * GPU machine. pack.sh bundles this file into kit.mjs, with dawn.node (npm webgpu's Dawn) and
 * tfjs-wasm's .wasm files beside it; the bundle is both the host and each row's process.
 *
 *   node kit.mjs --sizes 100x8x128 --hidden 64 --backends webgpu,wasm --rows distinct,every --budget 60
 *       each case on each backend (webgpu, wasm, cpu), each row in a process of its own ended at
 *       the budget; one JSON line per row ({"row": ...}) and per note ({"note": "..."}) to stdout
 *   node kit.mjs --table FILE...      those lines as figure 9's markdown table
 *   node kit.mjs '{"row": ...}'       a row's process (../lib/iteration-child.ts)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultScenario, type Scenario } from '../../src/scenario/schema';
import { BASE, measureCases, scenarioOf, type Case } from '../lib/iteration-cases';
import { parseIterationOptions, sizeLabel } from '../lib/iteration-options';
import { nodeHost } from '../lib/node-iterations';
import { machine, toMarkdown, type Row } from '../lib/output';

const BUNDLE = fileURLToPath(import.meta.url);
const DAWN = path.join(path.dirname(BUNDLE), 'dawn.node');
const argv = process.argv.slice(2);
const send = (line: object) => console.log(JSON.stringify(line));

/**
 * The case's scenario as the lab has it; where the schema refuses the size (its memory rule
 * at 1000x64x128), the schema's defaults with the size set after parsing, so that the GPU
 * machine still times it. Only here: the bench reports a refusal as its row.
 */
function scenarioOrBypass(c: Case): Scenario {
  const s = scenarioOf(c);
  if (typeof s !== 'string') return s;
  send({ note: `${sizeLabel(c.size)} hidden ${c.hidden}: ${s}. Measured anyway by this kit only: the scenario is the schema's defaults with the size set after parsing.` });
  return { ...defaultScenario('entrance-tobin'), ...BASE, hidden: c.hidden, ...c.size } as Scenario;
}

async function measure(): Promise<void> {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const o = parseIterationOptions(value);
  const host = await nodeHost(o.backends, {
    child: [BUNDLE],
    dawn: async () => (existsSync(DAWN) ? { dir: DAWN } : { why: `unavailable: no ${DAWN}` }),
    origin: "the kit's",
  });
  for (const note of host.notes) send({ note });
  for (const row of await measureCases('node', host, o, scenarioOrBypass)) send({ row });
}

/** Figure 9's table of the rows in `files`, each note once (every run of the kit repeats the adapter's). */
function table(files: string[]): void {
  const lines = files.flatMap((f) => readFileSync(f, 'utf8').split('\n')).filter((l) => l.startsWith('{'));
  const parsed = lines.map((l) => JSON.parse(l) as { row?: Row; note?: string });
  const rows = parsed.flatMap((p) => (p.row ? [p.row] : []));
  const notes = [...new Set(parsed.flatMap((p) => (p.note ? [p.note] : [])))];
  const title = 'Cost of a training iteration per backend and size on the GPU machine (bench/gpu-machine/); how it is measured: figure 9 in BENCHMARKS.md';
  console.log(toMarkdown({ figure: 9, name: 'iteration_cost', title, config: { ...BASE }, rows, notes, machine: machine() }));
}

if (argv[0]?.startsWith('{')) await import('../lib/iteration-child');
else if (argv[0] === '--table') table(argv.slice(1));
else await measure();
