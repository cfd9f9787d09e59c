/**
 * Everything the receiver got, newest first: address, arguments, classification, timetag (UTC
 * and NTP hex), lead and sender. Held in the live store's ring (the last 1000); the list
 * re-renders at most 10 times a second and shows the newest 200 that pass the filter. Select a
 * line (click, or arrow keys in the list) to inspect it.
 */
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useApp, useServices } from '../app-context';
import { Panel } from '../controls/Panel';
import { clockTime, formatCount } from '../lib/format';
import { messageFilter } from '../lib/message-filter';
import type { FrameTask } from '../plot/frame-loop';
import type { MessageItem } from '../store/contract-types';
import { MessageInspector } from './MessageInspector';

const SHOWN = 200;
const REFRESH_MS = 100;

/** One line; its text reads `/address args · class @ UTC · ntp … · lead … ms · from source`. */
function MessageLine({ m }: { m: MessageItem }) {
  return (
    <>
      <time className="m-time">{clockTime(m.arrivalMs)}</time>{' '}
      <span className="m-address">{m.address}</span>{' '}
      <span className="m-args">{m.args.join(' ')}</span>
      <span className="m-sep"> · </span>
      <span className={`m-class m-${m.classification}`}>{m.classification}</span>
      {m.isDropped && <span className="m-dropped"> (dropped)</span>}
      {m.timetag && (
        <>
          <span className="m-sep"> @ </span>
          <span className="m-utc">{m.timetag.iso}</span>
          <span className="m-sep"> · </span>
          <span className="m-ntp">{m.timetag.ntpHex}</span>
        </>
      )}
      {m.leadMs !== null && (
        <>
          <span className="m-sep"> · </span>
          <span className={`m-lead ${m.leadMs < 0 ? 'is-late' : ''}`}>
            lead {m.leadMs.toFixed(1)} ms
          </span>
        </>
      )}
      <span className="m-sep"> · </span>
      <span className="m-source">from {m.source}</span>
    </>
  );
}

/** See the file comment. */
export function MessageLog() {
  const { live, frames } = useServices();
  const filter = useApp((s) => s.logFilter);
  const showTicks = useApp((s) => s.showTicks);
  const isPaused = useApp((s) => s.isLogPaused);
  const setFilter = useApp((s) => s.setLogFilter);
  const setShowTicks = useApp((s) => s.setShowTicks);
  const setPaused = useApp((s) => s.setLogPaused);
  const clearLog = useApp((s) => s.clearLog);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<MessageItem | null>(null);
  const id = useId();

  useEffect(() => {
    if (isPaused) return;
    let renderedAt = -Infinity;
    const refresh: FrameTask = (nowMs) => {
      if (nowMs - renderedAt < REFRESH_MS) return true; // try again next frame
      renderedAt = nowMs;
      setVersion(live.getState().messageVersion);
    };
    frames.schedule(refresh);
    const off = live.subscribe((s, prev) => {
      if (s.messageVersion !== prev.messageVersion) frames.schedule(refresh);
    });
    return () => {
      off();
      frames.cancel(refresh);
    };
  }, [live, frames, isPaused]);

  const ring = live.getState().messages;
  const shown = useMemo(
    () => ring.newest(SHOWN, messageFilter(filter, showTicks)),
    // `version` is the ring's change counter: a new version means new contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ring, version, filter, showTicks],
  );
  const selectedIndex = selected ? shown.indexOf(selected) : -1;

  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const last = shown.length - 1;
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? last
          : selectedIndex + (e.key === 'ArrowDown' ? 1 : -1);
    const m = shown[Math.max(0, Math.min(last, next))];
    if (m) setSelected(m);
  };

  return (
    <Panel
      title="Messages received"
      className="messages"
      testId="messages-panel"
      actions={
        <>
          <label className="filter">
            <span className="visually-hidden">Filter messages</span>
            <input
              type="search"
              placeholder="Filter: text or /py*"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              data-testid="log-filter"
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={showTicks}
              onChange={(e) => setShowTicks(e.target.checked)}
              data-testid="log-show-ticks"
            />
            Ticks
          </label>
          <button
            type="button"
            aria-pressed={isPaused}
            onClick={() => setPaused(!isPaused)}
            data-testid="log-pause"
          >
            {isPaused ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            onClick={() => {
              clearLog();
              setSelected(null);
              setVersion(live.getState().messageVersion); // at once, not at the next refresh
            }}
            data-testid="log-clear"
          >
            Clear
          </button>
        </>
      }
    >
      <div className="messages-body">
        <div className="log">
          <p className="log-count muted" aria-live="off" data-testid="log-count">
            {isPaused ? 'Paused · ' : ''}
            showing {formatCount(shown.length)} of {formatCount(ring.size)} kept ·{' '}
            {formatCount(ring.total)} received
          </p>
          {shown.length === 0 ? (
            <p className="empty">
              {ring.size === 0
                ? 'Nothing received yet. Start listening, then send from the composer, Pd or Python.'
                : 'No message matches the filter.'}
            </p>
          ) : (
            <ol
              className="log-list"
              role="listbox"
              aria-label="Received messages, newest first"
              tabIndex={0}
              aria-activedescendant={selectedIndex >= 0 ? `${id}-${selectedIndex}` : undefined}
              onKeyDown={onKeyDown}
              data-testid="message-list"
            >
              {shown.map((m, i) => (
                <li
                  key={`${m.arrivalMs}-${m.source}-${i}`}
                  id={`${id}-${i}`}
                  role="option"
                  aria-selected={i === selectedIndex}
                  className={`log-line ${m.isLate ? 'is-late' : ''}`}
                  onClick={() => setSelected(m)}
                  data-testid="message-item"
                >
                  <MessageLine m={m} />
                </li>
              ))}
            </ol>
          )}
        </div>
        <MessageInspector message={selected} />
      </div>
    </Panel>
  );
}
