/**
 * The place of the clock-sync and SMPTE master/client panel (they arrive with their engine
 * parts); the timecode itself shows beside the transport (TimecodeDisplay).
 */
import { Panel } from '../controls/Panel';

/** See the file comment. */
export function TimecodePanel() {
  return (
    <Panel title="Clock sync & timecode" className="timecode" testId="timecode-panel">
      <dl className="clock-sync">
        <div>
          <dt>Peer clock offset</dt>
          <dd>–</dd>
        </div>
        <div>
          <dt>Sync error p95</dt>
          <dd>–</dd>
        </div>
        <div>
          <dt>Timecode role</dt>
          <dd>–</dd>
        </div>
      </dl>
      <p className="hint">
        Coming next: clock sync between machines, and the SMPTE master/client (/sync/timecode, cues)
        whose time shows beside the transport.
      </p>
    </Panel>
  );
}
