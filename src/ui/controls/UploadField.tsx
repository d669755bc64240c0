import { useId, useState } from 'react';
import type { UploadSpec } from './fields';

interface Props {
  spec: UploadSpec;
  value: string;
  disabled: boolean;
  problem?: string;
  onLoad: (fields: Record<string, unknown>) => void;
  onProblem: (message: string | null) => void;
}

/**
 * A file input whose contents set scenario fields. A file that is too large, unreadable or
 * malformed is refused with a message naming the problem; the scenario keeps what it had.
 */
export function UploadField({ spec, value, disabled, problem, onLoad, onProblem }: Props) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const load = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > spec.maxBytes) {
      onProblem(`${file.name} is ${(file.size / 1024).toFixed(0)} kB; ${spec.label} takes at most ${(spec.maxBytes / 1024).toFixed(0)} kB. Nothing was changed.`);
      return;
    }
    setBusy(true);
    try {
      const fields = spec.read(await file.text());
      onProblem(null);
      onLoad(fields);
    } catch (err) {
      onProblem(`${file.name}: ${(err as Error).message}. Nothing was changed.`);
    } finally {
      setBusy(false);
    }
  };
  const held = spec.describe(value);
  return (
    <div className={`field${problem ? ' field-bad' : ''}`}>
      <label htmlFor={id}>
        {spec.label} <span className="unit">({spec.hint})</span>
      </label>
      <input id={id} name={spec.key} type="file" accept=".csv,.txt,text/csv,text/plain" disabled={disabled || busy} onChange={(e) => load(e.target.files?.[0])} />
      {held && <div className="range-hint" data-testid={`${spec.key}-loaded`}>{held}</div>}
      {problem && (
        <div className="field-problem" role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}
