/**
 * `adage-lab report`: every preset's headline experiment over seeds, beside its baseline, as a
 * Markdown file (docs/results.md). Each preset's scenario (its default variant) and its
 * environment's baseline (the leader switched off, or held at one theta) are trained for the
 * same seeds; where the environment explores, each run then plays evaluation episodes
 * (Experiment.evaluate) and its figures are their mean, else the mean of its last iterations.
 * Per figure the file gives the mean over seeds with its 95% t-interval, the baseline's, and
 * the paired difference (seed by seed) with its interval, and says whether the difference is
 * larger than its interval. The paper's result is quoted beside, from the preset.
 *
 * With --live each preset's 1-minute version (Preset.live) is trained instead, for
 * docs/results-live.md. Each section also judges the preset's claim over seeds: the paired
 * difference it names, with its interval, and holds / does not hold / not clear.
 *
 * With --presets the file is updated, not replaced: the named presets' sections are written
 * (each names the command that made it), the others kept, so long presets can be run apart (on
 * other machines too) and the file still holds one section per preset, in the gallery's order.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { formatMeanInterval, meanInterval, type FinalMetrics, type MeanInterval } from '../engine/metrics';
import { moduleOf, type Scenario } from '../scenario/schema';
import { encodeScenario } from '../scenario/codec';
import { PRESETS, presetLiveScenario, presetScenario, presetVariant } from '../envs/catalog';
import { claimCompared, verdictWord, type VerdictWord } from '../envs/view/verdict';
import { parseReport, reportSections as readSections, sectionMarker } from '../envs/view/reported';
import type { Preset, PresetClaim } from '../envs/view/types';
import { checkWritable } from './output';
import { backendOf, runScenarios } from './pool';
import { Progress } from './progress';
import { runFinals } from './run-metrics';
import { seedScenarios, UsageError, withFields } from './scenario-input';

export interface ReportOptions {
  seeds: number;
  evaluate: number;
  quick?: boolean;
  /** Each preset's 1-minute version instead of its full scenario. */
  live?: boolean;
  presets?: string;
  workers?: number;
  /** Default: docs/results.md, or docs/results-live.md with --live. */
  out?: string;
  /** A Markdown file (the README) whose results table is refreshed from the report written. */
  readme?: string;
}

/** --quick: each preset's scenario shrunk to its environment's tiny one, a few iterations. */
const QUICK_ITERATIONS = 4;

interface Experiment {
  preset: Preset;
  paper: string;
  scenario: Scenario;
  baseline: Scenario;
  baselineDescription: string;
}

/** One figure of one preset: this run, its baseline, their paired difference. */
export interface ReportFigure {
  key: string;
  label: string;
  ours: MeanInterval;
  baseline: MeanInterval;
  difference: MeanInterval;
  /** The difference's interval excludes 0. */
  differs: boolean;
}

export interface ReportSection {
  preset: string;
  title: string;
  env: string;
  link: string;
  paper: string;
  baseline: string;
  figures: ReportFigure[];
  /** The preset's claim over seeds: its paired difference and verdict. */
  claim: { text: string; difference: MeanInterval; verdict: VerdictWord };
}

function selectedPresets(ids: string | undefined): Preset[] {
  if (ids === undefined) return [...PRESETS];
  const wanted = ids.split(',').map((id) => id.trim());
  const unknown = wanted.filter((id) => !PRESETS.some((p) => p.id === id));
  if (unknown.length) throw new UsageError(`--presets ${ids}: no preset ${unknown.map((u) => `"${u}"`).join(', ')}; the presets are ${PRESETS.map((p) => p.id).join(', ')}`);
  return PRESETS.filter((p) => wanted.includes(p.id));
}

function experimentOf(preset: Preset, quick: boolean, live: boolean): Experiment {
  const variant = presetVariant(preset, null);
  let scenario = live ? presetLiveScenario(preset) : presetScenario(preset, variant);
  if (quick) {
    const env = moduleOf(scenario);
    scenario = withFields(scenario, env.tiny);
    if ('iterations' in scenario) scenario = withFields(scenario, { iterations: Math.min(scenario.iterations as number, QUICK_ITERATIONS) });
  }
  const baseline = moduleOf(scenario).baseline(scenario);
  return { preset, paper: variant?.paper ?? preset.paper, scenario, baseline: baseline.scenario, baselineDescription: baseline.description };
}

export function figureOf(key: string, label: string, ours: readonly FinalMetrics[], base: readonly FinalMetrics[]): ReportFigure {
  const difference = meanInterval(ours.map((f, k) => f[key] - base[k][key]));
  return {
    key,
    label,
    ours: meanInterval(ours.map((f) => f[key])),
    baseline: meanInterval(base.map((f) => f[key])),
    difference,
    differs: Math.abs(difference.mean) > difference.half,
  };
}

/** A preset's claim over seeds: the difference it names, seed by seed (ours minus what it is compared with), and its verdict. */
export function claimOverSeeds(claim: PresetClaim, ours: readonly FinalMetrics[], base: readonly FinalMetrics[]): ReportSection['claim'] {
  const difference = meanInterval(ours.map((f, k) => f[claim.key] - claimCompared(claim, f, base[k])));
  return { text: claim.text, difference, verdict: verdictWord(claim, difference) };
}

/** The presets' experiments the options ask for. */
export const planReport = (o: ReportOptions): Experiment[] => selectedPresets(o.presets).map((p) => experimentOf(p, o.quick ?? false, o.live ?? false));

export async function reportSections(experiments: readonly Experiment[], o: ReportOptions, onProgress?: (iterations: number) => void): Promise<{ sections: ReportSection[]; backend: string }> {
  const runs = experiments.flatMap((x) => [...seedScenarios(x.scenario, o.seeds), ...seedScenarios(x.baseline, o.seeds)]);
  const results = await runScenarios(runs, { workers: o.workers, evaluate: o.evaluate, onProgress });
  const sections = experiments.map((x, i) => {
    const env = moduleOf(x.scenario);
    const at = i * 2 * o.seeds;
    const keys = x.preset.finalKeys;
    const ours = results.slice(at, at + o.seeds).map((r) => runFinals(r, keys));
    const base = results.slice(at + o.seeds, at + 2 * o.seeds).map((r) => runFinals(r, keys));
    const label = (key: string) => env.metrics.find((m) => m.key === key)?.label ?? key;

    return {
      preset: x.preset.id,
      title: x.preset.title,
      env: x.scenario.env,
      link: encodeScenario(x.scenario),
      paper: x.paper,
      baseline: x.baselineDescription,
      figures: keys.map((key) => figureOf(key, label(key), ours, base)),
      claim: claimOverSeeds(x.preset.claim, ours, base),
    };
  });
  return { sections, backend: backendOf(results) };
}

const header = (live: boolean) => [
  live ? '# Results of the 1-minute versions' : '# Results',
  '',
  `Made by \`npx adage-lab report${live ? ' --live' : ''}\` (src/cli/report.ts); each section names the command that made it. Do not edit by hand: run the command again.`,
  '',
  (live
    ? "Each preset's 1-minute version (its opening variant with the live patch, what \"Train it live\" trains; docs/results.md has the full scenarios) and its environment's baseline were trained for the same seeds (the scenario's seed and the next ones). "
    : "Each preset's scenario (its opening variant) and its environment's baseline were trained for the same seeds (the scenario's seed and the next ones). ") +
    "A run's figure is the mean over its evaluation episodes after training (exploration off, policies frozen) where the environment explores, " +
    'else (ADAGE-Diff) the mean over its last 10 iterations. Each cell: the mean over seeds ± the half-width of its 95% t-interval. ' +
    '"Difference" is this run minus its baseline, seed by seed; "larger than its interval" says whether that interval excludes 0. ' +
    "The claim's line: the preset's claim judged over seeds, from the difference it names (seed by seed), as the lab judges it over a run's last iterations.",
].join('\n');

export function sectionMarkdown(s: ReportSection, command: string, backend: string, quick: boolean): string {
  return [
    sectionMarker(s.preset),
    `## ${s.title}`,
    '',
    `Preset \`${s.preset}\` (environment \`${s.env}\`), scenario \`${s.link}\`. Made by \`${command}\` (tfjs backend: ${backend}).`,
    ...(quick ? ['', "**Quick version** (`--quick`): the scenario shrunk to its environment's smallest and a few iterations. Its figures check that the report runs; they are not results."] : []),
    '',
    `Baseline: ${s.baseline}`,
    '',
    `Paper: ${s.paper}`,
    '',
    '| figure | this run | baseline | difference | larger than its interval |',
    '| --- | --- | --- | --- | --- |',
    ...s.figures.map((f) => `| ${f.label} (\`${f.key}\`) | ${formatMeanInterval(f.ours)} | ${formatMeanInterval(f.baseline)} | ${formatMeanInterval(f.difference)} | ${Number.isFinite(f.difference.half) ? (f.differs ? 'yes' : 'no') : '—'} |`),
    '',
    `Claim: ${s.claim.text}. Over seeds: **${s.claim.verdict}** (difference ${formatMeanInterval(s.claim.difference)}).`,
  ].join('\n');
}

/** Where the README's results table starts and ends. */
export const README_RESULTS_BEGIN = '<!-- results: made by `npx adage-lab report --readme README.md` from docs/results.md; do not edit by hand -->';
export const README_RESULTS_END = '<!-- /results -->';

/** The README's results table: every figure of every preset the report holds, as the report prints it. */
export function readmeResultsTable(report: string): string {
  const reported = parseReport(report);
  const rows = [...reported.values()].flatMap((p) =>
    p.figures.map((f, i) => {
      const preset = i === 0 ? `${p.title} (\`${p.preset}\`, ${p.seeds} seeds${p.quick ? ', quick: not a result' : ''})` : '';
      const verdict = f.differs === null ? '—' : f.differs ? 'yes' : 'no';
      return `| ${preset} | ${f.label} | ${f.ours} | ${f.baseline} | ${f.difference} | ${verdict} |`;
    }),
  );
  const missing = PRESETS.filter((p) => !reported.has(p.id)).map((p) => `\`${p.id}\``);
  const table = ['| preset | figure | this run | baseline | difference | larger than its interval |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
  return missing.length ? `${table}\n\nNot yet in the report: ${missing.join(', ')} (\`npx adage-lab report --presets <id> --readme README.md\` adds each).` : table;
}

/** `readme` with its results table (between the markers) made from `report`; throws where the markers are missing. */
export function withReadmeResults(readme: string, report: string): string {
  const begin = readme.indexOf(README_RESULTS_BEGIN);
  const end = readme.indexOf(README_RESULTS_END);
  if (begin < 0 || end < begin) throw new UsageError(`--readme: the file has no results table to refresh (a line ${README_RESULTS_BEGIN} and, below it, ${README_RESULTS_END})`);
  return `${readme.slice(0, begin + README_RESULTS_BEGIN.length)}\n${readmeResultsTable(report)}\n${readme.slice(end)}`;
}

/** The whole file: the new sections and the earlier ones kept, in the gallery's order. */
export function reportMarkdown(fresh: ReadonlyMap<string, string>, earlier: ReadonlyMap<string, string>, live = false): string {
  const sections = PRESETS.map((p) => fresh.get(p.id) ?? earlier.get(p.id)).filter((x): x is string => x !== undefined);
  return `${[header(live), ...sections].join('\n\n')}\n`;
}

export async function reportCommand(o: ReportOptions): Promise<void> {
  const out = o.out ?? (o.live ? 'docs/results-live.md' : 'docs/results.md');
  checkWritable('--out', out);
  checkWritable('--readme', o.readme);
  if (o.seeds < 2) throw new UsageError(`--seeds ${o.seeds}: an interval needs at least 2 seeds`);
  const experiments = planReport(o);
  const total = experiments.reduce((n, x) => n + o.seeds * (moduleOf(x.scenario).iterations(x.scenario) + moduleOf(x.baseline).iterations(x.baseline)), 0);
  const progress = new Progress('report', total);
  const { sections, backend } = await reportSections(experiments, o, (k) => progress.advance(k)).finally(() => progress.stop());
  const command = ['npx adage-lab report', o.quick && '--quick', o.live && '--live', `--seeds ${o.seeds}`, `--evaluate ${o.evaluate}`, o.presets && `--presets ${o.presets}`, `--out ${out}`, o.readme && `--readme ${o.readme}`].filter(Boolean).join(' ');
  const fresh = new Map(sections.map((s) => [s.preset, sectionMarkdown(s, command, backend, o.quick ?? false)]));
  const earlier = o.presets !== undefined && existsSync(out) ? readSections(readFileSync(out, 'utf8')) : new Map<string, string>();
  const report = reportMarkdown(fresh, earlier, o.live ?? false);
  writeFileSync(out, report);
  if (o.readme) writeFileSync(o.readme, withReadmeResults(readFileSync(o.readme, 'utf8'), report));
  const differing = sections.flatMap((s) => s.figures).filter((f) => f.differs).length;
  process.stderr.write(`report: ${sections.length} preset(s), ${o.seeds} seeds each, written to ${out} (${differing} figure(s) differ from their baseline by more than the interval)\n`);
}
