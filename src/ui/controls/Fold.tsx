import { useEffect, useState, type ReactNode } from 'react';

/** Below this width the form sits above the results (styles.css). */
const WIDE = '(min-width: 56em)';
/** Open on wide screens, where the form has its own column; folded on narrow ones, so Start and the charts come first. */
export const openWhenWide = () => window.matchMedia(WIDE).matches;

/**
 * A part of the page folded under its summary. The user opens and closes it; `reveal` opens it
 * whenever it turns true (a field inside has a problem whose message must be seen).
 */
export function Fold({ summary, className, initiallyOpen = false, reveal = false, children }: { summary: string; className: string; initiallyOpen?: boolean | (() => boolean); reveal?: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(initiallyOpen);
  useEffect(() => {
    if (reveal) setOpen(true);
  }, [reveal]);
  return (
    <details className={className} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
