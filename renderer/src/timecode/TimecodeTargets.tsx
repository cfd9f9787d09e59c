/**
 * Where the master's frames go. As a master: a list of host:port targets, each with its own
 * network (delay, jitter, loss) and the engine's socket error on its row. As a pair: the frames
 * go to this engine's own receiver, so only the network between master and client is set.
 */
import { useCallback, useId, useState } from 'react';
import { TIMECODE_LIMITS } from '../../../shared/timecode';
import { useApp } from '../app-context';
import { CommitField } from '../controls/CommitField';
import { FieldError } from '../controls/FieldError';
import { describeImpairment } from '../panels/TargetRow';
import type { ImpairmentView } from '../store/contract-types';
import { isDirect } from '../store/defaults';
import { isOffline } from '../store/slices/connection';
import { errorsUnder, rowErrors } from './error-keys';
import { ImpairmentEditor } from './ImpairmentEditor';
import { useTcError } from './TcField';
import { LOCAL_HOST, NO_IMPAIRMENT } from './timecode-defaults';
import type { TimecodeTargetView } from './timecode-types';

function TargetLine({ target, index }: { target: TimecodeTargetView; index: number }) {
  const all = useApp((s) => s.timecodeErrors);
  const engineError = useApp((s) => s.timecode?.targetErrors[target.id]);
  const isDown = useApp(isOffline);
  const updateTarget = useApp((s) => s.updateTimecodeTarget);
  const removeTarget = useApp((s) => s.removeTimecodeTarget);
  const setError = useApp((s) => s.setTimecodeError);
  const [isOpen, setOpen] = useState(!isDirect(target.impairment));
  const id = useId();
  const errors = rowErrors(all, `target:${target.id}`);
  const lineError = errorsUnder(errors, ['host', 'port']);
  const netError = errorsUnder(errors, ['impairment']);
  const rowError = [errors[''], engineError].filter(Boolean).join(' ') || null;
  const onImpairment = useCallback(
    (impairment: ImpairmentView) => updateTarget(target.id, { impairment }),
    [updateTarget, target.id],
  );
  return (
    <li className="target" data-testid={`timecode-target-${target.id}`}>
      <div className="target-line">
        <span className="target-name" title={`Target ${index + 1}`}>
          {index + 1}
        </span>
        <label className="target-host">
          <span className="visually-hidden">Timecode target {index + 1} host</span>
          <CommitField
            value={target.host}
            disabled={isDown}
            onCommit={(host) => updateTarget(target.id, { host })}
            aria-invalid={errors.host ? true : undefined}
            aria-describedby={`${id}-line ${id}-row`}
            data-testid="timecode-target-host"
          />
        </label>
        <span className="colon" aria-hidden="true">
          :
        </span>
        <label className="target-port">
          <span className="visually-hidden">Timecode target {index + 1} port</span>
          <CommitField
            className="num"
            value={target.port}
            disabled={isDown}
            onCommit={(text) => {
              if (/^\d+$/.test(text)) updateTarget(target.id, { port: Number(text) });
              else
                setError(
                  `target:${target.id}.port`,
                  'The port must be a whole number from 1 to 65535',
                );
            }}
            aria-invalid={errors.port ? true : undefined}
            aria-describedby={`${id}-line ${id}-row`}
            data-testid="timecode-target-port"
          />
        </label>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove timecode target ${index + 1}`}
          title="Remove"
          disabled={isDown}
          onClick={() => removeTarget(target.id)}
          data-testid="timecode-target-remove"
        >
          ×
        </button>
      </div>
      <FieldError id={`${id}-line`} message={lineError} testId="timecode-target-error-line" />
      <button
        type="button"
        className={`network-toggle ${isDirect(target.impairment) ? '' : 'is-impaired'}`}
        aria-expanded={isOpen}
        onClick={() => setOpen(!isOpen)}
        data-testid="timecode-target-network"
      >
        <span className="chevron" aria-hidden="true" />
        <span className="target-field-label">Network</span>
        {describeImpairment(target.impairment)}
      </button>
      {isOpen && (
        <ImpairmentEditor
          value={target.impairment}
          onChange={onImpairment}
          describedBy={`${id}-net`}
          isInvalid={(k) => Boolean(errors[k])}
          testIdPrefix="timecode-target"
        />
      )}
      <FieldError id={`${id}-net`} message={netError} testId="timecode-target-error-network" />
      <FieldError id={`${id}-row`} message={rowError} testId="timecode-target-error" />
    </li>
  );
}

/** The pair's one setting: the network between its master and its client. */
function PairNetwork() {
  const target = useApp((s) => s.timecodeSettings.targets[0]);
  const port = useApp((s) =>
    s.engine?.receiver.status === 'listening' ? s.engine.receiver.port : null,
  );
  const pairError = useApp((s) => s.timecode?.targetErrors.pair);
  const update = useApp((s) => s.updateTimecode);
  const updateTarget = useApp((s) => s.updateTimecodeTarget);
  const netError = useTcError('targets');
  const id = useId();
  const impairment = target?.impairment ?? NO_IMPAIRMENT;
  const onImpairment = useCallback(
    (i: ImpairmentView) => {
      if (target) updateTarget(target.id, { impairment: i });
      else
        update(
          { targets: [{ id: 'client', host: LOCAL_HOST, port: port ?? 5006, impairment: i }] },
          'targets',
        );
    },
    [target, updateTarget, update, port],
  );
  return (
    <div className="tc-pair-network">
      <p className="hint">
        Frames go to this engine’s own receiver
        {port === null ? ' (not listening: start it under Listen)' : ` on port ${port}`}, through
        this network: <strong>{describeImpairment(impairment)}</strong>.
      </p>
      <ImpairmentEditor
        value={impairment}
        onChange={onImpairment}
        describedBy={`${id}-err`}
        testIdPrefix="timecode-pair"
      />
      <FieldError
        id={`${id}-err`}
        message={[netError, pairError].filter(Boolean).join(' ') || null}
        testId="timecode-pair-error"
      />
    </div>
  );
}

/** See the file comment. */
export function TimecodeTargets() {
  const role = useApp((s) => s.timecodeSettings.role);
  const targets = useApp((s) => s.timecodeSettings.targets);
  const isBroadcast = useApp((s) => s.timecodeSettings.broadcast);
  const add = useApp((s) => s.addTimecodeTarget);
  const update = useApp((s) => s.updateTimecode);
  const isDown = useApp(isOffline);
  const listError = useTcError('targets', 'broadcast');
  if (role === 'pair') return <PairNetwork />;
  return (
    <div className="tc-targets">
      {targets.length === 0 ? (
        <p className="empty">No targets: the master has nowhere to send. Add one.</p>
      ) : (
        <ol className="target-list">
          {targets.map((t, i) => (
            <TargetLine key={t.id} target={t} index={i} />
          ))}
        </ol>
      )}
      <div className="tc-row">
        <button
          type="button"
          onClick={add}
          disabled={isDown || targets.length >= TIMECODE_LIMITS.targets.max}
          data-testid="timecode-target-add"
        >
          + Add target
        </button>
        <label
          className="tc-check"
          title="Allow broadcast addresses such as 192.168.1.255 (the seed broadcasts)"
        >
          <input
            type="checkbox"
            checked={isBroadcast}
            disabled={isDown}
            onChange={(e) => update({ broadcast: e.target.checked }, 'broadcast')}
            data-testid="timecode-broadcast"
          />
          Broadcast
        </label>
      </div>
      <FieldError id="timecode-targets-error" message={listError} testId="timecode-targets-error" />
    </div>
  );
}
