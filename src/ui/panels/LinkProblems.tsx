import { useLab } from '../context';

/** What was wrong with the link the page was opened with; each bad field fell back to its default. */
export function LinkProblems() {
  const { store } = useLab();
  const problems = store((s) => s.linkProblems);
  if (problems.length === 0) return null;
  return (
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
  );
}
