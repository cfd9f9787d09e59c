/**
 * A timecode setting's text field: a label, a field that commits on Enter or blur, and the
 * engine's refusal beside it (the field outlined), read from the timecode errors by key.
 */
import { useId, type ReactNode } from 'react';
import { useApp } from '../app-context';
import { CommitField } from '../controls/CommitField';
import { FieldError } from '../controls/FieldError';
import { isOffline } from '../store/slices/connection';
import { errorsUnder } from './error-keys';

/** The messages under `keys` (each key and anything below it), or null. */
export function useTcError(...keys: string[]): string | null {
  return useApp((s) => errorsUnder(s.timecodeErrors, keys));
}

/** See the file comment. */
export function TcField({
  label,
  value,
  errorKey,
  onCommit,
  unit,
  step,
  size,
  className = '',
  placeholder,
  testId,
  hint,
}: {
  label: ReactNode;
  value: string | number;
  errorKey: string;
  onCommit: (text: string) => void;
  unit?: string;
  step?: number;
  size?: number;
  className?: string;
  placeholder?: string;
  testId: string;
  hint?: string;
}) {
  const error = useTcError(errorKey);
  const isDown = useApp(isOffline);
  const id = useId();
  return (
    <div className={`tc-field ${className}`}>
      <label htmlFor={id}>{label}</label>
      <div className="with-unit">
        <CommitField
          id={id}
          className={step === undefined ? 'mono' : 'num'}
          size={size}
          step={step}
          value={value}
          title={hint}
          placeholder={placeholder}
          disabled={isDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-err`}
          onCommit={onCommit}
          data-testid={testId}
        />
        {unit && <span className="unit">{unit}</span>}
      </div>
      <FieldError id={`${id}-err`} message={error} testId={`${testId}-error`} />
    </div>
  );
}
