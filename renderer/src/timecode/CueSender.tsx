/**
 * The client's cues sent now: the seed client's four (two carry the timecode label as a second
 * argument, as its `_tc` addresses do) and one of the user's own (address, text, and whether the
 * label follows), each a bundle timetagged at the client's current frame. As a client they go to
 * the cue target (the master's port; the seed's is 5005); as a pair, to this engine's receiver.
 */
import { useId, useState } from 'react';
import { SEED_CUES } from '../../../shared/timecode';
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { isOffline } from '../store/slices/connection';
import { TcField, useTcError } from './TcField';

function CueTarget() {
  const target = useApp((s) => s.timecodeSettings.cueTarget);
  const update = useApp((s) => s.updateTimecode);
  const setError = useApp((s) => s.setTimecodeError);
  return (
    <div className="tc-row">
      <TcField
        label="Cues to"
        className="tc-host"
        value={target.host}
        size={14}
        errorKey="cueTarget.host"
        onCommit={(host) => update({ cueTarget: { ...target, host } }, 'cueTarget')}
        testId="timecode-cue-host"
      />
      <TcField
        label="Port"
        value={target.port}
        size={6}
        step={1}
        errorKey="cueTarget.port"
        onCommit={(text) => {
          if (/^\d+$/.test(text))
            update({ cueTarget: { ...target, port: Number(text) } }, 'cueTarget');
          else setError('cueTarget.port', 'The port must be a whole number from 1 to 65535');
        }}
        testId="timecode-cue-port"
      />
    </div>
  );
}

/** See the file comment. */
export function CueSender() {
  const role = useApp((s) => s.timecodeSettings.role);
  const lastCue = useApp((s) => s.lastCue);
  const cueTargetError = useApp((s) => s.timecode?.targetErrors.cueTarget ?? null);
  const sendCue = useApp((s) => s.sendCue);
  const isDown = useApp(isOffline);
  const error = useTcError('cue-now');
  const [address, setAddress] = useState('/cue/custom');
  const [text, setText] = useState('My cue');
  const [withTimecode, setWithTimecode] = useState(true);
  const id = useId();
  const send = (a: string, t: string, tc: boolean): void =>
    void sendCue(
      { address: a, args: t === '' ? [] : [{ type: 's', value: t }], withTimecode: tc },
      'cue-now',
    );

  return (
    <div className="tc-section">
      <div className="tc-subhead">
        <h3>Send a cue now</h3>
        <span className="hint">timetagged at the client’s frame</span>
      </div>
      {role === 'client' && <CueTarget />}
      <div className="tc-cue-buttons" role="group" aria-label="The seed client's cues">
        {SEED_CUES.map((c, i) => (
          <button
            key={c.address}
            type="button"
            disabled={isDown}
            aria-describedby={`${id}-err`}
            title={`${c.address} "${c.text}"${c.withTimecode ? ' + the timecode label' : ''}`}
            onClick={() => send(c.address, c.text, c.withTimecode)}
            data-testid={`timecode-seed-cue-${i}`}
          >
            <span className="mono">{c.address}</span>
            <span className="tc-cue-text">{c.text}</span>
          </button>
        ))}
      </div>
      <form
        className="tc-row tc-custom-cue"
        onSubmit={(e) => {
          e.preventDefault();
          send(address.trim(), text, withTimecode);
        }}
      >
        <label className="tc-inline">
          <span className="visually-hidden">Cue address</span>
          <input
            type="text"
            className="mono"
            size={12}
            value={address}
            spellCheck={false}
            autoComplete="off"
            disabled={isDown}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-err`}
            onChange={(e) => setAddress(e.target.value)}
            data-testid="timecode-custom-address"
          />
        </label>
        <label className="tc-inline tc-grow">
          <span className="visually-hidden">Cue text</span>
          <input
            type="text"
            value={text}
            autoComplete="off"
            disabled={isDown}
            onChange={(e) => setText(e.target.value)}
            data-testid="timecode-custom-text"
          />
        </label>
        <label className="tc-check" title="Append the client's label as a last string argument">
          <input
            type="checkbox"
            checked={withTimecode}
            disabled={isDown}
            onChange={(e) => setWithTimecode(e.target.checked)}
            data-testid="timecode-custom-with-tc"
          />
          + timecode
        </label>
        <button type="submit" disabled={isDown} data-testid="timecode-custom-send">
          Send
        </button>
      </form>
      <FieldError id={`${id}-err`} message={error ?? cueTargetError} testId="timecode-cue-error" />
      {lastCue && (
        <p className="hint" data-testid="timecode-last-cue">
          Sent <span className="mono">{lastCue.address}</span>{' '}
          {lastCue.label ? `at ${lastCue.label}` : 'with no label (the client has no timecode yet)'}
          {lastCue.timetag ? `, timetag ${lastCue.timetag}` : ''}
        </p>
      )}
    </div>
  );
}
