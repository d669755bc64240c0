import type { ToggleSpec } from '../../envs/view/types';

interface Props {
  spec: ToggleSpec;
  value: boolean;
  disabled: boolean;
  onChange: (value: boolean) => void;
}

/** A labelled checkbox for a yes/no field. */
export function ToggleField({ spec, value, disabled, onChange }: Props) {
  return (
    <div className="field">
      <label className="toggle">
        <input type="checkbox" name={spec.key} checked={value} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
        {spec.label}
      </label>
      {spec.hint && <div className="range-hint">{spec.hint}</div>}
    </div>
  );
}
