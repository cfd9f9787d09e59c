/**
 * The workshop's examples as one-click setups, each with what it sets up and what to listen
 * for. Clicking one sets the receive port, the metronome and the composer (presets/presets.ts).
 * A preset stays marked only while the settings are still its own, and what stopped it from
 * taking (a port in use) is said right under it, where the participant just clicked.
 */
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { isPresetIntact, PRESETS } from '../presets/presets';
import { isOffline } from '../store/slices/connection';

/** See the file comment. */
export function PresetList() {
  const presetId = useApp((s) => s.presetId);
  const receiver = useApp((s) => s.receiver);
  const settings = useApp((s) => s.settings);
  const timecode = useApp((s) => s.timecodeSettings);
  const presetError = useApp((s) => s.presetError);
  const isDown = useApp(isOffline);
  const applyPreset = useApp((s) => s.applyPreset);
  return (
    <nav className="panel presets" aria-labelledby="presets-heading">
      <header className="panel-head">
        <h2 id="presets-heading">Workshop examples</h2>
      </header>
      <ol>
        {PRESETS.map((p) => {
          const isOn = p.id === presetId && isPresetIntact(p, receiver, settings, timecode);
          const error = presetError?.id === p.id ? presetError.message : null;
          return (
            <li key={p.id}>
              <button
                type="button"
                className="preset"
                aria-pressed={isOn}
                aria-describedby={error ? `preset-${p.id}-err` : undefined}
                disabled={isDown}
                onClick={(e) => {
                  void applyPreset(p.id);
                  // A mouse click leaves focus on the body so the space bar drives the transport.
                  if (e.detail > 0) e.currentTarget.blur();
                }}
                data-testid={`preset-${p.id}`}
              >
                <span className="preset-name">
                  <span className="preset-label">{p.label}</span>
                  <span className="preset-title">{p.title}</span>
                </span>
                <span className="preset-text">
                  <span className="preset-summary">{p.summary}</span>
                  <span className="preset-listen">
                    <span className="preset-listen-label">{p.listenLabel ?? 'Listen for'}</span>{' '}
                    {p.listenFor}
                  </span>
                </span>
              </button>
              <FieldError
                id={`preset-${p.id}-err`}
                message={error}
                testId={`preset-${p.id}-error`}
              />
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
