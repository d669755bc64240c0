/**
 * Opening a preset's finished run, shipped with the lab (scenario/finished-files.ts): its policies
 * file and its baseline's, fetched from the site and handed to the worker unchecked, which checks
 * them as it checks any file.
 */
import { readPoliciesText } from '../scenario/policies-file';
import { FINISHED_FOLDER, finishedFiles } from '../scenario/finished-files';

export interface FinishedRun {
  run: unknown;
  baseline: unknown;
}

async function fetchDocument(name: string): Promise<unknown> {
  const response = await fetch(`${import.meta.env.BASE_URL}${FINISHED_FOLDER}/${name}`);
  if (!response.ok) throw new Error(`${name} could not be fetched (${response.status} ${response.statusText || 'no reason given'})`);
  return readPoliciesText(await response.text());
}

export async function fetchFinishedRun(presetId: string): Promise<FinishedRun> {
  const files = finishedFiles(presetId);
  const [run, baseline] = await Promise.all([fetchDocument(files.run), fetchDocument(files.baseline)]);
  return { run, baseline };
}
