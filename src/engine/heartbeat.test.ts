import { afterEach, describe, expect, it, vi } from 'vitest';
import { BEAT_MS, beat, listenToBeats } from './heartbeat';

describe('beat', () => {
  afterEach(() => {
    listenToBeats(null);
    vi.useRealTimers();
  });

  it('passes at most one beat per BEAT_MS to its listener, and none without one', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const heard = vi.fn();
    beat();
    listenToBeats(heard);
    for (let i = 0; i < 10; i++) beat();
    expect(heard).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(BEAT_MS - 1);
    beat();
    expect(heard).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    beat();
    expect(heard).toHaveBeenCalledTimes(2);
    listenToBeats(null);
    vi.advanceTimersByTime(BEAT_MS);
    beat();
    expect(heard).toHaveBeenCalledTimes(2);
  });
});
