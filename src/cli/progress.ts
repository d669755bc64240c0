/**
 * Progress on stderr, so stdout stays pure results: a bar with ETA on a terminal, a plain
 * line every few seconds otherwise (logs, CI, pipes).
 */
import { SingleBar } from 'cli-progress';

export class Progress {
  private readonly bar: SingleBar;

  constructor(label: string, total: number) {
    const tty = process.stderr.isTTY === true;
    this.bar = new SingleBar({
      stream: process.stderr,
      format: tty
        ? `${label} [{bar}] {percentage}% | {value}/{total} iterations | {duration_formatted} elapsed, ETA {eta_formatted}`
        : `${label}: {value}/{total} iterations ({percentage}%), {duration_formatted} elapsed, ETA {eta_formatted}`,
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
