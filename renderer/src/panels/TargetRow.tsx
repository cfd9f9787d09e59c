/**
 * One target: host, port, OSC address, wire format, and the network in front of it (delay,
 * jitter, loss: anything but zero puts the engine's relay in between). A refusal that names a
 * field (`target:t2.host`) outlines that field and is said on its line; the engine's socket
 * error and anything about the target as a whole at the foot of the row, and under it, as a
 * warning rather than an error, when nothing listens on the target's port.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useApp } from '../app-context';
import { CommitField } from '../controls/CommitField';
import { FieldError } from '../controls/FieldError';
import { rangeFill } from '../controls/range-fill';
import { createThrottle } from '../lib/throttle';
import type { ImpairmentView, MetronomeTargetView, TickFormat } from '../store/contract-types';
import { isDirect } from '../store/defaults';
import { isOffline } from '../store/slices/connection';

/** The row's errors by field ('' for the target as a whole). */
function useTargetErrors(id: string): Record<string, string> {
  const errors = useApp((s) => s.metronomeErrors);
  const prefix = `target:${id}`;
  const mine: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key === prefix) mine[''] = message;
    else if (key.startsWith(`${prefix}.`)) mine[key.slice(prefix.length + 1)] = message;
  }
  return mine;
}

const joined = (errors: Record<string, string>, fields: readonly string[]): string | null =>
  fields
    .flatMap((f) => Object.entries(errors).filter(([k]) => k === f || k.startsWith(`${f}.`)))
    .map(([, m]) => m)
    .join(' ') || null;

/** "direct" or "20 ± 10 ms · 1 % loss". */
export function describeImpairment(i: ImpairmentView): string {
  if (isDirect(i)) return 'direct';
  const parts = [`${i.delayMs} ± ${i.jitterMs} ms`];
  if (i.loss > 0) parts.push(`${Number((i.loss * 100).toFixed(1))} % loss`);
  return parts.join(' · ');
}

const SLIDERS = [
  { key: 'delayMs', label: 'Delay', max: 500, step: 1, unit: 'ms', scale: 1 },
  { key: 'jitterMs', label: 'Jitter', max: 100, step: 1, unit: 'ms', scale: 1 },
  { key: 'loss', label: 'Loss', max: 50, step: 0.5, unit: '%', scale: 100 },
] as const;

/** See the file comment. */
export function TargetRow({ target, index }: { target: MetronomeTargetView; index: number }) {
  const engineError = useApp((s) => s.metronome?.targetErrors[target.id]);
  const unreachable = useApp((s) => s.metronome?.unreachableTargets[target.id]);
  const errors = useTargetErrors(target.id);
  const isDown = useApp(isOffline);
  const updateTarget = useApp((s) => s.updateTarget);
  const removeTarget = useApp((s) => s.removeTarget);
  const setMetronomeError = useApp((s) => s.setMetronomeError);
  const [isOpen, setOpen] = useState(!isDirect(target.impairment));
  const [dragged, setDragged] = useState<ImpairmentView | null>(null);
  const id = useId();
  const invalid = (field: string) => (joined(errors, [field]) ? true : undefined);
  const lineOneError = joined(errors, ['host', 'port']);
  const lineTwoError = joined(errors, ['address', 'format']);
  const networkError = joined(errors, ['impairment']);
  const rowError = [errors[''], engineError].filter(Boolean).join(' ') || null;
  const impairment = dragged ?? target.impairment;

  // Sliders are live (heard within a beat) but the relay is reconfigured at most 10 times a second.
  const sendImpairment = useMemo(
    () => createThrottle((i: ImpairmentView) => updateTarget(target.id, { impairment: i }), 100),
    [updateTarget, target.id],
  );
  useEffect(() => () => sendImpairment.cancel(), [sendImpairment]);
  const setImpairment = (patch: Partial<ImpairmentView>): void => {
    const next = { ...impairment, ...patch };
    setDragged(next);
    sendImpairment(next);
  };
  const endDrag = (): void => {
    sendImpairment.flush();
    setDragged(null);
  };
  const setPort = (text: string): void => {
    const port = Number(text);
    if (!/^\d+$/.test(text))
      setMetronomeError(
        `target:${target.id}.port`,
        'The port must be a whole number from 1 to 65535',
      );
    else updateTarget(target.id, { port });
  };

  return (
    <li className="target" data-testid={`target-${target.id}`} aria-labelledby={`${id}-name`}>
      <div className="target-line">
        <span className="target-name" id={`${id}-name`} title={`Target ${index + 1}`}>
          {index + 1}
        </span>
        <label className="target-host">
          <span className="visually-hidden">Target {index + 1} host</span>
          <CommitField
            value={target.host}
            onCommit={(host) => updateTarget(target.id, { host })}
            aria-invalid={invalid('host')}
            aria-describedby={`${id}-err1 ${id}-err`}
            data-testid="target-host"
          />
        </label>
        <span className="colon" aria-hidden="true">
          :
        </span>
        <label className="target-port">
          <span className="visually-hidden">Target {index + 1} port</span>
          <CommitField
            className="num"
            value={target.port}
            onCommit={setPort}
            aria-invalid={invalid('port')}
            aria-describedby={`${id}-err1 ${id}-err`}
            data-testid="target-port"
          />
        </label>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove target ${index + 1}`}
          title="Remove"
          onClick={() => removeTarget(target.id)}
          disabled={isDown}
          data-testid="target-remove"
        >
          ×
        </button>
      </div>
      <FieldError id={`${id}-err1`} message={lineOneError} testId="target-error-line1" />
      <div className="target-line">
        <label className="target-address">
          <span className="target-field-label">Address</span>
          <CommitField
            value={target.address}
            onCommit={(address) => updateTarget(target.id, { address })}
            aria-invalid={invalid('address')}
            aria-describedby={`${id}-err2 ${id}-err`}
            data-testid="target-address"
          />
        </label>
        <label className="target-format">
          <span className="target-field-label">Format</span>
          <select
            value={target.format}
            onChange={(e) => updateTarget(target.id, { format: e.target.value as TickFormat })}
            aria-invalid={invalid('format')}
            aria-describedby={`${id}-err2`}
            title={'seed: exactly the seeds\' "tick"; extended: adds beat, accent and send time'}
            data-testid="target-format"
          >
            <option value="seed">seed</option>
            <option value="extended">extended</option>
          </select>
        </label>
        <button
          type="button"
          className={`network-toggle ${isDirect(impairment) ? '' : 'is-impaired'}`}
          aria-expanded={isOpen}
          aria-controls={`${id}-net`}
          onClick={() => setOpen(!isOpen)}
          data-testid="target-network"
        >
          <span className="chevron" aria-hidden="true" />
          <span className="target-field-label">Network</span>
          {describeImpairment(impairment)}
        </button>
      </div>
      <FieldError id={`${id}-err2`} message={lineTwoError} testId="target-error-line2" />
      {isOpen && (
        <div className="impairment" id={`${id}-net`}>
          {SLIDERS.map((s) => {
            const value = impairment[s.key] * s.scale;
            return (
              <label key={s.key} className="impairment-row">
                <span className="impairment-label">{s.label}</span>
                <input
                  type="range"
                  min={0}
                  max={Math.max(s.max, value)}
                  step={s.step}
                  value={value}
                  style={rangeFill(value, 0, Math.max(s.max, value))}
                  aria-valuetext={`${value} ${s.unit}`}
                  aria-invalid={invalid(`impairment.${s.key}`)}
                  aria-describedby={`${id}-errnet`}
                  onChange={(e) => setImpairment({ [s.key]: Number(e.target.value) / s.scale })}
                  onPointerUp={endDrag}
                  onKeyUp={endDrag}
                  onBlur={endDrag}
                  data-testid={`target-${s.key}`}
                />
                <output className="num">
                  {Number(value.toFixed(1))} {s.unit}
                </output>
              </label>
            );
          })}
          <p className="hint">
            Anything but zero puts a relay in front of this target: Wi-Fi on one laptop.
          </p>
        </div>
      )}
      <FieldError id={`${id}-errnet`} message={networkError} testId="target-error-network" />
      <FieldError id={`${id}-err`} message={rowError} testId="target-error" />
      {unreachable && (
        <p className="target-unreachable" role="status" data-testid="target-unreachable">
          {unreachable}
        </p>
      )}
    </li>
  );
}
