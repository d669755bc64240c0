import { useId, useMemo, useState } from 'react';
import { FINAL_WINDOW, meanInterval } from '../../engine/metrics';
import { moduleOf } from '../../envs/catalog';
import { EVALUATION_EPISODES, type Evaluation } from '../../worker/api';
import { formatNumber } from '../charts/ChartFrame';
import { useLab } from '../context';
import { FieldShell, typedInputProps } from '../controls/FieldShell';

const { min, max } = EVALUATION_EPISODES;

/** The episode count typed, or why it is refused. */
function parseEpisodes(text: string): number | string {
  const n = text.trim() === '' ? NaN : Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? n : `Episodes must be a whole number from ${min} to ${max}; "${text}" is not one.`;
}

/**
 * Evaluation mode: the policies as trained so far, frozen, with exploration off, over a number of
 * episodes; each final figure's mean and 95% t-interval over them beside the training's own
 * figure (the mean of its last FINAL_WINDOW iterations, exploration and all). Training pauses;
 * nothing here enters its charts.
 */
export function EvaluatePanel() {
  const { store, sim } = useLab();
  const evaluation = store((s) => s.evaluation);
  const id = useId();
  const [text, setText] = useState(String(EVALUATION_EPISODES.default));
  const [problem, setProblem] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Checked as it is typed, not only on leaving the box: a problem that vanished on the way to the button would move it from under the pointer.
  const check = (raw: string) => {
    setText(raw);
    const parsed = parseEpisodes(raw);
    setProblem(typeof parsed === 'string' ? parsed : undefined);
    return parsed;
  };
  const evaluate = async () => {
    const episodes = check(text);
    if (typeof episodes === 'string') return;
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await sim.evaluate(episodes));
    } catch (err) {
      setMessage(`Evaluation failed: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="try-panel" data-testid="evaluate-panel">
      <summary>Evaluate (exploration off): the trained policies, frozen, over several episodes</summary>
      <p className="caption">
        Evaluation mode plays the policies as trained so far with exploration off and nothing learning (the leader at its policy&apos;s mean,
        continuous followers at their means, discrete followers drawing from their mixed strategies) on a fresh environment; the training&apos;s own
        figures include its exploration. Training pauses; nothing here enters its charts.
      </p>
      <div className="try-fields">
        <FieldShell id={id} label="Episodes" hint={`a whole number from ${min} to ${max}`} problem={problem}>
          <input name="evaluate-episodes" type="number" min={min} max={max} step={1} value={text} {...typedInputProps(id, problem, check, check)} />
        </FieldShell>
        <button type="button" onClick={() => void evaluate()} disabled={busy}>
          Evaluate (exploration off)
        </button>
      </div>
      <p role="status" className="caption">
        {busy ? 'Evaluating…' : ''}
      </p>
      {message && (
        <p role="alert" className="field-problem" data-testid="evaluate-message">
          {message}
        </p>
      )}
      {evaluation && !busy && !message && <EvaluationTable evaluation={evaluation} />}
    </details>
  );
}

function EvaluationTable({ evaluation }: { evaluation: Evaluation }) {
  const scenario = useLab().store((s) => s.scenario);
  const rows = useMemo(
    () =>
      moduleOf(scenario)
        .metrics.filter((m) => m.final)
        .map((m) => ({ ...m, ...meanInterval(evaluation.episodes.map((e) => e[m.key])), training: evaluation.training[m.key] })),
    [scenario, evaluation],
  );
  const n = evaluation.episodes.length;
  // All of them where fewer ran (finalMetrics).
  const window = Math.min(FINAL_WINDOW, evaluation.iteration);
  return (
    <table className="figures" data-testid="evaluate-result" data-episodes={n}>
      <caption className="caption">
        Evaluation over {n} episode{n === 1 ? '' : 's'} at iteration {evaluation.iteration}: the mean and its 95% t-interval, beside the
        training&apos;s mean over its last {window} iteration{window === 1 ? '' : 's'}.
      </caption>
      <thead>
        <tr>
          <th scope="col">figure</th>
          <th scope="col">evaluation mean</th>
          <th scope="col">95% interval</th>
          <th scope="col">training, last {window}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid={`evaluate-${r.key}`} data-mean={r.mean} data-half={r.half} data-training={r.training}>
            <th scope="row">{r.label}</th>
            <td>{formatNumber(r.mean)}</td>
            <td className="nowrap">{Number.isFinite(r.half) ? `${formatNumber(r.mean - r.half)} to ${formatNumber(r.mean + r.half)} (± ${formatNumber(r.half)})` : '– (one episode)'}</td>
            <td>{Number.isFinite(r.training) ? formatNumber(r.training) : '– (evaluation only)'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
