/**
 * The results report (docs/results.md, written by `adage-lab report`) read back: each preset's
 * figures as the file prints them, so that whatever quotes a result (the README's results
 * table, the lab's explanation panel) quotes that file and nothing typed by hand. Pure: the
 * command line reads the file from disk, the lab bundles it as text.
 */

/** Where a preset's section starts in the file. */
export const sectionMarker = (preset: string) => `<!-- preset: ${preset} -->`;
const MARKER = /<!-- preset: ([\w-]+) -->/g;

/** The sections of a report, by preset id, each from its marker to the next. */
export function reportSections(markdown: string): Map<string, string> {
  const found = [...markdown.matchAll(MARKER)];
  return new Map(found.map((m, i) => [m[1], markdown.slice(m.index, found[i + 1]?.index ?? markdown.length).trimEnd()]));
}

/** One row of a section's table, each cell as printed ("0.354 ± 0.006"). */
export interface ReportedFigure {
  key: string;
  label: string;
  ours: string;
  baseline: string;
  difference: string;
  /** The difference's interval excludes 0; null where there is no interval. */
  differs: boolean | null;
}

export interface ReportedPreset {
  preset: string;
  title: string;
  /** The command that made the section, and the seeds it ran. */
  command: string;
  seeds: number;
  /** Made with --quick: a check that the report runs, not a result. */
  quick: boolean;
  baseline: string;
  figures: ReportedFigure[];
  /** The claim judged over seeds ("holds"), and its difference as printed; null in a section made before the report judged claims. */
  claim: { verdict: string; difference: string } | null;
}

/** A table row: | label (`key`) | ours | baseline | difference | yes/no/— | */
const ROW = /^\| (.+) \(`([\w.]+)`\) \| (.+?) \| (.+?) \| (.+?) \| (yes|no|—) \|$/;

/** One section read back; null where it is not in the report's form. */
export function parseReportedSection(preset: string, section: string): ReportedPreset | null {
  const title = /^## (.+)$/m.exec(section)?.[1];
  const command = /Made by `([^`]+)`/.exec(section)?.[1];
  const seeds = Number(/--seeds (\d+)/.exec(command ?? '')?.[1]);
  if (!title || !command || !Number.isInteger(seeds)) return null;
  const figures = section
    .split('\n')
    .map((line) => ROW.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, label, key, ours, baseline, difference, differs]) => ({ key, label, ours, baseline, difference, differs: differs === '—' ? null : differs === 'yes' }));
  return {
    preset,
    title,
    command,
    seeds,
    quick: command.includes('--quick'),
    baseline: /^Baseline: (.+)$/m.exec(section)?.[1] ?? '',
    figures,
    claim: claimOf(section),
  };
}

/** Every preset the report holds, in the file's order. */
const CLAIM = /^Claim: .+ Over seeds: \*\*(holds|does not hold|not clear)\*\* \(difference (.+)\)\.$/m;

function claimOf(section: string): ReportedPreset['claim'] {
  const m = CLAIM.exec(section);
  return m ? { verdict: m[1], difference: m[2] } : null;
}

export function parseReport(markdown: string): Map<string, ReportedPreset> {
  const out = new Map<string, ReportedPreset>();
  for (const [preset, section] of reportSections(markdown)) {
    const parsed = parseReportedSection(preset, section);
    if (parsed) out.set(preset, parsed);
  }
  return out;
}
