/**
 * A text field that edits a draft and commits it on Enter or when focus leaves (Escape
 * restores). While focused it keeps what is typed, so pushes from the engine never fight the
 * user's keystrokes; numbers step with the arrow keys (Shift: x10) and commit at once.
 */
import { useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'step'>;

/** See the file comment. */
export function CommitField({
  value,
  onCommit,
  step,
  format = String,
  ...input
}: InputProps & {
  value: string | number;
  /** Called with the text on commit; for numeric fields (`step` set) only when it is a number. */
  onCommit: (text: string) => void;
  /** Makes the field numeric: arrows add/subtract this. */
  step?: number;
  format?: (value: string | number) => string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? format(value);

  const commit = (text: string): void => {
    setDraft(null);
    if (text !== format(value)) onCommit(text.trim());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      commit(shown);
    } else if (e.key === 'Escape') {
      setDraft(null);
    } else if (step !== undefined && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      const n = Number(shown);
      if (!Number.isFinite(n)) return;
      const delta = (e.key === 'ArrowUp' ? 1 : -1) * step * (e.shiftKey ? 10 : 1);
      const next = Math.round((n + delta) * 1000) / 1000;
      setDraft(null);
      onCommit(String(next));
    }
  };
  return (
    <input
      type="text"
      inputMode={step === undefined ? undefined : 'decimal'}
      autoComplete="off"
      spellCheck={false}
      {...input}
      value={shown}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== null && commit(draft)}
      onKeyDown={onKeyDown}
    />
  );
}
