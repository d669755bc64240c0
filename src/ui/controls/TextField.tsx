import { useEffect, useId, useState } from 'react';
import { FieldShell, typedInputProps } from './FieldShell';
import type { TextSpec } from '../../envs/view/types';

interface Props {
  spec: TextSpec;
  value: string;
  disabled: boolean;
  problem?: string;
  /** What is wrong with the scenario holding this text (the field's schema and the cross-field rules), or null. */
  check: (value: string) => string | null;
  onCommit: (value: string) => void;
  onProblem: (message: string | null) => void;
}

/** A labelled text box (a list of numbers) that only commits text the scenario accepts; otherwise it says why and keeps the old value. */
export function TextField({ spec, value, disabled, problem, check, onCommit, onProblem }: Props) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);

  const commit = (raw: string) => {
    const next = raw.trim();
    setText(next);
    const wrong = next === value ? null : check(next);
    if (wrong) {
      onProblem(`${spec.label}: ${wrong}; "${next}" was not applied, the run keeps "${value}"`);
    } else {
      onProblem(null);
      if (next !== value) onCommit(next);
    }
  };

  return (
    <FieldShell id={id} label={spec.label} hint={spec.hint} problem={problem}>
      <input name={spec.key} type="text" spellCheck={false} autoComplete="off" value={text} disabled={disabled} {...typedInputProps(id, problem, setText, commit)} />
    </FieldShell>
  );
}
