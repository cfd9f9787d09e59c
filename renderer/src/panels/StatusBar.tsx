/**
 * The top bar: the app, the link to the engine's host, the receive counters, and the banner for
 * problems that belong to no field (e.g. the host went away).
 */
import { useApp } from '../app-context';
import { formatCount } from '../lib/format';

const COUNTERS = [
  { key: 'packets', label: 'packets' },
  { key: 'messages', label: 'messages' },
  { key: 'late', label: 'late' },
  { key: 'malformed', label: 'malformed' },
] as const;

/** See the file comment. */
export function StatusBar() {
  const connection = useApp((s) => s.connection);
  const counters = useApp((s) => s.engine?.counters);
  const sent = useApp((s) => s.engine?.sent.packets ?? 0);
  const banner = useApp((s) => s.bannerError);
  const dismiss = useApp((s) => s.dismissBannerError);
  return (
    <header className="status-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <h1>Syncroscope</h1>
        <span className="brand-tag">OSC timetags &amp; forward sync</span>
      </div>
      <dl className="counters" aria-label="Engine counters">
        {COUNTERS.map((c) => (
          <div
            key={c.key}
            className={c.key === 'late' && (counters?.late ?? 0) > 0 ? 'is-warn' : ''}
          >
            <dt>{c.label}</dt>
            <dd>
              <output data-testid={`counter-${c.key}`}>
                {formatCount(counters?.[c.key] ?? 0)}
              </output>
            </dd>
          </div>
        ))}
        <div>
          <dt>sent</dt>
          <dd>
            <output data-testid="counter-sent">{formatCount(sent)}</output>
          </dd>
        </div>
      </dl>
      <p className={`connection connection-${connection}`}>
        <span className="status-dot" aria-hidden="true" />
        <span className="visually-hidden">Host connection: </span>
        <output data-testid="connection">{connection}</output>
      </p>
      {banner && (
        <div className="banner" role="alert">
          <span data-testid="command-error">{banner}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
            ×
          </button>
        </div>
      )}
    </header>
  );
}
