import { useId, useState, useEffect } from 'react';
import type { z } from 'zod';
import { describeAllowed } from '../../scenario/validate';
import type { FieldSpec } from './fields';

interface Props {
  spec: FieldSpec;
  schema: z.ZodType;
  value: number;
  disabled: boolean;
  problem?: string;
  onCommit: (value: number) => void;
  onProblem: (message: string | null) => void;
}

function bounds(schema: z.ZodType): { min?: number; max?: number } {
  const num = (schema as unknown as { unwrap?: () => { minValue?: number | null; maxValue?: number | null } }).unwrap?.();
  return { min: num?.minValue ?? undefined, max: num?.maxValue ?? undefined };
}

/** A labelled number box (and optional slider) that only commits values the schema accepts. */
export function NumberField({ spec, schema, value, disabled, problem, onCommit, onProblem }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const { min, max } = bounds(schema);

  const commit = (raw: string) => {
    setText(raw);
    const parsed = raw.trim() === '' ? NaN : Number(raw);
    const ok = schema.safeParse(parsed).success;
    if (ok) {
      onProblem(null);
      if (parsed !== value) onCommit(parsed);
    } else {
      onProblem(`${spec.label} must be ${describeAllowed(schema)}; "${raw}" was not applied, the run keeps ${value}`);
    }
  };

  return (
    <div className={`field${problem ? ' field-bad' : ''}`}>
      <label htmlFor={id}>
        {spec.label}
        {spec.unit && <span className="unit"> ({spec.unit})</span>}
      </label>
      <div className="field-inputs">
        {spec.slider && min !== undefined && max !== undefined && (
          <input
            type="range"
            aria-label={`${spec.label} slider`}
            min={min}
            max={max}
            step={spec.step}
            value={value}
            disabled={disabled}
            onChange={(e) => commit(e.target.value)}
          />
        )}
        <input
          id={id}
          name={spec.key}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={spec.step}
          value={text}
          disabled={disabled}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setText(e.target.value)}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
        />
      </div>
      <div className="range-hint">{describeAllowed(schema)}</div>
      {problem && (
        <div className="field-problem" role="alert" id={`${id}-problem`}>
          {problem}
        </div>
      )}
    </div>
  );
}
