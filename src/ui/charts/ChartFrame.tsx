import { useRef, type ReactNode } from 'react';
import { ChartExport } from './ChartExport';

interface Props {
  testId: string;
  title: string;
  caption: string;
  points: number;
  /** The body takes its content's height (a table) instead of a chart's fixed one. */
  fit?: boolean;
  /** Reference lines, named in the caption in their colours rather than on the data they would cover. */
  references?: { text: string; color: string }[];
  /** What the shaded band on the plot is (the followers' warm-up), named beside the reference lines. */
  shaded?: string;
  children: ReactNode;
}

/** A chart's figure: title and caption, its body once there is data to draw, and buttons that save it as an image. */
export function ChartFrame({ testId, title, caption, points, fit, references = [], shaded, children }: Props) {
  const figure = useRef<HTMLElement>(null);
  const refsText = `${references.length ? ` Dashed: ${references.map((r) => r.text).join('; ')}.` : ''}${shaded ? ` Shaded: ${shaded}.` : ''}`;
  return (
    <figure className="chart" data-testid={testId} data-points={points} ref={figure}>
      <figcaption>
        <strong>{title}</strong> <span className="caption">{caption}</span>
        {(references.length > 0 || shaded) && (
          <span className="chart-refs">
            {references.map((r) => (
              // The dash in the line's colour, the words in ink (coloured text would be too faint to read).
              <span key={r.text}>
                <span className="chart-ref-dash" style={{ borderColor: r.color }} aria-hidden="true" /> {r.text}
              </span>
            ))}
            {shaded && (
              <span data-testid="chart-shaded">
                <span className="chart-ref-area" aria-hidden="true" /> {shaded}
              </span>
            )}
          </span>
        )}
      </figcaption>
      <div className={fit ? 'chart-body fit' : 'chart-body'}>{points === 0 ? <div className="chart-empty">Press Start or Step to train; points appear here.</div> : children}</div>
      {/* After the body in the tab order (figcaption must stay the first child); CSS puts it at the top right. */}
      <ChartExport figure={figure} testId={testId} title={title} caption={`${caption}${refsText}`} disabled={points === 0} vector={!fit} />
    </figure>
  );
}

/** Numbers for ticks and tooltips: whole numbers plain, others to 3 significant digits. */
export const formatNumber = (v: unknown) => {
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v) || Math.abs(v) >= 100) return v.toFixed(0);
  return String(Number(v.toPrecision(3)));
};
