import { useId, useState, useEffect } from 'react';
import type { z } from 'zod';
import { describeAllowed, numberBounds } from '../../scenario/validate';
import { FieldShell, typedInputProps } from './FieldShell';
import type { FieldSpec } from '../../envs/view/types';

interface Props {
  spec: FieldSpec;
  schema: z.ZodType;
  value: number;
  disabled: boolean;
  problem?: string;
  onCommit: (value: number) => void;
  onProblem: (message: string | null) => void;
}

/** The input's range; an exclusive bound moves in by one step, so the slider's ends are valid values. */
function bounds(schema: z.ZodType, step: number): { min?: number; max?: number } {
  const { lower, upper } = numberBounds(schema);
  return {
    min: lower && (lower.inclusive ? lower.value : lower.value + step),
    max: upper && (upper.inclusive ? upper.value : upper.value - step),
  };
}

/** A log slider moves in hundredths of a decade. */
const LOG_STEP = 0.01;

/** The value at a log slider's position: 10^position to two significant digits, on the field's step grid. */
function fromLogPosition(position: number, step: number): number {
  const v = Number((10 ** position).toPrecision(2));
  const digits = Math.max(0, Math.ceil(-Math.log10(step)));
  return Math.max(step, Number((Math.round(v / step) * step).toFixed(digits)));
}

/** A labelled number box (and optional slider) that only commits values the schema accepts. */
export function NumberField({ spec, schema, value, disabled, problem, onCommit, onProblem }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const { min, max } = bounds(schema, spec.step);

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
    <FieldShell
      id={id}
      label={
        <>
          {spec.label}
          {spec.unit && <span className="unit"> ({spec.unit})</span>}
        </>
      }
      hint={describeAllowed(schema)}
      problem={problem}
    >
      {spec.slider && min !== undefined && max !== undefined && (
        <input
          type="range"
          aria-label={`${spec.label} slider`}
          {...(spec.slider === 'log'
            ? { min: Math.log10(min), max: Math.log10(max), step: LOG_STEP, value: Math.log10(value) }
            : { min, max, step: spec.step, value })}
          disabled={disabled}
          onChange={(e) => commit(spec.slider === 'log' ? String(fromLogPosition(Number(e.target.value), spec.step)) : e.target.value)}
        />
      )}
      <input
        name={spec.key}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={spec.step}
        value={text}
        disabled={disabled}
        {...typedInputProps(id, problem, setText, commit)}
      />
    </FieldShell>
  );
}
