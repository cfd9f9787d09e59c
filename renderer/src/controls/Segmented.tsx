/** A row of mutually exclusive choices (radio buttons styled as one segmented control). */
import { useId, type ReactNode } from 'react';

/** One choice. */
export interface SegmentOption<V extends string> {
  value: V;
  label: ReactNode;
  testId?: string;
}

/** See the file comment. */
export function Segmented<V extends string>({
  legend,
  options,
  value,
  onChange,
  describedBy,
  className = '',
  isInvalid = false,
  isDisabled = false,
}: {
  legend: string;
  options: readonly SegmentOption<V>[];
  value: V;
  onChange: (value: V) => void;
  describedBy?: string;
  className?: string;
  /** Outlined: an error beside it is about this choice. */
  isInvalid?: boolean;
  isDisabled?: boolean;
}) {
  const name = useId();
  return (
    <fieldset
      className={`segmented ${className}`}
      aria-describedby={describedBy}
      aria-invalid={isInvalid ? true : undefined}
      disabled={isDisabled}
    >
      <legend className="visually-hidden">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className={o.value === value ? 'is-selected' : undefined}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={o.value === value}
            onChange={() => onChange(o.value)}
            data-testid={o.testId}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
