/** A peer typed by hand (host:port): always possible, whatever discovery found. */
import { useState, type FormEvent } from 'react';
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { isOffline } from '../store/slices/connection';
import { parseEndpoint } from './endpoint';

const FIELD = 'manual';

/** See the file comment. */
export function ManualPeer() {
  const [text, setText] = useState('');
  const error = useApp((s) => s.peersErrors[FIELD]);
  const setError = useApp((s) => s.setPeersError);
  const addMetronome = useApp((s) => s.addPeerAsMetronomeTarget);
  const addTimecode = useApp((s) => s.addPeerAsTimecodeTarget);
  const isDown = useApp(isOffline);

  const add = (as: 'metronome' | 'timecode') => (e?: FormEvent) => {
    e?.preventDefault();
    const parsed = parseEndpoint(text);
    if ('error' in parsed) return setError(FIELD, parsed.error);
    const isAdded = as === 'metronome' ? addMetronome(parsed, FIELD) : addTimecode(parsed, FIELD);
    if (isAdded) setText('');
  };

  return (
    <form className="manual-peer" onSubmit={add('metronome')} data-testid="manual-peer">
      <label>
        <span>Peer (host:port)</span>
        <input
          type="text"
          value={text}
          placeholder="192.168.1.20:8000"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'manual-peer-error' : undefined}
          onChange={(e) => {
            setText(e.target.value);
            if (error) setError(FIELD, null);
          }}
          data-testid="manual-peer-input"
        />
      </label>
      <button type="submit" disabled={isDown} data-testid="manual-add-metronome">
        + Metronome target
      </button>
      <button
        type="button"
        disabled={isDown}
        onClick={add('timecode')}
        data-testid="manual-add-timecode"
      >
        + Timecode target
      </button>
      <FieldError id="manual-peer-error" message={error} testId="manual-peer-error" />
    </form>
  );
}
