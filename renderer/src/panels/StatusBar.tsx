/**
 * The top bar: the app, the link to the engine's host, the receive and send counters, and the
 * banner for problems that belong to no field. A lost link shows the banner at once (the page
 * keeps trying; controls that need the engine are disabled until it is back). `dropped` is what
 * the receiver refused by its limits (each reason in the tooltip); `OS dropped`, what the
 * operating system lost before the engine could read it, where the OS reports it. `timing` says
 * whether the engine's thread runs at real-time priority (the reason in its tooltip when not).
 */
import type { ReceiveCountersView, ThreadPriority } from '../../../shared/ipc';
import { RECEIVE_DROP_REASONS, RECEIVE_DROP_WORDS } from '../../../shared/model/limits';
import { useApp } from '../app-context';
import { formatCount } from '../lib/format';

const COUNTERS = [
  { key: 'packets', label: 'packets' },
  { key: 'messages', label: 'messages' },
  { key: 'late', label: 'late' },
  { key: 'malformed', label: 'malformed' },
] as const;

/** Messages the receiver refused, every reason together. */
function refusedTotal(c: ReceiveCountersView | undefined): number {
  return c ? RECEIVE_DROP_REASONS.reduce((sum, r) => sum + c[r], 0) : 0;
}

/** The tooltip: each reason in words with its count. */
function refusedTitle(c: ReceiveCountersView | undefined): string {
  const lines = RECEIVE_DROP_REASONS.map(
    (r) => `${formatCount(c?.[r] ?? 0)} ${RECEIVE_DROP_WORDS[r]}`,
  );
  return `Messages the receiver refused so one sender cannot swamp the others:\n${lines.join('\n')}`;
}

/** The timing cell's tooltip. */
function priorityTitle(p: ThreadPriority): string {
  return p.kind === 'realtime'
    ? `The engine's thread runs at real-time priority (${p.policy} ${p.priority}): the system runs it as soon as a timed message is due`
    : `The engine's thread runs at normal priority, so other programs can delay a timed message by a millisecond or more: ${p.reason}`;
}

const KERNEL_TITLE =
  'Datagrams the operating system dropped before the engine could read them (its receive buffer was full)';

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
  const refused = refusedTotal(counters);
  // null: the OS does not report it; undefined: no engine state yet.
  const kernel = counters?.kernelDropped;
  const priority = useApp((s) => s.engine?.priority);
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
        <div className={refused > 0 ? 'is-warn' : ''} title={refusedTitle(counters)}>
          <dt>dropped</dt>
          <dd>
            <output data-testid="counter-dropped">{formatCount(refused)}</output>
          </dd>
        </div>
        <div
          className={(kernel ?? 0) > 0 ? 'is-warn' : ''}
          title={kernel === null ? `${KERNEL_TITLE}: this system does not report it` : KERNEL_TITLE}
        >
          <dt>OS dropped</dt>
          <dd>
            <output data-testid="counter-kernel-dropped">
              {kernel === null ? 'n/a' : formatCount(kernel ?? 0)}
            </output>
          </dd>
        </div>
        {priority && (
          <div title={priorityTitle(priority)}>
            <dt>timing</dt>
            <dd>
              <output data-testid="engine-priority">
                {priority.kind === 'realtime' ? 'real-time' : 'normal'}
              </output>
            </dd>
          </div>
        )}
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
