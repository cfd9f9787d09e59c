/**
 * The master's transport: Start (from where it stands), Pause, Stop (back to the start label),
 * the start label, and Locate to any label. At drop-frame one click locates two seconds before
 * minute 1, to watch the display jump over the labels it skips.
 */
import { useId, useState } from 'react';
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { isOffline } from '../store/slices/connection';
import { TcField, useTcError } from './TcField';

/** Two seconds before the first minute that skips labels (written with ';': drop-frame). */
const BEFORE_FIRST_SKIP = '00:00:58;00';

/** See the file comment. */
export function TimecodeTransportControls() {
  const state = useApp((s) => s.timecode?.master.state ?? 'stopped');
  const startLabel = useApp((s) => s.timecodeSettings.startLabel);
  const isDropFrame = useApp((s) => s.timecodeSettings.dropFrame);
  const isBusy = useApp((s) => s.isTimecodeBusy);
  const isDown = useApp(isOffline);
  const transport = useApp((s) => s.timecodeTransport);
  const locate = useApp((s) => s.locateTimecode);
  const update = useApp((s) => s.updateTimecode);
  const transportError = useTcError('transport');
  const locateError = useTcError('locate');
  const [target, setTarget] = useState('00:00:10:00');
  const id = useId();
  const isRunning = state === 'running';

  return (
    <div className="tc-section">
      <div className="tc-row tc-transport">
        <button
          type="button"
          className={`tc-start ${isRunning ? 'is-running' : ''}`}
          aria-pressed={isRunning}
          aria-describedby={`${id}-err`}
          disabled={isDown || isBusy || isRunning}
          onClick={() => void transport('start')}
          data-testid="timecode-start"
        >
          Start
        </button>
        <button
          type="button"
          disabled={isDown || isBusy || !isRunning}
          onClick={() => void transport('pause')}
          data-testid="timecode-pause"
        >
          Pause
        </button>
        <button
          type="button"
          disabled={isDown || isBusy || state === 'stopped'}
          onClick={() => void transport('stop')}
          data-testid="timecode-stop"
        >
          Stop
        </button>
        <TcField
          label="Start at"
          className="tc-label-field"
          value={startLabel}
          size={11}
          errorKey="startLabel"
          hint="The master's label at Start, and again after Stop"
          onCommit={(label) => update({ startLabel: label }, 'startLabel')}
          testId="timecode-start-label"
        />
      </div>
      <FieldError id={`${id}-err`} message={transportError} testId="timecode-transport-error" />
      <form
        className="tc-row tc-locate"
        onSubmit={(e) => {
          e.preventDefault();
          void locate(target.trim());
        }}
      >
        <label className="tc-inline">
          <span>Locate to</span>
          <input
            type="text"
            className="mono"
            size={11}
            value={target}
            spellCheck={false}
            autoComplete="off"
            disabled={isDown}
            aria-invalid={locateError ? true : undefined}
            aria-describedby={`${id}-loc`}
            onChange={(e) => setTarget(e.target.value)}
            data-testid="timecode-locate-label"
          />
        </label>
        <button type="submit" disabled={isDown || isBusy} data-testid="timecode-locate">
          Locate
        </button>
        {isDropFrame && (
          <button
            type="button"
            disabled={isDown || isBusy}
            title="Locates two seconds before minute 1: watch the display jump over the labels drop-frame skips"
            onClick={() => {
              setTarget(BEFORE_FIRST_SKIP);
              void locate(BEFORE_FIRST_SKIP);
            }}
            data-testid="timecode-watch-skip"
          >
            Watch a skip
          </button>
        )}
      </form>
      <FieldError id={`${id}-loc`} message={locateError} testId="timecode-locate-error" />
    </div>
  );
}
