/**
 * A run's metrics as files: CSV (one row per iteration, the environment's metrics as columns)
 * and JSON (the scenario, its link and the rows), downloaded from the page.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { encodeScenario } from '../scenario/codec';
import type { RunExport } from '../worker/api';

export type ExportFormat = 'csv' | 'json';

/** The file's name: environment, seed and iterations, e.g. adage-cobweb-seed1-160it.csv. */
export function exportName(run: RunExport, format: ExportFormat): string {
  return `adage-${run.scenario.env}-seed${run.scenario.seed}-${run.rows.length}it.${format}`;
}

export function exportText(run: RunExport, format: ExportFormat): string {
  if (format === 'csv') return stringify(run.rows, { header: true });
  return `${JSON.stringify({ scenario: run.scenario, link: `#${encodeScenario(run.scenario)}`, rows: run.rows }, null, 2)}\n`;
}

/** Hands the text to the browser as a file download. */
export function download(name: string, text: string, format: ExportFormat): void {
  const url = URL.createObjectURL(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // After the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
