/**
 * Transport: start/stop (also the space bar), the beat, the timecode display, mode, tempo, accent
 * and the forward offset with its advisor.
 */
import { useId } from 'react';
import { useApp } from '../app-context';
import { OffsetAdvisor } from '../clock/OffsetAdvisor';
import { CommitField } from '../controls/CommitField';
import { FieldError } from '../controls/FieldError';
import { Panel } from '../controls/Panel';
import { parseNumber } from '../lib/parse-number';
import { isOffline } from '../store/slices/connection';
import { BeatIndicator } from './BeatIndicator';
import { ModeSelector } from './ModeSelector';
import { OffsetSlider } from './OffsetSlider';
import { ReceiverNotice } from './ReceiverNotice';
import { TimecodeDisplay } from './TimecodeDisplay';

/** A metronome number field that sends on commit and shows the engine's refusal beside it. */
function SettingNumber({
  field,
  label,
  unit,
  step,
  hint,
}: {
  field: 'bpm' | 'accentEvery';
  label: string;
  unit?: string;
  step: number;
  hint?: string;
}) {
  const value = useApp((s) => s.settings[field]);
  const error = useApp((s) => s.metronomeErrors[field]);
  const updateSettings = useApp((s) => s.updateSettings);
  const setMetronomeError = useApp((s) => s.setMetronomeError);
  const isDown = useApp(isOffline);
  const id = useId();
  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      <div className="with-unit">
        <CommitField
          id={id}
          className="num"
          size={5}
          step={step}
          value={value}
          title={hint}
          disabled={isDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-err`}
          data-testid={`setting-${field}`}
          onCommit={(text) => {
            const n = parseNumber(text);
            if (n === null) setMetronomeError(field, `Enter ${label} as a number`);
            else updateSettings({ [field]: n }, field);
          }}
        />
        {unit && <span className="unit">{unit}</span>}
      </div>
      <FieldError id={`${id}-err`} message={error} testId={`error-${field}`} />
    </div>
  );
}

/** See the file comment. */
export function TransportPanel() {
  const isRunning = useApp((s) => s.metronome?.isRunning ?? false);
  const isBusy = useApp((s) => s.isTransportBusy);
  const isDown = useApp(isOffline);
  const transportError = useApp((s) => s.metronomeErrors.transport ?? s.metronomeErrors.sync);
  const toggle = useApp((s) => s.toggleMetronome);
  const errorId = useId();

  return (
    <Panel title="Transport" className="transport" testId="transport-panel">
      <div className="transport-row">
        <button
          type="button"
          className={`transport-button ${isRunning && !isDown ? 'is-running' : ''}`}
          aria-pressed={isRunning}
          aria-keyshortcuts="Space"
          aria-describedby={errorId}
          disabled={isBusy || isDown}
          title={isDown ? 'Not connected to the engine: Start and Stop cannot reach it' : undefined}
          onClick={() => void toggle()}
          data-testid="transport-toggle"
        >
          <span className="transport-icon" aria-hidden="true" />
          <span>{isDown ? 'Offline' : isRunning ? 'Stop' : 'Start'}</span>
          <kbd aria-hidden="true">Space</kbd>
        </button>
        <BeatIndicator />
        <TimecodeDisplay />
      </div>
      <FieldError id={errorId} message={transportError} testId="transport-error" />
      <ReceiverNotice />
      <div className="transport-row transport-mode">
        <ModeSelector />
        <div className="transport-settings">
          <SettingNumber field="bpm" label="BPM" step={1} />
          <SettingNumber
            field="accentEvery"
            label="Accent every"
            unit="beats"
            step={1}
            hint="0 = no accent. Accents travel only in the extended format."
          />
        </div>
      </div>
      <OffsetSlider />
      <OffsetAdvisor />
    </Panel>
  );
}
