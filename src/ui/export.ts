/**
 * A run's metrics as files: CSV (one row per iteration, the environment's metrics as columns)
 * and JSON (the scenario, its link and the rows), downloaded from the page.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { encodeScenario } from '../scenario/codec';
import type { PoliciesDocument } from '../scenario/policies-file';
import type { Scenario } from '../scenario/schema';
import type { RunExport } from '../worker/api';

export type ExportFormat = 'csv' | 'json';

/** What every file of a run is named from: environment, seed and iterations, e.g. adage-cobweb-seed1-160it. */
function runStem(scenario: Scenario, iterations: number): string {
  return `adage-${scenario.env}-seed${scenario.seed}-${iterations}it`;
}

/** The metrics file's name, e.g. adage-cobweb-seed1-160it.csv. */
export function exportName(run: RunExport, format: ExportFormat): string {
  return `${runStem(run.scenario, run.rows.length)}.${format}`;
}

/** A trained lab's file name, e.g. adage-cobweb-seed1-160it.policies.json. */
export function policiesFileName(doc: PoliciesDocument): string {
  return `${runStem(doc.scenario, doc.iteration)}.policies.json`;
}

export function exportText(run: RunExport, format: ExportFormat): string {
  if (format === 'csv') return stringify(run.rows, { header: true });
  return `${JSON.stringify({ scenario: run.scenario, link: `#${encodeScenario(run.scenario)}`, rows: run.rows }, null, 2)}\n`;
}

/** A chart's image file: environment and chart, e.g. adage-cobweb-chart-prices.svg. */
export function chartFileName(env: string, chartTestId: string, format: 'png' | 'svg'): string {
  return `adage-${env}-${chartTestId}.${format}`;
}

const MIME: Record<ExportFormat, string> = { csv: 'text/csv', json: 'application/json' };

/**
 * Hands a file to the browser as a download: a Blob as it is, or text with its type (a metrics
 * format, 'csv' or 'json', or a MIME type such as 'image/svg+xml').
 */
export function download(name: string, content: Blob | string, type?: ExportFormat | string): void {
  const mime = type === 'csv' || type === 'json' ? MIME[type] : (type ?? 'text/plain');
  const blob = typeof content === 'string' ? new Blob([content], { type: mime }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // After the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
