/**
 * The forward offset F: a slider that is fine near 0-100 ms and coarse up to 2 s (see
 * offset-scale.ts), plus an exact field. Dragging sends the new F at most 20 times a second, so
 * the change is heard within a beat.
 */
import { useId, type KeyboardEvent } from 'react';
import { useApp } from '../app-context';
import { CommitField } from '../controls/CommitField';
import { FieldError } from '../controls/FieldError';
import { rangeFill } from '../controls/range-fill';
import { parseNumber } from '../lib/parse-number';
import { LIMITS } from '../store/defaults';
import { isOffline } from '../store/slices/connection';
import {
  formatOffset,
  msFromPosition,
  nudgeOffset,
  positionFromMs,
  SCALE_MARKS_MS,
  SLIDER_STEPS,
} from './offset-scale';

const HELP: Record<string, string> = {
  immediate: 'No timetag in immediate mode: F has no effect until you pick offset or forward.',
  offset: 'Each tick is due F after it was sent. Make F larger than the network’s worst delay.',
  forward: 'Each beat is due F after its place on the grid. F must cover the worst delay.',
};

/** See the file comment. */
export function OffsetSlider() {
  const offsetMs = useApp((s) => s.settings.offsetMs);
  const mode = useApp((s) => s.settings.mode);
  const error = useApp((s) => s.metronomeErrors.offsetMs);
  const setOffsetLive = useApp((s) => s.setOffsetLive);
  const updateSettings = useApp((s) => s.updateSettings);
  const setMetronomeError = useApp((s) => s.setMetronomeError);
  const isDown = useApp(isOffline);
  const id = useId();
  const isInert = mode === 'immediate';

  const onSliderKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    const steps: Record<string, number> = {
      ArrowRight: 1,
      ArrowUp: 1,
      ArrowLeft: -1,
      ArrowDown: -1,
      PageUp: 10,
      PageDown: -10,
    };
    const by = steps[e.key];
    if (by === undefined) return;
    e.preventDefault();
    setOffsetLive(nudgeOffset(offsetMs, by));
  };

  return (
    <div className={`offset ${isInert ? 'is-inert' : ''}`}>
      <div className="offset-head">
        <label htmlFor={`${id}-range`} className="offset-label">
          Forward offset <var>F</var>
        </label>
        <output className="offset-readout" data-testid="offset-readout" htmlFor={`${id}-range`}>
          {formatOffset(offsetMs)}
        </output>
        <label className="offset-exact">
          <span className="visually-hidden">Forward offset in milliseconds</span>
          <CommitField
            className="num"
            size={7}
            step={1}
            value={offsetMs}
            disabled={isDown}
            aria-describedby={`${id}-help ${id}-err`}
            aria-invalid={error ? true : undefined}
            data-testid="offset-ms"
            onCommit={(text) => {
              const n = parseNumber(text);
              const { min, max } = LIMITS.offsetMs;
              if (n === null) {
                setMetronomeError('offsetMs', 'Enter the offset as a number of ms, e.g. 100');
              } else if (n < min || n > max) {
                // Not sent and not shown: the slider and readout keep what the engine holds.
                setMetronomeError(
                  'offsetMs',
                  `F must be ${min} to ${max} ms; ${text} was not applied (F is still ${formatOffset(offsetMs)}).`,
                );
              } else {
                updateSettings({ offsetMs: n }, 'offsetMs');
              }
            }}
          />
          <span aria-hidden="true">ms</span>
        </label>
      </div>
      <input
        id={`${id}-range`}
        className="offset-range"
        type="range"
        min={0}
        max={SLIDER_STEPS}
        step={1}
        value={positionFromMs(offsetMs)}
        style={rangeFill(positionFromMs(offsetMs), 0, SLIDER_STEPS)}
        aria-valuetext={formatOffset(offsetMs)}
        aria-describedby={`${id}-help ${id}-err`}
        aria-invalid={error ? true : undefined}
        disabled={isDown}
        data-testid="offset-slider"
        onKeyDown={onSliderKey}
        onChange={(e) => setOffsetLive(msFromPosition(Number(e.target.value)))}
      />
      <div className="offset-scale" aria-hidden="true">
        {SCALE_MARKS_MS.map((ms) => (
          <span key={ms} style={{ left: `${(positionFromMs(ms) / SLIDER_STEPS) * 100}%` }}>
            {ms >= 1000 ? `${ms / 1000} s` : ms}
          </span>
        ))}
      </div>
      <p className="hint" id={`${id}-help`}>
        {HELP[mode]}
      </p>
      <FieldError id={`${id}-err`} message={error} testId="offset-error" />
    </div>
  );
}
