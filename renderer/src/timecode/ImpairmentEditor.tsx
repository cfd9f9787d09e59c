/**
 * The network in front of one timecode target: delay, jitter and loss sliders, as the metronome's
 * targets have them (anything but zero puts the engine's relay in between). Dragging is live
 * but the relay is reconfigured at most 10 times a second.
 */
import { useEffect, useMemo, useState } from 'react';
import { rangeFill } from '../controls/range-fill';
import { createThrottle } from '../lib/throttle';
import type { ImpairmentView } from '../store/contract-types';

const SLIDERS = [
  { key: 'delayMs', label: 'Delay', max: 500, step: 1, unit: 'ms', scale: 1 },
  { key: 'jitterMs', label: 'Jitter', max: 100, step: 1, unit: 'ms', scale: 1 },
  { key: 'loss', label: 'Loss', max: 50, step: 0.5, unit: '%', scale: 100 },
] as const;

/** See the file comment. */
export function ImpairmentEditor({
  value,
  onChange,
  describedBy,
  isInvalid,
  testIdPrefix,
}: {
  value: ImpairmentView;
  onChange: (impairment: ImpairmentView) => void;
  describedBy?: string;
  isInvalid?: (key: string) => boolean;
  testIdPrefix: string;
}) {
  const [dragged, setDragged] = useState<ImpairmentView | null>(null);
  const send = useMemo(() => createThrottle(onChange, 100), [onChange]);
  useEffect(() => () => send.cancel(), [send]);
  const shown = dragged ?? value;
  const endDrag = (): void => {
    send.flush();
    setDragged(null);
  };
  return (
    <div className="impairment">
      {SLIDERS.map((s) => {
        const v = shown[s.key] * s.scale;
        const max = Math.max(s.max, v);
        return (
          <label key={s.key} className="impairment-row">
            <span className="impairment-label">{s.label}</span>
            <input
              type="range"
              min={0}
              max={max}
              step={s.step}
              value={v}
              style={rangeFill(v, 0, max)}
              aria-valuetext={`${v} ${s.unit}`}
              aria-invalid={isInvalid?.(`impairment.${s.key}`) ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => {
                const next = { ...shown, [s.key]: Number(e.target.value) / s.scale };
                setDragged(next);
                send(next);
              }}
              onPointerUp={endDrag}
              onKeyUp={endDrag}
              onBlur={endDrag}
              data-testid={`${testIdPrefix}-${s.key}`}
            />
            <output className="num">
              {Number(v.toFixed(1))} {s.unit}
            </output>
          </label>
        );
      })}
    </div>
  );
}
