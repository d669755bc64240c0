import { useLab } from '../context';

/**
 * What was wrong with the link the page was opened with (each bad field fell back to its
 * default), and what its reader should know: the lab version that made it, any migration.
 */
export function LinkProblems() {
  const { store } = useLab();
  const problems = store((s) => s.linkProblems);
  const notes = store((s) => s.linkNotes);
  return (
    <>
      {problems.length > 0 && (
        <div className="link-problems" role="alert" data-testid="link-problems">
          <strong>This link had problems; the rest of the scenario was loaded.</strong>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
          <button type="button" onClick={() => store.getState().setLinkProblems([])}>
            Dismiss
          </button>
        </div>
      )}
      {notes.length > 0 && (
        <div className="link-notes" role="status" data-testid="link-notes">
          {notes.join(' ')}{' '}
          <button type="button" onClick={() => store.getState().setLinkNotes([])}>
            OK
          </button>
        </div>
      )}
    </>
  );
}
