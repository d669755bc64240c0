import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

/**
 * A display equation typeset by KaTeX (with MathML beside the HTML, so screen readers read it).
 * The TeX is the lab's own (presets.ts), never user input; presets.test.ts renders each one with
 * throwOnError, so a typo fails a test instead of showing red TeX to a class.
 */
export function Tex({ tex, label }: { tex: string; label: string }) {
  const html = useMemo(() => katex.renderToString(tex, { displayMode: true, output: 'htmlAndMathml', throwOnError: false }), [tex]);
  return <div className="tex" role="math" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
