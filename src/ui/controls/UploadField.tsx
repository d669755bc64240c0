import { useId, useState } from 'react';
import { readUpload } from '../upload';
import type { UploadSpec } from '../../envs/view/types';

interface Props {
  spec: UploadSpec;
  value: string;
  disabled: boolean;
  problem?: string;
  onLoad: (fields: Record<string, unknown>) => void;
  onProblem: (message: string | null) => void;
}

/**
 * A file input whose contents set scenario fields. A file that is too large (refused before it
 * is read), empty, not text or malformed is refused with a message naming the problem; the
 * scenario keeps what it had. That refusal is the field's own: unlike `problem` (the scenario's
 * field is invalid, e.g. from a link), it does not hold up Start, since nothing was changed.
 */
export function UploadField({ spec, value, disabled, problem, onLoad, onProblem }: Props) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const load = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    // Cleared, so choosing the same file again (after fixing it) reads it again.
    input.value = '';
    // A locked field takes nothing, even a file set on it by a script.
    if (!file || disabled) return;
    setBusy(true);
    try {
      const fields = spec.read(await readUpload(file, spec.maxBytes, spec.label.toLowerCase()));
      setRefused(null);
      onProblem(null);
      onLoad(fields);
    } catch (err) {
      setRefused(`${file.name}: ${(err as Error).message}. Nothing was changed.`);
    } finally {
      setBusy(false);
    }
  };
  const held = spec.describe(value);
  const shown = refused ?? problem;
  return (
    <div className={`field${shown ? ' field-bad' : ''}`}>
      <label htmlFor={id}>
        {spec.label} <span className="unit">({spec.hint})</span>
      </label>
      <input id={id} name={spec.key} type="file" accept=".csv,.txt,text/csv,text/plain" disabled={disabled || busy} onChange={(e) => load(e.currentTarget)} />
      {held && <div className="range-hint" data-testid={`${spec.key}-loaded`}>{held}</div>}
      {shown && (
        <div className="field-problem" role="alert" data-testid={`${spec.key}-problem`}>
          {shown}
        </div>
      )}
    </div>
  );
}
