/**
 * The client's cue list: at each label the client sends the cue, timetagged at that frame's
 * instant (so the master can act on it then too), while it follows the master. Each row: label,
 * address, arguments (the composer's syntax), and whether the label follows as a last argument;
 * rows are added and removed here, and a refusal is said on its own row.
 */
import { useId } from 'react';
import { TIMECODE_LIMITS } from '../../../shared/timecode';
import { useApp } from '../app-context';
import { CommitField } from '../controls/CommitField';
import { FieldError } from '../controls/FieldError';
import { parseComposeArgs } from '../lib/compose-args';
import { isOffline } from '../store/slices/connection';
import { cueArgsText } from './cue-args-text';
import { rowErrors } from './error-keys';
import { useTcError } from './TcField';
import type { CueListEntryView } from './timecode-types';

function CueRow({ cue, index }: { cue: CueListEntryView; index: number }) {
  const all = useApp((s) => s.timecodeErrors);
  const updateCue = useApp((s) => s.updateCue);
  const removeCue = useApp((s) => s.removeCue);
  const setError = useApp((s) => s.setTimecodeError);
  const isDown = useApp(isOffline);
  const id = useId();
  const errors = rowErrors(all, `cue:${cue.id}`);
  const message = Object.values(errors).join(' ') || null;
  const invalid = (field: string) =>
    Object.keys(errors).some((k) => k === field || k.startsWith(`${field}.`)) ? true : undefined;
  const name = `Cue ${index + 1}`;
  return (
    <li className="tc-cue-row" data-testid={`timecode-cue-${cue.id}`}>
      <div className="tc-cue-fields">
        <label>
          <span className="visually-hidden">{name} label</span>
          <CommitField
            className="mono"
            size={11}
            value={cue.label}
            disabled={isDown}
            aria-invalid={invalid('label')}
            aria-describedby={`${id}-err`}
            onCommit={(label) => updateCue(cue.id, { label })}
            data-testid="timecode-cue-label"
          />
        </label>
        <label>
          <span className="visually-hidden">{name} address</span>
          <CommitField
            className="mono"
            size={14}
            value={cue.address}
            disabled={isDown}
            aria-invalid={invalid('address')}
            aria-describedby={`${id}-err`}
            onCommit={(address) => updateCue(cue.id, { address })}
            data-testid="timecode-cue-address"
          />
        </label>
        <label className="tc-grow">
          <span className="visually-hidden">{name} arguments</span>
          <CommitField
            value={cueArgsText(cue.args)}
            disabled={isDown}
            aria-invalid={invalid('args')}
            aria-describedby={`${id}-err`}
            onCommit={(text) => {
              const parsed = parseComposeArgs(text);
              if (parsed.ok) updateCue(cue.id, { args: parsed.args });
              else setError(`cue:${cue.id}.args`, `Arguments: ${parsed.error}`);
            }}
            data-testid="timecode-cue-args"
          />
        </label>
        <label
          className="tc-check"
          title="Append the label as a last string argument (the seed's _tc cues)"
        >
          <input
            type="checkbox"
            checked={cue.withTimecode}
            disabled={isDown}
            onChange={(e) => updateCue(cue.id, { withTimecode: e.target.checked })}
            data-testid="timecode-cue-with-tc"
          />
          <span className="visually-hidden">{name}: attach the timecode</span>
          <span aria-hidden="true">tc</span>
        </label>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove cue ${index + 1}`}
          title="Remove"
          disabled={isDown}
          onClick={() => removeCue(cue.id)}
          data-testid="timecode-cue-remove"
        >
          ×
        </button>
      </div>
      <FieldError id={`${id}-err`} message={message} testId="timecode-cue-error" />
    </li>
  );
}

/** See the file comment. */
export function CueListEditor() {
  const cues = useApp((s) => s.timecodeSettings.cueList);
  const add = useApp((s) => s.addCue);
  const isDown = useApp(isOffline);
  const listError = useTcError('cueList');
  return (
    <div className="tc-section tc-cue-list">
      <div className="tc-subhead">
        <h3>Cue list</h3>
        <span className="hint">tc: the label is attached</span>
        <button
          type="button"
          disabled={isDown || cues.length >= TIMECODE_LIMITS.cueList.max}
          onClick={add}
          data-testid="timecode-cue-add"
        >
          + Add cue
        </button>
      </div>
      {cues.length === 0 ? (
        <p className="empty">No cues: add one to fire at a label.</p>
      ) : (
        <ol className="tc-cue-rows">
          {cues.map((c, i) => (
            <CueRow key={c.id} cue={c} index={i} />
          ))}
        </ol>
      )}
      <FieldError
        id="timecode-cue-list-error"
        message={listError}
        testId="timecode-cue-list-error"
      />
    </div>
  );
}
