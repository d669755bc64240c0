import { ScrollX } from '../ScrollX';
import resultsMarkdown from '../../../docs/results.md?raw';
import liveResultsMarkdown from '../../../docs/results-live.md?raw';
import { parseReport, type ReportedPreset } from '../../envs/view/reported';

/** docs/results.md and docs/results-live.md (the 1-minute versions), bundled and read once: the lab quotes the report, as the README does. */
const REPORTED: ReadonlyMap<string, ReportedPreset> = parseReport(resultsMarkdown);
const REPORTED_LIVE: ReadonlyMap<string, ReportedPreset> = parseReport(liveResultsMarkdown);

/**
 * The preset's figures from the results report: the mean over seeds with its 95% interval,
 * beside the baseline's, and whether the difference is larger than its interval.
 */
export function ReportedResult({ preset, openingVariant, live }: { preset: string; openingVariant: boolean; live: boolean }) {
  const r = (live ? REPORTED_LIVE : REPORTED).get(preset);
  if (!r) return <>Not yet in the results report ({live ? 'docs/results-live.md' : 'docs/results.md'}).</>;
  return (
    <ScrollX label="Reported figures over seeds">
      <table className="figures" data-testid="reported-table">
        <caption>
          Mean ± 95% interval over {r.seeds} seeds, exploration off{r.quick ? ' (quick version: not a result)' : ''}
          {live ? ', of the 1-minute version' : openingVariant ? '' : ', for the opening variant'}. Baseline: {r.baseline}
          {r.claim && (
            <>
              {' '}
              The claim over these seeds: <strong data-testid="reported-claim">{r.claim.verdict}</strong> (difference {r.claim.difference}).
            </>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">figure</th>
            <th scope="col">this preset</th>
            <th scope="col">baseline</th>
            <th scope="col">difference</th>
            <th scope="col">larger than its interval</th>
          </tr>
        </thead>
        <tbody>
          {r.figures.map((f) => (
            <tr key={f.key}>
              <th scope="row">{f.label}</th>
              <td className="nowrap">{f.ours}</td>
              <td className="nowrap">{f.baseline}</td>
              <td className="nowrap">{f.difference}</td>
              <td>{f.differs === null ? '—' : f.differs ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
