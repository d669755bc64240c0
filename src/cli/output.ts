/**
 * Where results go: stdout (JSON) when no --out is given, else the file, as CSV when its
 * name ends in .csv (the command's table of rows) and JSON otherwise (everything).
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

export type Rows = readonly Record<string, unknown>[];

export function isCsv(out: string | undefined): boolean {
  return !!out && out.toLowerCase().endsWith('.csv');
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
