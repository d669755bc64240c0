/**
 * Live charts take turns. A recharts redraw costs 20-35 ms on this project's 2-core machine
 * whatever the number of points (its internal store recomputes axes and items on every data
 * change), so six charts redrawn together block the page for well over 50 ms. Here each
 * redraw runs in a task of its own, one chart after another with a short gap for input and
 * paint between them, and a chart waiting for its turn is drawn once, with the newest data,
 * however many updates arrived meanwhile. A chart drawn goes to the back of the queue.
 */
export interface RedrawQueue {
  /** Asks for `redraw` to run in a task of its own; asking again before it ran changes nothing. */
  request(redraw: () => void): void;
  cancel(redraw: () => void): void;
}

export function createRedrawQueue(gapMs: number): RedrawQueue {
  const waiting = new Set<() => void>(); // insertion order: first asked, first drawn
  let timer: ReturnType<typeof setTimeout> | null = null;
  let drawing = false;
  const pump = () => {
    timer = null;
    const next = waiting.values().next();
    if (next.done) return;
    waiting.delete(next.value);
    drawing = true;
    try {
      next.value();
    } finally {
      drawing = false;
    }
    if (waiting.size) timer = setTimeout(pump, gapMs);
  };
  return {
    request(redraw) {
      waiting.add(redraw);
      // While a redraw runs, pump schedules the next turn itself, after the gap.
      if (!drawing) timer ??= setTimeout(pump, 0);
    },
    cancel(redraw) {
      waiting.delete(redraw);
    },
  };
}
