import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRedrawQueue } from './redraw-queue';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the charts redraw queue', () => {
  it('runs one redraw per task, in the order asked, each once however often it was asked', () => {
    const queue = createRedrawQueue(4);
    const drawn: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => () => drawn.push(name));
    queue.request(a);
    queue.request(b);
    queue.request(a);
    queue.request(c);
    expect(drawn).toEqual([]); // never inside the caller's task
    vi.advanceTimersByTime(0);
    expect(drawn).toEqual(['a']);
    vi.advanceTimersByTime(3);
    expect(drawn).toEqual(['a']); // the gap
    vi.advanceTimersByTime(1);
    expect(drawn).toEqual(['a', 'b']);
    vi.advanceTimersByTime(4);
    expect(drawn).toEqual(['a', 'b', 'c']);
    vi.advanceTimersByTime(100);
    expect(drawn).toEqual(['a', 'b', 'c']);
  });

  it('puts a chart asked for again after its redraw at the back, behind the others', () => {
    const queue = createRedrawQueue(0);
    const drawn: string[] = [];
    const b = () => drawn.push('b');
    const a = () => {
      drawn.push('a');
      queue.request(a); // new data arrived while a was drawn
    };
    queue.request(a);
    queue.request(b);
    for (let task = 1; task <= 3; task++) {
      vi.advanceTimersToNextTimer();
      expect(drawn).toHaveLength(task);
    }
    expect(drawn).toEqual(['a', 'b', 'a']);
  });

  it('forgets a cancelled redraw', () => {
    const queue = createRedrawQueue(0);
    const drawn: string[] = [];
    const a = () => drawn.push('a');
    queue.request(a);
    queue.cancel(a);
    vi.runAllTimers();
    expect(drawn).toEqual([]);
  });
});
