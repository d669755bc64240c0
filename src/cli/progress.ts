/**
 * Progress on stderr, so stdout stays pure results: a bar with ETA on a terminal, a plain
 * line every few seconds otherwise (logs, CI, pipes).
 */
import { SingleBar } from 'cli-progress';

/**
 * Seconds as "45s", "12m05s" or "1h05m", rounded to a multiple of `step` seconds first and split
 * after, so a carry moves into the next unit. (cli-progress's own formatTime rounds the seconds
 * within the minute, and wrote 779 s to the nearest 5 as "12m60s", 3,580 s as "59m60s".) An ETA
 * cli-progress cannot tell yet (its "NULL" and "INF") is "?".
 */
export function formatDuration(t: number | string, step = 1): string {
  const seconds = Number(t);
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  // Under 10 s the step would swallow the figure (cli-progress does not round there either).
  const rounded = seconds < 10 ? Math.round(seconds) : step * Math.round(seconds / step);
  const pad = (x: number) => String(x).padStart(2, '0');
  if (rounded < 60) return `${rounded}s`;
  if (rounded < 3600) return `${Math.floor(rounded / 60)}m${pad(rounded % 60)}s`;
  const minutes = Math.round(rounded / 60);
  return `${Math.floor(minutes / 60)}h${pad(minutes % 60)}m`;
}

export class Progress {
  private readonly bar: SingleBar;

  constructor(label: string, total: number) {
    const tty = process.stderr.isTTY === true;
    this.bar = new SingleBar({
      stream: process.stderr,
      format: tty
        ? `${label} [{bar}] {percentage}% | {value}/{total} iterations | {duration_formatted} elapsed, ETA {eta_formatted}`
        : `${label}: {value}/{total} iterations ({percentage}%), {duration_formatted} elapsed, ETA {eta_formatted}`,
      formatTime: (t: number, _options: unknown, step: number) => formatDuration(t, step),
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 50,
      hideCursor: tty,
      // Off a terminal this only skips the blank line cli-progress writes when it stops.
      clearOnComplete: !tty,
    });
    this.bar.start(total, 0);
  }

  advance(iterations: number): void {
    this.bar.increment(iterations);
  }

  stop(): void {
    this.bar.stop();
  }
}
