import type { ReactNode } from 'react';

/**
 * A wide table or equation that scrolls sideways inside its box on a narrow screen (the page
 * never does). Focusable and named, so a keyboard can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollX({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll-x" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
