/**
 * Readouts that change with every tick (samples plotted, the last tick's lead): written straight
 * into the DOM from the shared frame loop, at most once per frame, without re-rendering React.
 */
import { useEffect, useRef } from 'react';
import { useServices } from '../app-context';
import { formatCount, formatMs } from '../lib/format';
import type { FrameTask } from '../plot/frame-loop';
import type { SampleRing } from '../store/sample-ring';
import { Tile } from './Tile';

/** The newest sample's lead, or null (none yet, or an immediate tick without a timetag). */
export function lastLeadMs(ring: SampleRing): number | null {
  if (ring.size === 0) return null;
  const v = ring.leadMs[ring.indexOf(ring.size - 1)]!;
  return Number.isNaN(v) ? null : v;
}

/** A tile whose value is written by the frame loop. */
function LiveTile({
  label,
  unit,
  read,
  testId,
}: {
  label: string;
  unit?: string;
  read: (ring: SampleRing) => string;
  testId: string;
}) {
  const { live, frames } = useServices();
  const valueRef = useRef<HTMLOutputElement>(null);
  useEffect(() => {
    const draw: FrameTask = () => {
      if (valueRef.current) valueRef.current.textContent = read(live.getState().samples);
    };
    draw(0);
    const off = live.subscribe((s, prev) => {
      if (s.sampleVersion !== prev.sampleVersion) frames.schedule(draw);
    });
    return () => {
      off();
      frames.cancel(draw);
    };
  }, [live, frames, read]);
  return (
    <Tile label={label} {...(unit ? { unit } : {})}>
      <output ref={valueRef} data-testid={testId} />
    </Tile>
  );
}

const readLead = (ring: SampleRing): string => formatMs(lastLeadMs(ring));
const readCount = (ring: SampleRing): string => formatCount(ring.total);

/** The last tick's lead. */
export function LeadNowTile() {
  return <LiveTile label="Lead, last tick" unit="ms" read={readLead} testId="lead-now" />;
}

/** How many ticks were plotted since the last reset. */
export function SampleCountTile() {
  return <LiveTile label="Ticks plotted" read={readCount} testId="sample-count" />;
}
