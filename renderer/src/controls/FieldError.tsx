/** A field's error in plain words, announced to screen readers, placed right beside the field. */

/** See the file comment. */
export function FieldError({
  id,
  message,
  testId,
}: {
  id: string;
  message?: string | null;
  testId?: string;
}) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
