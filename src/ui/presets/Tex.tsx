import type { KatexOptions } from 'katex';
import 'katex/dist/katex.min.css';
import { useLayoutEffect, useRef } from 'react';

/**
 * How the lab's equations are typeset: display mode, with MathML beside the HTML (so screen
 * readers read it), and trust off, so no \href, \url, \includegraphics or \html... command can
 * add a link, an image or an attribute (only the lab's own TeX reaches KaTeX, but this holds even
 * if that ever changed).
 */
export const TEX_OPTIONS: KatexOptions = { displayMode: true, output: 'htmlAndMathml', throwOnError: false, trust: false };

/**
 * A display equation typeset by KaTeX. The TeX is the lab's own (presets.ts), never user input;
 * presets.test.ts renders each one with throwOnError, so a typo fails a test instead of showing
 * red TeX to a class. katex.render builds DOM nodes (its inline styles set through element.style),
 * so no HTML string is parsed and the page's Content-Security-Policy needs no inline styles.
 * KaTeX itself loads on the first equation shown, not with the page.
 */
export function Tex({ tex, label }: { tex: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    let current = true;
    void import('katex').then(({ default: katex }) => {
      if (current && ref.current) katex.render(tex, ref.current, TEX_OPTIONS);
    });
    return () => {
      current = false;
    };
  }, [tex]);
  return <div ref={ref} className="tex" role="math" aria-label={label} />;
}
