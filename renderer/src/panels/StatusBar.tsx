/**
 * The top bar: the app, the link to the engine's host, the receive and send counters, and the
 * banner for problems that belong to no field. A lost link shows the banner at once (the page
 * keeps trying; controls that need the engine are disabled until it is back).
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
  // Every datagram this engine sent: the metronome's ticks and the composer's messages.
  const sent = useApp((s) => (s.engine?.sent.packets ?? 0) + (s.metronome?.counters.packets ?? 0));
  const banner = useApp((s) => s.bannerError);
  const connectionProblem = useApp((s) =>
    s.connection === 'open'
      ? null
      : s.wasEverOpen
        ? 'Connection to the Syncroscope engine lost: reconnecting. Controls are disabled and the figures are from before the loss until it is back.'
        : 'Connecting to the Syncroscope engine…',
  );
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
        <div title="Datagrams sent: the metronome's ticks and the composer's messages">
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
      {connectionProblem && (
        <div className="banner is-connection" role="alert" data-testid="connection-banner">
          <span>{connectionProblem}</span>
        </div>
      )}
      {banner && !connectionProblem && (
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
