/**
 * The SMPTE display beside the transport: the running timecode, large, with its rate, DF/NDF and
 * the roles' states; the master's label and the last label heard under it; the counting rule in
 * one line; and in a role that sends, the plain/forward switch the SMPTE example is about. The
 * labels change at each frame's instant, written by the frame loop (use-timecode-display.ts),
 * never through React state.
 */
import { useId, useMemo, useRef } from 'react';
import { settingsTimebase } from '../../../shared/ipc/domains/timecode';
import { useApp } from '../app-context';
import { Segmented } from '../controls/Segmented';
import { isOffline } from '../store/slices/connection';
import { countingRule } from '../timecode/counting-rule';
import { clientWords, masterWords, type StateWords } from '../timecode/lock-state';
import { useTimecodeDisplay, type DisplayRefs } from '../timecode/use-timecode-display';

function Chip({ words, testId }: { words: StateWords; testId: string }) {
  return (
    <span className={`tc-chip ${words.tone}`} title={words.detail} data-testid={testId}>
      {words.text}
    </span>
  );
}

/** See the file comment. */
export function TimecodeDisplay() {
  const settings = useApp((s) => s.timecodeSettings);
  const masterState = useApp((s) => s.timecode?.master.state ?? 'stopped');
  const clientState = useApp((s) => s.timecode?.client.state ?? 'stopped');
  const updateTimecode = useApp((s) => s.updateTimecode);
  const isDown = useApp(isOffline);
  const main = useRef<HTMLOutputElement>(null);
  const master = useRef<HTMLSpanElement>(null);
  const heard = useRef<HTMLSpanElement>(null);
  const skip = useRef<HTMLSpanElement>(null);
  const refs = useMemo<DisplayRefs>(() => ({ main, master, heard, skip }), []);
  useTimecodeDisplay(refs);
  const ruleId = useId();

  const { role } = settings;
  const tb = settingsTimebase(settings);
  const isOff = role === 'off';
  const hasMaster = role === 'master' || role === 'pair';
  const hasClient = role === 'client' || role === 'pair';
  const rate = tb === null ? settings.rate : tb.name.includes(' ') ? tb.name : `${tb.name} fps`;

  return (
    <div className={`tc-display ${isOff ? 'is-off' : ''}`} data-testid="timecode-display">
      <div className="tc-head">
        <span className="timecode-label">SMPTE</span>
        <span className="tc-rate" data-testid="timecode-display-rate">
          {rate}
        </span>
        {hasMaster && <Chip words={masterWords(masterState)} testId="timecode-master-state" />}
        {hasClient && <Chip words={clientWords(clientState)} testId="timecode-client-state" />}
      </div>
      <output
        className={`tc-lcd ${hasClient ? `is-${clientState}` : `is-${masterState}`}`}
        ref={main}
        aria-label={`SMPTE timecode of the ${role === 'master' ? 'master' : 'client'}`}
        aria-describedby={ruleId}
        aria-live="off"
        data-testid="timecode-label"
      />
      <span className="tc-skip" ref={skip} aria-hidden="true" data-testid="timecode-skip" />
      {isOff ? (
        <p className="tc-rule" id={ruleId} data-testid="timecode-rule">
          Timecode is off: pick a role in the Timecode panel, or the SMPTE example.
        </p>
      ) : (
        <>
          <div className="tc-lines">
            {role === 'pair' && (
              <span title="The master's label of the frame it sent last (at its instant).">
                master <span className="tc-small" ref={master} data-testid="timecode-master" />
              </span>
            )}
            {hasClient && (
              <span title="The last label the client received, shown at its timetag (forward) or its arrival (plain).">
                heard <span className="tc-small" ref={heard} data-testid="timecode-heard" />
              </span>
            )}
          </div>
          <p className="tc-rule" id={ruleId} data-testid="timecode-rule">
            {tb === null ? `Drop-frame does not exist at ${settings.rate} fps.` : countingRule(tb)}
          </p>
        </>
      )}
      {hasMaster && (
        <Segmented
          legend="Timecode frames"
          className="tc-mode"
          value={settings.sendMode}
          isDisabled={isDown}
          onChange={(sendMode) => updateTimecode({ sendMode }, 'sendMode')}
          options={[
            { value: 'plain', label: 'Plain', testId: 'timecode-display-plain' },
            {
              value: 'forward',
              label: `Forward F = ${settings.forwardMs} ms`,
              testId: 'timecode-display-forward',
            },
          ]}
        />
      )}
    </div>
  );
}
