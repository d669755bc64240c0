import { useEffect, useState } from 'react';
import { moduleOf } from '../../envs/catalog';
import { restoreLastSession, type SessionSummary } from '../../state/last-session';
import { useLab } from '../context';

/**
 * The other sessions this browser keeps (other tabs', open or closed), to go on with here: each
 * tab keeps its own (last-session.ts), so a run trained in another tab is never written over,
 * and this is where it is found again. Opening one keeps this tab's own session as it was.
 */
export function OtherSessions() {
  const { store, sim, sessions } = useLab();
  const iteration = store((s) => s.status.iteration);
  const [others, setOthers] = useState<SessionSummary[]>([]);
  // Listed afresh as this tab's run moves on (another tab may have written since).
  useEffect(() => {
    let live = true;
    void sessions.others().then((list) => live && setOthers(list));
    return () => {
      live = false;
    };
  }, [sessions, iteration]);
  if (!others.length) return null;

  const open = async (key: string) => {
    await restoreLastSession(store, sim, sessions, false, await sessions.take(key));
    setOthers(await sessions.others());
  };
  return (
    <section aria-label="Other sessions in this browser" data-testid="other-sessions">
      <h3>Other sessions in this browser</h3>
      <ul>
        {others.map((o) => (
          <li key={o.key}>
            <span className="lab-about">
              {`${moduleOf(o.env as never)?.label ?? o.env}, seed ${o.seed}, ${o.iteration ? `iteration ${o.iteration}` : 'not trained yet'}${o.savedAt ? `, last saved ${new Date(o.savedAt).toLocaleString()}` : ''}`}
            </span>
            <button type="button" aria-label={`Go on with the session at iteration ${o.iteration} (seed ${o.seed})`} onClick={() => void open(o.key)}>
              Go on with it here
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
