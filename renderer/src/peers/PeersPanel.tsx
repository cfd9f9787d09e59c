/**
 * Clock sync and peers: this page's clock against the engine's, the OSC programs found on the
 * network merged with the clocks the engine measures, whether forward sync can remove the
 * network's jitter for each (clock-sync error < jitter), one-click targets, a peer typed by hand,
 * and whether this engine advertises its own receiver.
 */
import { useMemo } from 'react';
import { useApp } from '../app-context';
import { FieldError } from '../controls/FieldError';
import { Panel } from '../controls/Panel';
import { isOffline } from '../store/slices/connection';
import { ManualPeer } from './ManualPeer';
import { PageClockLine } from './PageClockLine';
import { PeerItem } from './PeerItem';
import { peerRows } from './peer-rows';

function discoveryText(peers: ReturnType<typeof usePeers>): string {
  if (peers === null) return 'Discovery: waiting for the engine…';
  if (!peers.isAvailable) return `Discovery is off${peers.problem ? `: ${peers.problem}` : '.'}`;
  if (peers.problem) return `Discovery: ${peers.problem}`;
  return peers.isAdvertising && peers.advertisedName
    ? `Advertised as “${peers.advertisedName}”.`
    : 'Not advertised: others will not find this receiver (they can still type its address).';
}

const usePeers = () => useApp((s) => s.peers);

/** See the file comment. */
export function PeersPanel() {
  const peers = usePeers();
  const clocks = useApp((s) => s.clocks);
  const measurements = useApp((s) => s.measurements);
  const advertiseError = useApp((s) => s.peersErrors.advertise);
  const isBusy = useApp((s) => s.isAdvertiseBusy);
  const setAdvertising = useApp((s) => s.setAdvertising);
  const isDown = useApp(isOffline);
  const rows = useMemo(() => peerRows(peers, clocks, measurements), [peers, clocks, measurements]);
  return (
    <Panel
      title="Clock sync & peers"
      className="peers"
      testId="peers-panel"
      actions={
        <label className="advertise-toggle">
          <input
            type="checkbox"
            checked={peers?.isAdvertisingEnabled ?? false}
            disabled={isDown || isBusy || peers === null || !peers.isAvailable}
            onChange={(e) => void setAdvertising(e.target.checked)}
            aria-describedby={advertiseError ? 'advertise-error' : undefined}
            data-testid="peers-advertise"
          />
          Advertise
        </label>
      }
    >
      <PageClockLine />
      <p className="peers-discovery" data-testid="peers-discovery">
        {discoveryText(peers)}
      </p>
      <FieldError id="advertise-error" message={advertiseError} testId="advertise-error" />
      {rows.length === 0 ? (
        <p className="empty">
          No peers yet. Other Syncroscopes and OSC programs appear here when they advertise or send
          to this receiver.
        </p>
      ) : (
        <ol className="peer-list" data-testid="peer-list">
          {rows.map((row) => (
            <PeerItem key={row.key} row={row} />
          ))}
        </ol>
      )}
      <ManualPeer />
    </Panel>
  );
}
