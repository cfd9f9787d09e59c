/**
 * One peer: who it is, its clock against ours (offset, round trip, sync error, drift), the jitter
 * of its ticks here, the verdict, and one click to send the metronome or the timecode to it.
 */
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { formatMs } from '../lib/format';
import { isOffline } from '../store/slices/connection';
import { syncErrorOf, verdictFor } from './feasibility';
import type { PeerRow } from './peer-rows';

const signed = (v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : `${v >= 0 ? '+' : '−'}${formatMs(Math.abs(v))}`;

function Figure({
  label,
  value,
  unit,
  testId,
}: {
  label: string;
  value: string;
  unit: string;
  testId: string;
}) {
  return (
    <div className="peer-figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>
        {value}
        {value !== '–' && <span className="unit"> {unit}</span>}
      </dd>
    </div>
  );
}

/** See the file comment. */
export function PeerItem({ row }: { row: PeerRow }) {
  const addMetronome = useApp((s) => s.addPeerAsMetronomeTarget);
  const addTimecode = useApp((s) => s.addPeerAsTimecodeTarget);
  const error = useApp((s) => s.peersErrors[`peer:${row.key}`]);
  const isDown = useApp(isOffline);
  const syncError = syncErrorOf(row);
  const verdict = verdictFor(syncError, row.jitterMs);
  const endpoint = { host: row.address, port: row.port, isSyncroscope: row.isSyncroscope };
  const field = `peer:${row.key}`;
  const clock = row.clock;
  const errorId = `peer-error-${row.key}`;
  return (
    <li className={`peer is-${verdict.kind}`} data-testid="peer" data-peer={row.key}>
      <div className="peer-line">
        <span className="peer-name">{row.name ?? 'heard from (not discovered)'}</span>
        <code className="peer-endpoint">{row.key}</code>
        {row.app && <span className="badge">{row.app}</span>}
        {row.role && <span className="badge">{row.role}</span>}
        <span className={`badge ${row.answersClockSync ? 'is-go' : ''}`}>
          {row.answersClockSync ? 'answers clock sync' : 'no clock sync'}
        </span>
        {row.isLocal && <span className="badge">this computer</span>}
      </div>
      <dl className="peer-figures">
        <Figure
          label="Clock offset"
          value={signed(clock?.offsetMs)}
          unit="ms"
          testId="peer-offset"
        />
        <Figure label="RTT" value={formatMs(clock?.rttMs)} unit="ms" testId="peer-rtt" />
        <Figure
          label="Sync error"
          value={syncError === null ? '–' : `±${formatMs(syncError)}`}
          unit="ms"
          testId="peer-sync-error"
        />
        <Figure label="Drift" value={signed(clock?.driftPpm)} unit="ppm" testId="peer-drift" />
        <Figure label="Jitter" value={formatMs(row.jitterMs)} unit="ms sd" testId="peer-jitter" />
      </dl>
      <p
        className={`verdict is-${verdict.kind}`}
        data-testid="peer-verdict"
        data-verdict={verdict.kind}
      >
        {verdict.text}
      </p>
      <div className="peer-actions">
        <button
          type="button"
          disabled={isDown}
          aria-describedby={error ? errorId : undefined}
          onClick={() => addMetronome(endpoint, field)}
          data-testid="peer-add-metronome"
        >
          + Metronome target
        </button>
        <button
          type="button"
          disabled={isDown}
          aria-describedby={error ? errorId : undefined}
          onClick={() => addTimecode(endpoint, field)}
          data-testid="peer-add-timecode"
        >
          + Timecode target
        </button>
      </div>
      <FieldError id={errorId} message={error} testId="peer-error" />
    </li>
  );
}
