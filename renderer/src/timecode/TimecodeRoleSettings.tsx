/**
 * What the timecode roles are: the role, the rate and its counting (drop-frame, the ';' the
 * labels are written with, the wire format), and how the master sends its frames (plain, as the
 * seed does, or forward-synchronized with the offset F). Each change is sent at once.
 */
import { useId } from 'react';
import {
  FRAME_RATE_NAMES,
  TIMECODE_LIMITS,
  frameRate,
  hasDropFrame,
} from '../../../shared/timecode';
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { Segmented } from '../controls/Segmented';
import { parseNumber } from '../lib/parse-number';
import { isOffline } from '../store/slices/connection';
import { TcField, useTcError } from './TcField';
import type { TimecodeRole } from './timecode-types';

const ROLES: { value: TimecodeRole; label: string; hint: string }[] = [
  { value: 'off', label: 'Off', hint: 'No timecode.' },
  {
    value: 'master',
    label: 'Master',
    hint: 'Sends /sync/timecode each frame; logs the cues it hears.',
  },
  {
    value: 'client',
    label: 'Client',
    hint: 'Chases the timecode it hears; sends cues to the master.',
  },
  {
    value: 'pair',
    label: 'Pair',
    hint: 'Both on this computer: the master sends to its own receiver.',
  },
];

/** See the file comment. */
export function TimecodeRoleSettings() {
  const s = useApp((st) => st.timecodeSettings);
  const update = useApp((st) => st.updateTimecode);
  const setError = useApp((st) => st.setTimecodeError);
  const isDown = useApp(isOffline);
  const roleError = useTcError('role');
  const rateError = useTcError('rate', 'dropFrame', 'dropFrameSeparator', 'wireFormat');
  const modeError = useTcError('sendMode');
  const id = useId();
  const canDrop = hasDropFrame(frameRate(s.rate));
  const hasMaster = s.role === 'master' || s.role === 'pair';
  const { forwardMs } = TIMECODE_LIMITS;

  return (
    <div className="tc-section">
      <Segmented
        legend="Timecode role"
        className="tc-roles"
        value={s.role}
        isDisabled={isDown}
        isInvalid={Boolean(roleError)}
        describedBy={`${id}-role`}
        onChange={(role) => update({ role }, 'role')}
        options={ROLES.map((r) => ({
          value: r.value,
          label: <span title={r.hint}>{r.label}</span>,
          testId: `timecode-role-${r.value}`,
        }))}
      />
      <p className="hint" id={`${id}-role`}>
        {ROLES.find((r) => r.value === s.role)?.hint}
      </p>
      <FieldError id={`${id}-role-err`} message={roleError} testId="timecode-role-error" />
      {s.role !== 'off' && (
        <>
          <div className="tc-row">
            <label className="tc-inline">
              <span>Rate</span>
              <select
                value={s.rate}
                disabled={isDown}
                aria-invalid={rateError ? true : undefined}
                aria-describedby={`${id}-rate`}
                onChange={(e) => {
                  const rate = e.target.value as (typeof FRAME_RATE_NAMES)[number];
                  // Drop-frame exists at two rates only: leaving them leaves it off.
                  const dropFrame = s.dropFrame && hasDropFrame(frameRate(rate));
                  update({ rate, dropFrame }, 'rate');
                }}
                data-testid="timecode-rate"
              >
                {FRAME_RATE_NAMES.map((r) => (
                  <option key={r} value={r}>
                    {r} fps
                  </option>
                ))}
              </select>
            </label>
            <label
              className="tc-check"
              title={canDrop ? undefined : 'Only 29.97 and 59.94 fps have drop-frame'}
            >
              <input
                type="checkbox"
                checked={s.dropFrame}
                disabled={isDown || (!canDrop && !s.dropFrame)}
                aria-describedby={`${id}-rate`}
                onChange={(e) => update({ dropFrame: e.target.checked }, 'dropFrame')}
                data-testid="timecode-dropframe"
              />
              Drop-frame
            </label>
            {s.dropFrame && (
              <label
                className="tc-check"
                title="The seed writes ':' everywhere; ';' marks drop-frame"
              >
                <input
                  type="checkbox"
                  checked={s.dropFrameSeparator}
                  disabled={isDown}
                  onChange={(e) =>
                    update({ dropFrameSeparator: e.target.checked }, 'dropFrameSeparator')
                  }
                  data-testid="timecode-separator"
                />
                write ;
              </label>
            )}
            <label className="tc-inline">
              <span>Wire</span>
              <select
                value={s.wireFormat}
                disabled={isDown}
                title={
                  'seed: one string "HH:MM:SS:FF"; extended adds frame, rate, drop-frame, instant'
                }
                onChange={(e) =>
                  update({ wireFormat: e.target.value as 'seed' | 'extended' }, 'wireFormat')
                }
                data-testid="timecode-wire"
              >
                <option value="seed">seed</option>
                <option value="extended">extended</option>
              </select>
            </label>
          </div>
          <FieldError id={`${id}-rate`} message={rateError} testId="timecode-rate-error" />
        </>
      )}
      {hasMaster && (
        <div className="tc-row">
          <Segmented
            legend="How the master sends frames"
            className="tc-send-mode"
            value={s.sendMode}
            isDisabled={isDown}
            isInvalid={Boolean(modeError)}
            describedBy={`${id}-mode`}
            onChange={(sendMode) => update({ sendMode }, 'sendMode')}
            options={[
              { value: 'plain', label: 'Plain', testId: 'timecode-mode-plain' },
              { value: 'forward', label: 'Forward', testId: 'timecode-mode-forward' },
            ]}
          />
          <TcField
            label="F"
            className="tc-forward"
            value={s.forwardMs}
            step={10}
            size={5}
            unit="ms"
            errorKey="forwardMs"
            hint={`The forward offset: ${forwardMs.min} to ${forwardMs.max} ms`}
            onCommit={(text) => {
              const n = parseNumber(text);
              if (n === null) setError('forwardMs', 'Enter F as a number of milliseconds');
              else update({ forwardMs: n }, 'forwardMs');
            }}
            testId="timecode-forward-ms"
          />
          <p className="hint tc-mode-hint" id={`${id}-mode`}>
            {s.sendMode === 'plain'
              ? 'Plain: the seed’s message when the frame is due; the network’s jitter comes with it.'
              : 'Forward: a bundle timetagged frame instant + F, sent F ahead; shown at its timetag.'}
          </p>
          <FieldError id={`${id}-mode-err`} message={modeError} testId="timecode-mode-error" />
        </div>
      )}
    </div>
  );
}
