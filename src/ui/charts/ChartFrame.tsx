import type { ReactNode } from 'react';

/** A chart's figure: title and caption, and its body once there is data to draw. */
export function ChartFrame({ testId, title, caption, points, children }: { testId: string; title: string; caption: string; points: number; children: ReactNode }) {
  return (
    <figure className="chart" data-testid={testId} data-points={points}>
      <figcaption>
        <strong>{title}</strong> <span className="caption">{caption}</span>
      </figcaption>
      <div className="chart-body">{points === 0 ? <div className="chart-empty">Press Start or Step to train; points appear here.</div> : children}</div>
    </figure>
  );
}

/** Numbers for ticks and tooltips: whole numbers plain, others to 3 significant digits. */
export const formatNumber = (v: unknown) => {
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v) || Math.abs(v) >= 100) return v.toFixed(0);
  return String(Number(v.toPrecision(3)));
};
