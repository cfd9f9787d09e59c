/** A titled region of the screen (a landmark with its heading). */
import { useId, type ReactNode } from 'react';

/** See the file comment. */
export function Panel({
  title,
  actions,
  className = '',
  children,
  testId,
}: {
  title: ReactNode;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
  testId?: string;
}) {
  const headingId = useId();
  return (
    <section className={`panel ${className}`} aria-labelledby={headingId} data-testid={testId}>
      <header className="panel-head">
        <h2 id={headingId}>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
