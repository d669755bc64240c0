import { learningRates, STEP_FACTOR } from '../../scenario/step-sizes';
import { formatNumber } from '../charts/ChartFrame';
import { useLab } from '../context';

/**
 * What happened to the run without the user asking: a divergence it went back from (where the NaN
 * or infinity appeared, the checkpoint it is paused at, and the offer to go on with smaller
 * learning rates), and the lab's own notices (a worker replaced, a session restored).
 */
export function RunHealth() {
  const { store, sim } = useLab();
  const divergence = store((s) => s.status.divergence);
  const notice = store((s) => s.notice);
  const scenario = store((s) => s.scenario);
  const rates = Object.entries(learningRates(scenario));
  return (
    <>
      {divergence && (
        <div className="error divergence" role="alert" data-testid="divergence">
          <strong>Training diverged in iteration {divergence.iteration}:</strong>
          <ul>
            {divergence.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
          <p>
            {divergence.restoredTo > 0
              ? `The run went back to its last good checkpoint, iteration ${divergence.restoredTo}, and is paused.`
              : 'There was no checkpoint yet, so the run went back to the start.'}{' '}
            Resuming as it was would diverge the same way (the run is deterministic); smaller learning rates usually do not.
          </p>
          <button type="button" onClick={() => sim.resumeWithSmallerSteps()}>
            Resume with smaller learning rates ({rates.map(([k, v]) => `${k} ${formatNumber(v)} → ${formatNumber(v * STEP_FACTOR)}`).join(', ')})
          </button>{' '}
          <button type="button" onClick={() => sim.reset()}>
            Start over
          </button>
        </div>
      )}
      {notice && (
        <div className="link-notes" role="status" data-testid="notice">
          {notice}{' '}
          <button type="button" onClick={() => store.getState().setNotice(null)}>
            OK
          </button>
        </div>
      )}
    </>
  );
}
