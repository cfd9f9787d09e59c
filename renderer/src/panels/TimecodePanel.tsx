/**
 * SMPTE timecode over OSC, as the seed's master and client do it: the role (off, master, client,
 * or both on this computer), the rate and counting, plain or forward-synchronized frames, the
 * master's transport and targets; the client's cues (sent now, or from a list at their labels),
 * the cues the master heard, and the client's error per frame. The time itself shows beside the
 * transport (TimecodeDisplay).
 */
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { Panel } from '../controls/Panel';
import { CueListEditor } from '../timecode/CueListEditor';
import { CueLog } from '../timecode/CueLog';
import { CueSender } from '../timecode/CueSender';
import { ErrorPlot } from '../timecode/ErrorPlot';
import { useTcError } from '../timecode/TcField';
import { TimecodeRoleSettings } from '../timecode/TimecodeRoleSettings';
import { TimecodeTargets } from '../timecode/TimecodeTargets';
import { TimecodeTransportControls } from '../timecode/TimecodeTransportControls';

/** See the file comment. */
export function TimecodePanel() {
  const role = useApp((s) => s.timecodeSettings.role);
  const syncError = useTcError('sync');
  const hasMaster = role === 'master' || role === 'pair';
  const hasClient = role === 'client' || role === 'pair';
  return (
    <Panel title="Timecode" className={`timecode is-${role}`} testId="timecode-panel">
      <FieldError id="timecode-sync-error" message={syncError} testId="timecode-sync-error" />
      <div className="tc-columns">
        <div className="tc-column">
          <TimecodeRoleSettings />
          {hasMaster && <TimecodeTransportControls />}
          {hasMaster && <TimecodeTargets />}
        </div>
        {role !== 'off' && (
          <div className="tc-column">
            {hasClient && <CueSender />}
            {hasClient && <CueListEditor />}
            {hasMaster && <CueLog />}
            {hasClient && <ErrorPlot />}
          </div>
        )}
      </div>
    </Panel>
  );
}
