import { useState } from 'react';
import { CLASSROOM_HIDE, FONT_SIZES, HIDEABLE_PARTS, type FontSize, type HideablePart } from '../../state/page-options';
import { useLab } from '../context';
import { copyAddress } from '../copy-address';

/**
 * Prepares a link for a class: classroom mode (large type, step-by-step commentary open), the
 * type size, and which parts to hide; the page follows each choice at once, so the address bar
 * is the link. Always at the foot of the page, so a decluttered page can be restored.
 */
export function ClassroomPanel() {
  const { store, sim } = useLab();
  const page = store((s) => s.page);
  const [copied, setCopied] = useState<string | null>(null);
  const toggle = (part: HideablePart) => sim.setPage({ ...page, hide: page.hide.includes(part) ? page.hide.filter((p) => p !== part) : [...page.hide, part] });
  const copy = async () => setCopied(await copyAddress('Classroom link'));
  return (
    <details className="classroom-panel" data-testid="classroom-panel">
      <summary>Classroom link: large type, step by step, hide parts of the page</summary>
      <label className="toggle">
        <input
          type="checkbox"
          checked={page.classroom}
          onChange={(e) => sim.setPage({ ...page, classroom: e.target.checked, font: e.target.checked ? 'large' : 'normal', hide: e.target.checked ? [...new Set([...page.hide, ...CLASSROOM_HIDE])] : page.hide.filter((p) => !CLASSROOM_HIDE.includes(p as HideablePart)) })}
        />
        Classroom mode (large type, form, gallery and tagline hidden, step-by-step commentary open)
      </label>
      <label className="select">
        Type size
        <select value={page.font} onChange={(e) => sim.setPage({ ...page, font: e.target.value as FontSize })}>
          {FONT_SIZES.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Hide</legend>
        {(Object.entries(HIDEABLE_PARTS) as [HideablePart, string][]).map(([part, text]) => (
          <label key={part} className="toggle">
            <input type="checkbox" checked={page.hide.includes(part)} onChange={() => toggle(part)} />
            {text}
          </label>
        ))}
      </fieldset>
      <button type="button" onClick={copy}>
        Copy classroom link
      </button>
      {copied && <span role="status"> {copied}</span>}
    </details>
  );
}
