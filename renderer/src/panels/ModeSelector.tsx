/** Immediate / offset / forward sync, with one line saying what each does. */
import { useId } from 'react';
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { Segmented } from '../controls/Segmented';
import type { MetronomeMode } from '../store/contract-types';
import { isOffline } from '../store/slices/connection';

/** The modes, in the workshop's order, with what each one does. */
export const MODES: readonly { value: MetronomeMode; label: string; explain: string }[] = [
  {
    value: 'immediate',
    label: 'Immediate',
    explain: 'Plain messages, played the moment they arrive: network jitter is heard.',
  },
  {
    value: 'offset',
    label: 'Offset',
    explain: 'Bundles timetagged send time + F: receivers hold each tick until then.',
  },
  {
    value: 'forward',
    label: 'Forward sync',
    explain:
      'Beat n timetagged start + n × interval + F, sent to every target: all play it together.',
  },
];

/** See the file comment. */
export function ModeSelector() {
  const mode = useApp((s) => s.settings.mode);
  const error = useApp((s) => s.metronomeErrors.mode);
  const updateSettings = useApp((s) => s.updateSettings);
  const isDown = useApp(isOffline);
  const id = useId();
  return (
    <div className="mode">
      <Segmented
        legend="Mode"
        className="mode-options"
        options={MODES.map((m) => ({ value: m.value, label: m.label, testId: `mode-${m.value}` }))}
        value={mode}
        onChange={(value) => updateSettings({ mode: value }, 'mode')}
        describedBy={`${id}-explain ${id}-err`}
        isInvalid={Boolean(error)}
        isDisabled={isDown}
      />
      <p className="mode-explain" id={`${id}-explain`} data-testid="mode-explain">
        {MODES.find((m) => m.value === mode)?.explain}
      </p>
      <FieldError id={`${id}-err`} message={error} testId="error-mode" />
    </div>
  );
}
