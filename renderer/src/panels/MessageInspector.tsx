/** The selected message in full: every argument with its type, the exact timetag, timing, sender. */
import { clockTime } from '../lib/format';
import type { MessageItem } from '../store/contract-types';

/** Splits `s:"tick"` into its type and value (the log's argument format). */
function splitArg(arg: string): { type: string; value: string } {
  const m = /^([A-Za-z]):(.*)$/s.exec(arg);
  return m
    ? { type: m[1]!, value: m[2]! }
    : { type: arg.startsWith('[') ? 'array' : arg, value: arg.startsWith('[') ? arg : '' };
}

/** See the file comment. */
export function MessageInspector({ message: m }: { message: MessageItem | null }) {
  if (!m) {
    return (
      <aside className="inspector empty" aria-label="Message details">
        Select a message to see its arguments and exact timetag.
      </aside>
    );
  }
  return (
    <aside className="inspector" aria-label="Message details" data-testid="inspector">
      <h3 className="m-address">{m.address}</h3>
      <dl>
        <dt>Arguments</dt>
        <dd>
          {m.args.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ol className="arg-list">
              {m.args.map((a, i) => {
                const { type, value } = splitArg(a);
                return (
                  <li key={i}>
                    <span className="arg-type">{type}</span>{' '}
                    <span className="arg-value">{value}</span>
                  </li>
                );
              })}
            </ol>
          )}
        </dd>
        <dt>Timetag</dt>
        <dd>
          {m.timetag ? (
            <>
              <code>{m.timetag.ntpHex}</code>
              <br />
              {m.timetag.iso}
            </>
          ) : (
            <span className="muted">none (plain message: act on arrival)</span>
          )}
        </dd>
        <dt>Classification</dt>
        <dd>
          {m.classification}
          {m.isLate ? ' · late' : ''}
          {m.isDropped ? ' · dropped' : ''}
        </dd>
        <dt>Lead</dt>
        <dd>{m.leadMs === null ? '–' : `${m.leadMs.toFixed(1)} ms`}</dd>
        <dt>Arrived</dt>
        <dd>{clockTime(m.arrivalMs)}</dd>
        <dt>From</dt>
        <dd>{m.source}</dd>
      </dl>
    </aside>
  );
}
