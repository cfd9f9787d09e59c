/**
 * The transport's word on the receiver when it is not listening: ticks would be sent but
 * nothing measured. It says why (the engine's words, e.g. a port held by another program) and
 * offers the fix in place: listen on a free port (this computer's targets follow it) or retry.
 */
import { useApp } from '../app-context';
import { isOffline } from '../store/slices/connection';

/** See the file comment. */
export function ReceiverNotice() {
  const receiver = useApp((s) => s.engine?.receiver ?? null);
  const problem = useApp((s) => s.receiverError);
  const port = useApp((s) => s.receiver.port);
  const isBusy = useApp((s) => s.isReceiverBusy);
  const isDown = useApp(isOffline);
  const start = useApp((s) => s.startReceiver);
  const startOnFreePort = useApp((s) => s.startReceiverOnFreePort);
  if (isDown || !receiver || (receiver.status === 'listening' && !problem)) return null;

  const pushed = receiver.status === 'error' ? receiver.error : null;
  const why = problem?.message ?? pushed;
  // A failed switch keeps the old listener: ticks sent to the new port are still not measured.
  const still = receiver.status === 'listening' ? receiver.port : null;
  return (
    <div className="receiver-notice" role="status" data-testid="receiver-notice">
      <p>
        {isBusy ? (
          <>Starting the receiver on port {port}…</>
        ) : why ? (
          <>
            <strong>
              {still === null
                ? 'Not listening, so nothing is measured.'
                : `Still listening on ${still}, not ${port}: ticks sent to ${port} are not measured.`}
            </strong>{' '}
            {why}
          </>
        ) : (
          <>
            <strong>The receiver is stopped:</strong> ticks are sent, but nothing is measured on
            this computer.
          </>
        )}
      </p>
      {!isBusy && (
        <div className="receiver-notice-actions">
          {why && (
            <button
              type="button"
              onClick={() => void startOnFreePort()}
              data-testid="receiver-free-port"
            >
              Listen on a free port
            </button>
          )}
          <button type="button" onClick={() => void start()} data-testid="receiver-retry">
            {why ? `Try port ${port} again` : `Listen on port ${port}`}
          </button>
        </div>
      )}
    </div>
  );
}
