/**
 * The engine's rolling statistics (measurements:changed, a few times a second): headline tiles
 * for the worst stream (sync is only as good as its worst path) and one row per tick stream,
 * whose colour dot is the stream's colour in the charts.
 */
import { useApp, useServices } from '../app-context';
import { formatCount, formatMs, formatPercent } from '../lib/format';
import { STREAM_COLORS } from '../plot/palette';
import { Tile } from './Tile';
import type { StreamStats as Stats } from '../store/contract-types';

/** One empty list, so a selector's result stays the same while nothing is measured. */
const NO_STREAMS: readonly Stats[] = [];

/** A stream this far behind the freshest one has stopped (e.g. its relay restarted elsewhere). */
export const STALE_AFTER_MS = 4000;

/** How long each stream has been behind the freshest one, ms (0: it is the freshest). */
export function behindMs(seenAtMs: Record<string, number>): Record<string, number> {
  const times = Object.values(seenAtMs);
  const newest = times.length > 0 ? Math.max(...times) : 0;
  return Object.fromEntries(Object.entries(seenAtMs).map(([k, t]) => [k, newest - t]));
}

/** The streams still flowing (all of them when none has stopped behind the others). */
function useLiveStreams(): { live: readonly Stats[]; behind: Record<string, number> } {
  const streams = useApp((s) => s.measurements?.streams ?? NO_STREAMS);
  const behind = behindMs(useApp((s) => s.streamSeenAtMs));
  const live = streams.filter((s) => (behind[s.key] ?? 0) <= STALE_AFTER_MS);
  return { live, behind };
}

const maxOf = (streams: readonly Stats[], read: (s: Stats) => number | null): number | null =>
  streams.reduce<number | null>((m, s) => {
    const v = read(s);
    return v === null ? m : m === null ? v : Math.max(m, v);
  }, null);

const lateShare = (s: Stats): number | null =>
  s.counts.ticks > 0 ? s.counts.late / s.counts.ticks : null;

/** Headline numbers: output jitter (sd), p99 of the error and late share, worst stream each. */
export function SummaryTiles() {
  const streams = useLiveStreams().live;
  const inSd = maxOf(streams, (s) => s.metrics.arrivalIntervalErrorMs.sd);
  const outSd = maxOf(streams, (s) => s.metrics.outputIntervalErrorMs.sd);
  const outP99 = maxOf(streams, (s) => s.metrics.outputIntervalErrorMs.p99);
  const late = maxOf(streams, lateShare);
  const caption = streams.length > 1 ? `worst of ${streams.length} streams` : undefined;
  const tone = (v: number | null): string =>
    v === null ? '' : v <= 1 ? 'is-good' : v <= 10 ? 'is-fair' : 'is-poor';
  return (
    <>
      <Tile label="Arrival jitter sd" unit="ms" title={caption}>
        <output data-testid="stat-in-sd">{formatMs(inSd)}</output>
      </Tile>
      <Tile label="Output jitter sd" unit="ms" tone={tone(outSd)} title={caption}>
        <output data-testid="stat-out-sd">{formatMs(outSd)}</output>
      </Tile>
      <Tile label="Output error p99" unit="ms" tone={tone(outP99)} title={caption}>
        <output data-testid="stat-out-p99">{formatMs(outP99)}</output>
      </Tile>
      <Tile
        label="Late"
        tone={late === null ? '' : late === 0 ? 'is-good' : 'is-poor'}
        title={caption}
      >
        <output data-testid="stat-late">{late === null ? '–' : formatPercent(late, 1)}</output>
      </Tile>
      {caption && <p className="tiles-note">Stream figures: the {caption}.</p>}
    </>
  );
}

/** One row per stream. */
export function StreamTable() {
  const all = useApp((s) => s.measurements?.streams ?? NO_STREAMS);
  const { behind } = useLiveStreams();
  const isStale = (st: Stats): boolean => (behind[st.key] ?? 0) > STALE_AFTER_MS;
  // Stopped streams last: the rows that change are the ones on top.
  const streams = [...all.filter((st) => !isStale(st)), ...all.filter(isStale)];
  const untracked = useApp((s) => s.measurements?.untrackedTicks ?? 0);
  const { live } = useServices();
  if (streams.length === 0) {
    return (
      <p className="empty" data-testid="stream-table-empty">
        No ticks measured yet. Listen on a port, point a target at it and press Start.
      </p>
    );
  }
  const plotStreams = live.getState().samples.streams;
  return (
    <table className="streams" data-testid="stream-table">
      <thead>
        <tr>
          <th scope="col">Stream</th>
          <th scope="col">Ticks</th>
          <th scope="col">Late</th>
          <th scope="col">Lost</th>
          <th scope="col" title="Median of timetag − arrival">
            Lead p50
          </th>
          <th scope="col" title="Standard deviation of the output interval error">
            Out sd
          </th>
          <th scope="col" title="99th percentile of the output interval error">
            Out p99
          </th>
        </tr>
      </thead>
      <tbody>
        {streams.map((s) => {
          const slot = plotStreams.indexOf(s.key);
          const color = slot >= 0 ? STREAM_COLORS[slot % STREAM_COLORS.length] : 'transparent';
          const out = s.metrics.outputIntervalErrorMs;
          return (
            <tr
              key={s.key}
              className={isStale(s) ? 'is-stale' : undefined}
              data-testid="stream-row"
              data-key={s.key}
              data-stale={isStale(s) ? 'true' : undefined}
            >
              <th scope="row">
                <span className="swatch" style={{ background: color }} aria-hidden="true" />
                <span className="stream-address">{s.address}</span>
                <span className="muted">
                  {' '}
                  {s.mode} · from {s.source}
                  {isStale(s) && ` · stopped ${Math.round(behind[s.key]! / 1000)} s ago`}
                </span>
              </th>
              <td data-testid="stream-ticks">{formatCount(s.counts.ticks)}</td>
              <td>{formatPercent(s.counts.late, s.counts.ticks)}</td>
              <td>{formatCount(s.counts.lost)}</td>
              <td data-testid="stream-lead-p50" data-sd={s.metrics.leadMs.sd ?? undefined}>
                {formatMs(s.metrics.leadMs.p50)}
              </td>
              <td>{formatMs(out.sd)}</td>
              <td>{formatMs(out.p99)}</td>
            </tr>
          );
        })}
      </tbody>
      {untracked > 0 && (
        <tfoot>
          <tr>
            <td colSpan={7}>
              {formatCount(untracked)} ticks from further streams were counted but not measured.
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
