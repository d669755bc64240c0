import { useEffect, useState } from 'react';
import { useLab } from '../context';
import { moduleOf } from '../../envs/catalog';
import { nextLeaderUpdate } from '../../engine/leader-schedule';
import { leaderCommentary, type Commentary } from './leader-commentary';

/** How many steps' commentary stay on screen (newest first). */
const KEPT = 4;

/**
 * Step-by-step mode: runs the game to the leader's next update and says in words what the
 * leader chose and how the followers responded. Open by default in classroom mode.
 */
export function LeaderSteps() {
  const { store, sim } = useLab();
  const env = store((s) => s.scenario.env);
  const phase = store((s) => s.status.phase);
  const classroom = store((s) => s.page.classroom);
  const [notes, setNotes] = useState<Commentary[]>([]);
  const [busy, setBusy] = useState(false);
  // A new scenario or a reset starts the story again.
  const iteration = store((s) => s.status.iteration);
  const scenario = store((s) => s.scenario);
  const schedule = moduleOf(scenario).leaderSchedule(scenario);
  const update = nextLeaderUpdate(schedule, iteration);
  useEffect(() => {
    if (iteration === 0) setNotes([]);
  }, [iteration, env]);

  const next = async () => {
    setBusy(true);
    try {
      const step = await sim.stepLeader();
      if (step) setNotes((n) => [leaderCommentary(env, step), ...n].slice(0, KEPT));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="leader-steps" open={classroom} data-testid="leader-steps">
      <summary>One leader step at a time, with commentary</summary>
      <p className="caption">Runs the followers' episodes up to the leader's next update, then stops and tells what changed.</p>
      {/* Where the next update is, so a long warm-up counts down instead of sitting silent. */}
      <p data-testid="leader-next">
        {!schedule
          ? 'This leader does not learn: each press runs one iteration.'
          : iteration < schedule.warmup
            ? `Warm-up: the followers train alone for ${schedule.warmup} iterations; the leader first learns after iteration ${update}.`
            : `The leader learns next after iteration ${update}.`}
      </p>
      <button type="button" className="primary" disabled={busy || phase === 'running' || phase === 'done'} onClick={next}>
        {busy ? `Running… iteration ${iteration} of ${update}` : 'Next leader step'}
      </button>
      <ol className="commentary" aria-live="polite" data-testid="commentary">
        {notes.map((c, i) => (
          <li key={notes.length - i}>
            <strong>{c.title}</strong> {c.leader} {c.followers}
          </li>
        ))}
      </ol>
    </details>
  );
}
