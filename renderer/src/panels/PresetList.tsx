/**
 * The workshop's examples as one-click setups, each with what it sets up and what to listen
 * for. Clicking one sets the receive port, the metronome and the composer (presets/presets.ts).
 */
import { useApp } from '../app-context';
import { PRESETS } from '../presets/presets';

/** See the file comment. */
export function PresetList() {
  const presetId = useApp((s) => s.presetId);
  const applyPreset = useApp((s) => s.applyPreset);
  return (
    <nav className="panel presets" aria-labelledby="presets-heading">
      <header className="panel-head">
        <h2 id="presets-heading">Workshop examples</h2>
      </header>
      <ol>
        {PRESETS.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="preset"
              aria-pressed={p.id === presetId}
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
                  <span className="preset-listen-label">Listen for</span> {p.listenFor}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
