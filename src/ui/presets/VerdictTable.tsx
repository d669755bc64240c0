import { ScrollX } from '../ScrollX';
import { formatMeanInterval } from '../../engine/metrics';
import type { PresetClaim } from '../../envs/view/types';
import type { Verdict } from '../../envs/view/verdict';

/**
 * The preset's claim on this run, as a small table: the paper's figures, this run's, what it is
 * compared with (its baseline, another figure, a threshold), the difference, each mean with its
 * 95% interval over the last iterations both have reached, and the verdict (holds, does not
 * hold, not clear).
 */
export function VerdictTable({ claim, verdict, labelOf }: { claim: PresetClaim; verdict: Verdict; labelOf: (key: string) => string }) {
  const compared = claim.than === 'baseline' ? 'its baseline' : 'key' in claim.than ? labelOf(claim.than.key) : `the threshold ${claim.than.value}`;
  const range = verdict.from === verdict.to ? `iteration ${verdict.to}` : `iterations ${verdict.from}–${verdict.to}`;
  return (
    <ScrollX label="This run's verdict">
      <table className="figures verdict" data-testid="verdict-table">
        <caption>
          {claim.text}. Mean ± 95% interval over {range}
          {claim.than === 'baseline' ? ', the last both this run and its baseline have reached' : ''}; the claim holds where the difference is on its side beyond its interval.
        </caption>
        {/* One row per quantity: it fits the narrow column beside the charts. */}
        <tbody>
          <tr>
            <th scope="row">figure</th>
            <td>{labelOf(claim.key)}</td>
          </tr>
          <tr>
            <th scope="row">the paper</th>
            <td>{claim.paper}</td>
          </tr>
          <tr>
            <th scope="row">this run</th>
            <td className="nowrap">{formatMeanInterval(verdict.run)}</td>
          </tr>
          <tr>
            <th scope="row">{compared}</th>
            {/* A threshold is a number, not a mean: no interval. */}
            <td className="nowrap">{typeof claim.than === 'object' && 'value' in claim.than ? claim.than.value : formatMeanInterval(verdict.compared)}</td>
          </tr>
          <tr>
            <th scope="row">difference</th>
            <td className="nowrap">{formatMeanInterval(verdict.difference)}</td>
          </tr>
          <tr>
            <th scope="row">verdict</th>
            <td className={verdict.verdict === 'holds' ? 'matched' : 'unmatched'} data-testid="verdict">
              {verdict.verdict}
            </td>
          </tr>
        </tbody>
      </table>
    </ScrollX>
  );
}
