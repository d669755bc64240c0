import { useState, type RefObject } from 'react';
import { useLab } from '../context';
import { chartFileName, download } from '../export';
import { chartPng, chartSvg, NOT_IN_IMAGE } from './chart-image';

interface Props {
  figure: RefObject<HTMLElement | null>;
  testId: string;
  title: string;
  caption: string;
  /** No points yet: nothing worth a file. */
  disabled: boolean;
  /** Offer SVG: the figure holds a recharts plot (a table has none). */
  vector: boolean;
}

/** "PNG" and "SVG" buttons that save a chart figure as an image, named after the environment and chart. */
export function ChartExport({ figure, testId, title, caption, disabled, vector }: Props) {
  const { store } = useLab();
  const env = store((s) => s.scenario.env);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (format: 'png' | 'svg') => {
    const node = figure.current;
    if (!node) return;
    setBusy(true);
    try {
      const name = chartFileName(env, testId, format);
      if (format === 'png') download(name, await chartPng(node));
      else {
        const svg = chartSvg(node, title, caption);
        if (!svg) throw new Error('this figure has no plot to draw as vectors');
        download(name, svg, 'image/svg+xml');
      }
      setProblem(null);
    } catch (err) {
      setProblem(`Could not save ${format.toUpperCase()}: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={NOT_IN_IMAGE}>
      {(vector ? (['png', 'svg'] as const) : (['png'] as const)).map((format) => (
        <button key={format} type="button" className="small" disabled={disabled || busy} aria-label={`Download ${title} as ${format.toUpperCase()}`} onClick={() => save(format)}>
          {format.toUpperCase()}
        </button>
      ))}
      {problem && (
        <span className="field-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
