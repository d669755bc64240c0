/**
 * What a benchmark figure is and how it is shown: one JSON line per figure (`--json`), or a
 * markdown table per figure that reads well in a terminal and is pasted as is into
 * BENCHMARKS.md (`--write`). Every figure carries the machine it ran on, because on a shared
 * 2-core machine a figure means little without the cores, the CPU and the load beside it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { IterationOptions } from './iteration-options';

export type Host = 'node' | 'chromium' | 'python';
export type Value = string | number | boolean | null | number[];

/** One measurement: where it ran and on what, then its values (keys name their units). */
export interface Row {
  host: Host;
  backend: string;
  [key: string]: Value;
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  /** Set once a figure has launched Chromium. */
  chromium?: string;
  /** One-minute load average when the figure finished: others share this machine. */
  load1: number;
  date: string;
}

/** What some figures take from the command line. */
export interface BenchOptions {
  /** --minutes: how long the soak trains. */
  minutes?: number;
  /** --sizes, --hidden, --backends, --hosts, --rows, --budget: figure 9's choices. */
  iterations?: IterationOptions;
}

export interface Figure {
  figure: number;
  name: string;
  title: string;
  config: Record<string, Value>;
  rows: Row[];
  notes: string[];
  machine: Machine;
}

function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

export function machine(chromium?: string): Machine {
  return {
    cores: os.availableParallelism(),
    cpu: cpuModel(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    ...(chromium ? { chromium } : {}),
    load1: Number(os.loadavg()[0].toFixed(2)),
    date: new Date().toISOString(),
  };
}

/** Three significant digits, integers whole: a figure's noise is larger than more digits. */
function show(v: Value | undefined): string {
  if (v === undefined || v === null) return '–';
  if (Array.isArray(v)) return v.map((x) => show(x)).join(' ');
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toPrecision(3)));
}

export function toMarkdown(f: Figure): string {
  const keys = [...new Set(f.rows.flatMap((r) => Object.keys(r)))];
  const config = Object.entries(f.config)
    .map(([k, v]) => `${k} = ${show(v)}`)
    .join(', ');
  const lines = [
    `### ${f.figure}. ${f.title}`,
    '',
    `Configuration: ${config}.`,
    '',
    `| ${keys.join(' | ')} |`,
    `|${keys.map(() => ' --- ').join('|')}|`,
    ...f.rows.map((r) => `| ${keys.map((k) => show(r[k])).join(' | ')} |`),
    '',
    ...f.notes.map((n) => `- ${n}`),
  ];
  const m = f.machine;
  lines.push(`- Machine: ${m.cores} cores, ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}${m.chromium ? `, Chromium ${m.chromium}` : ''}; load ${m.load1}; ${m.date}.`);
  return lines.join('\n') + '\n';
}

export function print(f: Figure, json: boolean): void {
  // Four significant digits in JSON: the noise of a shared machine is larger than more.
  const round = (_: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v);
  console.log(json ? JSON.stringify(f, round) : toMarkdown(f));
}

const BEGIN = '<!-- bench:begin (npm run bench -- --write BENCHMARKS.md replaces this part) -->';
const END = '<!-- bench:end -->';

/** Replaces the figures that were re-measured, keeping the others, between the markers of `file`. */
export function writeInto(file: string, figures: Figure[]): void {
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file} has no ${BEGIN} ... ${END} section`);
  const old = text.slice(a + BEGIN.length, b);
  const sections = new Map<number, string>();
  for (const m of old.matchAll(/^### (\d+)\.[\s\S]*?(?=^### |(?![\s\S]))/gm)) sections.set(Number(m[1]), m[0].trimEnd() + '\n');
  for (const f of figures) sections.set(f.figure, toMarkdown(f));
  const body = [...sections.entries()].sort(([x], [y]) => x - y).map(([, s]) => s);
  writeFileSync(file, `${text.slice(0, a)}${BEGIN}\n\n${body.join('\n')}\n${text.slice(b)}`);
}
