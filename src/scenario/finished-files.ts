/**
 * The finished runs the lab ships, one per preset (public/finished, made by `npx adage-lab
 * finished`): where each file lives, and what the folder's index says of it. Shared by the CLI
 * that writes them, the page that opens them and the test that checks them.
 */
import type { FinalMetrics } from '../engine/metrics';

/** The folder, under the site's root (Vite's public/ in the repository). */
export const FINISHED_FOLDER = 'finished';
export const FINISHED_INDEX = 'index.json';
export const FINISHED_KIND = 'adage-lab/finished';

/** A preset's two policies files, by name in the folder: its run, and its baseline's. */
export const finishedFiles = (presetId: string) => ({ run: `${presetId}.policies.json`, baseline: `${presetId}.baseline.policies.json` });

/** What the index says of one preset's finished run. */
export interface FinishedEntry {
  iteration: number;
  /** The tfjs backend it trained on. */
  backend: string;
  /**
   * The preset's final figures (FINAL_WINDOW means of the training history), the run's and its
   * baseline's; those training does not measure (evaluation mode's) are left out.
   */
  final: FinalMetrics;
  baselineFinal: FinalMetrics;
}

export interface FinishedIndex {
  kind: typeof FINISHED_KIND;
  app: string;
  runs: Record<string, FinishedEntry>;
}
