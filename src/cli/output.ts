/**
 * Where results go: stdout (JSON) when no --out is given, else the file, as CSV when its
 * name ends in .csv (the command's table of rows) and JSON otherwise (everything).
 */
import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from './scenario-input';

export type Rows = readonly Record<string, unknown>[];

export function isCsv(out: string | undefined): boolean {
  return !!out && out.toLowerCase().endsWith('.csv');
}

/**
 * Refuses, before anything trains, a file the command could not write at its end (a folder that
 * does not exist, a folder given for a file, no permission): the results of a long run are not
 * lost to a typo in --out.
 */
export function checkWritable(option: string, path: string | undefined): void {
  if (path === undefined) return;
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${option} ${path}: that is a folder; give a file name`);
  const target = existsSync(path) ? path : dirname(resolve(path));
  if (!existsSync(target)) throw new UsageError(`${option} ${path}: cannot write there, no folder ${target}`);
  try {
    accessSync(target, constants.W_OK);
  } catch (err) {
    throw new UsageError(`${option} ${path}: cannot write there (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

export function writeResult(out: string | undefined, result: unknown, rows: Rows): void {
  const text = isCsv(out) ? stringify(rows as Record<string, unknown>[], { header: true }) : `${JSON.stringify(result, null, 2)}\n`;
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

/**
 * A float32's shortest decimal that reads back as the same float32: 0.2, where the double it
 * widens to would write 0.20000000298023224.
 */
export function float32Number(x: number): number {
  if (!Number.isFinite(x)) return x;
  for (let digits = 1; digits < 9; digits++) {
    const y = Number(x.toPrecision(digits));
    if (Math.fround(y) === x) return y;
  }
  return Number(x.toPrecision(9));
}
