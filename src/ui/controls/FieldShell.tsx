import type { ReactNode } from 'react';

interface Props {
  id: string;
  label: ReactNode;
  /** Under the inputs: the allowed range, or what to type. */
  hint: ReactNode;
  problem?: string;
  children: ReactNode;
}

/** A typed field's frame: label, inputs, hint, and the problem with the last value typed. */
export function FieldShell({ id, label, hint, problem, children }: Props) {
  return (
    <div className={`field${problem ? ' field-bad' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="field-inputs">{children}</div>
      <div className="range-hint">{hint}</div>
      {problem && (
        <div className="field-problem" role="alert" id={`${id}-problem`}>
          {problem}
        </div>
      )}
    </div>
  );
}

/** A typed input's own props: its id, whether it is marked bad, and committing on blur or Enter (typing alone only edits). */
export function typedInputProps(id: string, problem: string | undefined, edit: (text: string) => void, commit: (text: string) => void) {
  return {
    id,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-problem` : undefined,
    onChange: (e: { target: { value: string } }) => edit(e.target.value),
    onBlur: (e: { target: { value: string } }) => commit(e.target.value),
    onKeyDown: (e: { key: string; currentTarget: { value: string } }) => e.key === 'Enter' && commit(e.currentTarget.value),
  };
}
