/**
 * adage-lab: the lab's engine and scenario schema from the command line. Results go to
 * stdout or --out, progress and summaries to stderr. Exit code 2 for bad input (the message
 * names the field), 1 for a failure while running.
 */
import { Command, InvalidArgumentError } from 'commander';
import { DivergenceError } from '../engine/divergence';
import { decimalNumber } from '../scenario/decimal';
import { LEARNING_RATE_FIELDS } from '../scenario/step-sizes';
import { ScenarioError } from '../scenario/validate';
import { runCommand } from './run-command';
import { UsageError } from './scenario-input';
import { mergeCommand, sweepCommand } from './sweep-command';
import { finishedCommand } from './finished';
import { reportCommand } from './report';
import { table2Command } from './table2';

/** Any decimal number (decimal.ts); the scenario schema judges the range and names the field. */
function number(text: string): number {
  const x = decimalNumber(text);
  if (x === null) throw new InvalidArgumentError(`expected a decimal number, got "${text}"`);
  return x;
}

function count(text: string): number {
  const x = number(text);
  if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError(`expected a whole number from 1, got "${text}"`);
  return x;
}

const collect = (value: string, previous: string[]) => [...previous, value];

const SCENARIO_HELP = 'a lab link (http://.../#v=1&env=...) or a JSON file of scenario fields';
const OUT_HELP = 'write results to this file: .csv for the table of rows, anything else for JSON (default: JSON on stdout)';
const WORKERS_HELP = 'worker threads (default: all cores)';
const EVALUATE_HELP = 'after training, play this many evaluation episodes (exploration off, policies frozen) and take the final figures from them';
const JOB_SHARD = 'in a Slurm array task or a Kubernetes Indexed Job, without --shard, the shard is the job\'s (see --shards)';
const SHARDS_HELP =
  "k shards, this process's index taken from the job: SLURM_ARRAY_TASK_ID (counted from SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP; " +
  'k defaults to SLURM_ARRAY_TASK_COUNT) or JOB_COMPLETION_INDEX (from 0; an Indexed Job gives its completions here)';

const program = new Command('adage-lab')
  .description('ADAGE Lab from the command line: the same engine and scenario schema as the browser lab')
  .showHelpAfterError()
  // Commander's own usage errors (unknown option, bad number) exit 2 like ours; help exits 0.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

program
  .command('run')
  .description('train one scenario: every iteration\'s metrics, and a summary over seeds')
  .requiredOption('--scenario <link|file>', SCENARIO_HELP)
  .option('--iterations <n>', 'iterations per seed (default: the scenario\'s)', number)
  .option('--seeds <s>', 'seeds: the scenario\'s seed and the next s - 1', count, 1)
  .option('--workers <k>', WORKERS_HELP, count)
  .option('--out <file>', OUT_HELP)
  .option('--snapshots <file>', "also write each seed's snapshots after its last iteration to this JSON file: the arrays the lab's charts draw (the last episode, histograms, the market maker's Figure 8 per omega)")
  .option('--evaluate <episodes>', EVALUATE_HELP, count)
  .action(runCommand);

program
  .command('sweep')
  .description('a grid of scenarios x seeds over worker threads: one row per grid point, mean and std over seeds')
  .requiredOption('--scenario <link|file>', SCENARIO_HELP)
  .option('--vary <field=a:b:step|field=v1,v2>', 'a field to vary (repeatable; the grid is the cartesian product)', collect, [])
  .option('--seeds <s>', 'seeds per grid point', count, 5)
  .option('--iterations <n>', 'iterations per run (default: the scenario\'s)', number)
  .option('--workers <k>', WORKERS_HELP, count)
  .option('--shard <i/k>', `run only the i-th of k round-robin slices of the task list (join them with merge); ${JOB_SHARD}`)
  .option('--shards <k>', SHARDS_HELP, count)
  .option('--out <file>', OUT_HELP)
  .option('--evaluate <episodes>', EVALUATE_HELP, count)
  .action(sweepCommand);

program
  .command('merge')
  .description('join the JSON outputs of sweep --shard i/k into the result of one unsharded sweep')
  .argument('<files...>', 'shard outputs (JSON)')
  .option('--out <file>', OUT_HELP)
  .action(mergeCommand);

program
  .command('table2')
  .description('the paper\'s Table 2: n = 20, c = 0.1..0.9, no tax against the learned Tobin tax, beside the paper\'s numbers')
  .option('--scenario <link|file>', `base scenario (n, leader, objective and c are set by the table); ${SCENARIO_HELP}`)
  .option('--seeds <s>', 'seeds per cell', count, 5)
  .option('--iterations <n>', 'iterations per run (default: the scenario\'s)', number)
  .option('--workers <k>', WORKERS_HELP, count)
  .option('--capacities <C,...>', 'run only these rows: capacities C of the table (n = 20, c = C / 20), e.g. 4,10,16 (default: all, 2 to 18)')
  .option('--shard <i/k>', `run only the i-th of k slices, to --out part.json; merge the parts, then print with --from; ${JOB_SHARD}`)
  .option('--shards <k>', SHARDS_HELP, count)
  .option('--from <file>', 'print the table from a finished table2 sweep (JSON, e.g. merged shards) instead of running')
  .option('--out <file>', OUT_HELP)
  .action(table2Command);

program
  .command('report')
  .description("every preset's headline experiment over seeds beside its baseline: mean and 95% interval per figure, the paper's result beside it, as Markdown")
  .option('--seeds <s>', 'seeds per preset and per baseline (at least 2)', count, 5)
  .option('--evaluate <episodes>', 'evaluation episodes after each run\'s training (exploration off, policies frozen)', count, 10)
  .option('--presets <ids>', 'only these presets (comma-separated ids)')
  .option('--quick', "each scenario shrunk to its environment's smallest and a few iterations: checks that the report runs, in seconds")
  .option('--live', "each preset's 1-minute version (what \"Train it live\" trains) instead of its full scenario")
  .option('--workers <k>', WORKERS_HELP, count)
  .option('--out <file>', 'the Markdown file to write (default: docs/results.md, with --live docs/results-live.md)')
  .option('--readme <file>', "also refresh this file's results table (between its results markers) from the report written, e.g. README.md")
  .action(reportCommand);

program
  .command('finished')
  .description("the finished runs the lab ships (public/finished): each preset's scenario and its baseline trained to the end on the report's first seed, as policies files the lab opens at once")
  .option('--presets <ids>', 'only these presets (comma-separated ids); the index keeps the others')
  .option('--quick', "each scenario shrunk to its environment's smallest and a few iterations: checks that the command runs, in seconds")
  .option('--workers <k>', WORKERS_HELP, count)
  .option('--out <folder>', 'the folder to write', 'public/finished')
  .action(finishedCommand);

try {
  await program.parseAsync();
} catch (err) {
  if (err instanceof ScenarioError) {
    process.stderr.write(`adage-lab: invalid scenario:\n${err.problems.map((p) => `  ${p.message}`).join('\n')}\n`);
    process.exitCode = 2;
  } else if (err instanceof DivergenceError) {
    process.stderr.write(`adage-lab: ${err.message}.\nSmaller learning rates (${LEARNING_RATE_FIELDS.join(', ')}, whichever the environment has) usually avoid it.\n`);
    process.exitCode = 3;
  } else if (err instanceof UsageError) {
    process.stderr.write(`adage-lab: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`adage-lab: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
