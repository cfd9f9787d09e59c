/**
 * The cues and triggers the master received, newest first: when, the address and its text, the
 * master's label at that moment (or at the cue's timetag), the label the sender attached, and
 * how far apart the two are in frames and ms: 0 when the client's time is the master's.
 */
import { useStore } from 'zustand';
import { useApp } from '../app-context';
import { clockTime } from '../lib/format';
import type { CueLogItem } from './timecode-types';

const SHOWN = 50;

const signed = (n: number, digits: number): string => {
  const shown = Number(n.toFixed(digits)); // float noise (5e-9 frames) is 0, not "+0"
  return `${shown > 0 ? '+' : ''}${shown.toFixed(digits)}`;
};

function Difference({ cue }: { cue: CueLogItem }) {
  if (cue.diffFrames === null || cue.diffMs === null) return <span className="tc-muted">–</span>;
  const tone =
    Math.abs(cue.diffFrames) < 1
      ? 'is-good'
      : Math.abs(cue.diffFrames) <= 2
        ? 'is-fair'
        : 'is-poor';
  return (
    <span className={`tc-diff-value ${tone}`}>
      <span>{signed(cue.diffFrames, 0)} fr</span>
      <span>{signed(cue.diffMs, 1)} ms</span>
    </span>
  );
}

/** See the file comment. */
export function CueLog() {
  const live = useApp((s) => s.timecodeLive);
  useStore(live, (s) => s.cueVersion);
  const cuesReceived = useApp((s) => s.timecode?.master.cuesReceived ?? 0);
  const cues = live.getState().cues.newest(SHOWN);
  return (
    <div className="tc-section tc-cue-log">
      <div className="tc-subhead">
        <h3>Cues the master heard</h3>
        <span className="hint" data-testid="timecode-cues-received">
          {cuesReceived} received
        </span>
        <button
          type="button"
          disabled={cues.length === 0}
          onClick={() => live.getState().clearCues()}
          data-testid="timecode-cue-log-clear"
        >
          Clear
        </button>
      </div>
      {cues.length === 0 ? (
        <p className="empty">Nothing yet: cues from a client (or the buttons above) land here.</p>
      ) : (
        <table className="tc-log-table">
          <thead>
            <tr>
              <th scope="col">at</th>
              <th scope="col">cue</th>
              <th scope="col">master</th>
              <th scope="col">sender</th>
              <th scope="col" title="master label − sender label">
                Δ
              </th>
            </tr>
          </thead>
          <tbody>
            {cues.map((c, i) => (
              <tr
                key={`${c.arrivalMs}-${i}`}
                data-testid="timecode-cue-log-item"
                title={
                  c.timetag
                    ? `timetag ${c.timetag} · from ${c.source}`
                    : `plain message · from ${c.source}`
                }
              >
                <td className="mono tc-muted">{clockTime(c.arrivalMs)}</td>
                <td>
                  <span className="mono">{c.address}</span>
                  {c.text !== null && <span className="tc-cue-text"> {c.text}</span>}
                </td>
                <td className="mono">{c.masterLabel ?? '–'}</td>
                <td className="mono">{c.senderLabel ?? '–'}</td>
                <td className="mono tc-diff">
                  <Difference cue={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
