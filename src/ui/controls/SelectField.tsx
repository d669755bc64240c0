interface Props<T extends string> {
  label: string;
  name: string;
  value: T;
  options: readonly T[];
  labelOf: (option: T) => string;
  disabled: boolean;
  onChange: (value: T) => void;
}

/** A labelled drop-down over a fixed set of options. */
export function SelectField<T extends string>({ label, name, value, options, labelOf, disabled, onChange }: Props<T>) {
  return (
    <label className="select">
      {label}
      <select name={name} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {labelOf(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
