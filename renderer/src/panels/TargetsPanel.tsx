/** Where the metronome sends: a list of targets, each with its own network impairment. */
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { Panel } from '../controls/Panel';
import { LIMITS } from '../store/defaults';
import { isOffline } from '../store/slices/connection';
import { TargetRow } from './TargetRow';

/** See the file comment. */
export function TargetsPanel() {
  const targets = useApp((s) => s.settings.targets);
  const listError = useApp((s) => s.metronomeErrors.targets);
  const addTarget = useApp((s) => s.addTarget);
  const isDown = useApp(isOffline);
  return (
    <Panel
      title="Targets"
      className="targets"
      testId="targets-panel"
      actions={
        <button
          type="button"
          onClick={addTarget}
          disabled={isDown || targets.length >= LIMITS.targets.max}
          data-testid="target-add"
        >
          + Add target
        </button>
      }
    >
      {targets.length === 0 ? (
        <p className="empty">No targets: the metronome has nowhere to send. Add one.</p>
      ) : (
        <ol className="target-list">
          {targets.map((t, i) => (
            <TargetRow key={t.id} target={t} index={i} />
          ))}
        </ol>
      )}
      <FieldError id="targets-error" message={listError} testId="targets-error" />
    </Panel>
  );
}
