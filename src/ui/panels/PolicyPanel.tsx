import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { MAX_POLICIES_BYTES, policiesRefusal, policiesText, readPoliciesText, tooDeep } from '../../scenario/policies-file';
import { defaultLabName, SavedLabs, type ListedLab } from '../../state/saved-labs';
import { storageFailure } from '../../state/storage-failure';
import { useLab } from '../context';
import { OtherSessions } from './OtherSessions';
import { download, policiesFileName } from '../export';
import { readUpload, sentence } from '../upload';
import { moduleOf } from '../../envs/catalog';

type Message = { kind: 'alert' | 'status'; text: string } | null;

const NOTHING_CHANGED = 'Nothing was changed.';

/**
 * "Save or load a trained lab": the trained followers and leader, the metric history and the
 * scenario as a file to hand out, or kept in this browser by name. Loading puts the run at the
 * saved iteration, paused, with its charts; a file or record that does not fit is refused with
 * what is wrong and the current run stays as it was.
 */
export function PolicyPanel() {
  const { store, sim } = useLab();
  const iteration = store((s) => s.status.iteration);
  const env = store((s) => s.scenario.env);
  const seed = store((s) => s.scenario.seed);
  const labs = useMemo(() => new SavedLabs(), []);
  const [saved, setSaved] = useState<ListedLab[]>([]);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const ids = { file: useId(), name: useId(), list: useId() };
  const suggested = defaultLabName(moduleOf(env).label, seed, iteration);

  /** Storage can be refused (private windows, quota): said, never thrown at the user. */
  const storage = useCallback(async (what: string, f: () => Promise<void>) => {
    try {
      await f();
    } catch (err) {
      setMessage({ kind: 'alert', text: `${what}: ${storageFailure(err)}.` });
    }
  }, []);
  const refresh = useCallback(() => storage("This browser's saved labs could not be read", async () => setSaved(await labs.list())), [labs, storage]);
  useEffect(() => void refresh(), [refresh]);

  /**
   * Hands a document (unchecked) to the worker, which refuses it whole or loads it whole: it
   * checks the document and loads its state into a new experiment before it touches the run, so
   * a refusal (or a failure while checking) leaves the run, running or not, as it was.
   */
  const load = async (doc: unknown, from: string) => {
    let problems;
    try {
      problems = await sim.loadPolicies(doc);
    } catch (err) {
      const deep = tooDeep(err);
      return setMessage({ kind: 'alert', text: deep ? `${from} was not loaded. ${deep} ${NOTHING_CHANGED}` : `${from} was not loaded: ${(err as Error).message}. ${NOTHING_CHANGED}` });
    }
    if (problems.length) setMessage({ kind: 'alert', text: `${policiesRefusal(from, doc, problems)} ${NOTHING_CHANGED}` });
    else setMessage({ kind: 'status', text: `Loaded ${from}. The run is paused there: Resume goes on training, Step plays one iteration.` });
  };

  const saveFile = async () => {
    const doc = await sim.savePolicies();
    if (!doc) return setMessage({ kind: 'alert', text: 'Nothing is trained yet: Step or Start first.' });
    const file = policiesFileName(doc);
    let text: string;
    try {
      text = policiesText(doc);
    } catch (err) {
      // Past the longest string the browser holds (see MAX_POLICIES_BYTES): the browser's store has no such bound.
      return setMessage({ kind: 'alert', text: `The lab is too large to write as a file (${(err as Error).message}); save it in this browser instead.` });
    }
    download(file, text, 'json');
    setMessage({ kind: 'status', text: `Saved ${file} (iteration ${doc.iteration}).` });
  };

  const loadFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    // Cleared, so choosing the same file again loads it again.
    input.value = '';
    if (!file) return;
    const refuse = (why: string) => setMessage({ kind: 'alert', text: `${file.name} was not loaded. ${why} ${NOTHING_CHANGED}` });
    // Its size is checked before it is read, its text before it is parsed.
    let text: string;
    try {
      text = await readUpload(file, MAX_POLICIES_BYTES, 'a policies file');
    } catch (err) {
      return refuse(sentence((err as Error).message));
    }
    let doc: unknown;
    try {
      doc = readPoliciesText(text);
    } catch (err) {
      return refuse((err as Error).message);
    }
    await load(doc, file.name);
  };

  const saveHere = () =>
    storage('The lab could not be saved in this browser', async () => {
      const doc = await sim.savePolicies();
      if (!doc) return setMessage({ kind: 'alert', text: 'Nothing is trained yet: Step or Start first.' });
      const lab = await labs.save(name.trim() || suggested, doc);
      setName('');
      setMessage({ kind: 'status', text: `Saved "${lab.name}" in this browser.` });
      await refresh();
    });

  const loadSaved = (lab: ListedLab) =>
    storage(`"${lab.name}" could not be read`, async () => {
      const doc = await labs.load(lab.name);
      if (doc === undefined) {
        setMessage({ kind: 'alert', text: `"${lab.name}" is no longer saved in this browser. ${NOTHING_CHANGED}` });
        return refresh();
      }
      await load(doc, `"${lab.name}"`);
    });

  const remove = (lab: ListedLab) =>
    storage(`"${lab.name}" could not be deleted`, async () => {
      await labs.remove(lab.name);
      setMessage({ kind: 'status', text: `Deleted "${lab.name}" from this browser.` });
      await refresh();
    });

  return (
    <details className="policy-panel" data-testid="policy-panel">
      <summary>Save or load a trained lab</summary>
      <p className="caption">
        The trained followers and leader, with the scenario and the charts' history: a file to hand out, or kept in this browser. A loaded lab
        is paused where it was saved.
      </p>
      <div className="buttons">
        <button type="button" disabled={iteration === 0} onClick={saveFile}>
          Save policies to file
        </button>
        <label htmlFor={ids.file}>Load policies from file</label>
        <input id={ids.file} type="file" accept=".json,application/json" onChange={(e) => loadFile(e.currentTarget)} />
      </div>
      <div className="buttons">
        <label htmlFor={ids.name}>Name</label>
        <input id={ids.name} type="text" value={name} placeholder={suggested} onChange={(e) => setName(e.target.value)} />
        <button type="button" disabled={iteration === 0} onClick={saveHere}>
          Save in this browser
        </button>
      </div>
      <h3 id={ids.list} className="caption">
        Saved in this browser
      </h3>
      {saved.length === 0 ? (
        <p className="caption">None yet.</p>
      ) : (
        <ul aria-labelledby={ids.list} data-testid="saved-labs">
          {saved.map((lab) => (
            <li key={lab.name}>
              <span className="lab-name">{lab.name}</span>
              <span className="lab-about">
                {'unreadable' in lab
                  ? 'its summary cannot be read (saved by another version of the lab?): Load checks the lab itself'
                  : `${moduleOf(lab.env)?.label ?? lab.env}, seed ${lab.seed}, iteration ${lab.iteration}, saved ${new Date(lab.savedAt).toLocaleString()}`}
              </span>
              <button type="button" aria-label={`Load ${lab.name}`} onClick={() => loadSaved(lab)}>
                Load
              </button>
              <button type="button" aria-label={`Delete ${lab.name}`} onClick={() => remove(lab)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <OtherSessions />
      {/* Both regions stay in the page, so screen readers announce what appears in them. */}
      <div role="status" data-testid="policy-status">
        {message?.kind === 'status' && message.text}
      </div>
      <div role="alert" className={message?.kind === 'alert' ? 'error' : undefined} data-testid="policy-alert">
        {message?.kind === 'alert' && message.text}
      </div>
    </details>
  );
}
