/**
 * The link to the host, and the banner for problems that belong to no field. While the link is
 * down the screen says so at once, the controls that need the engine are disabled, and the
 * figures are marked as stale from the moment the link went.
 */
import type { ConnectionState } from '../../bridge';
import { isConnectionError, messageOf } from './errors';
import type { Slice, SliceDeps } from './types';

/** See the file comment. */
export interface ConnectionSlice {
  connection: ConnectionState;
  /** True once the page has been connected at least once (the first 'connecting' is no loss). */
  wasEverOpen: boolean;
  /** When the link went down (wall-clock ms), or null while it is up. */
  lostAtMs: number | null;
  /** Shown in the banner (e.g. "Not connected to the Syncroscope host"). */
  bannerError: string | null;
  setConnection(state: ConnectionState): void;
  /** Puts a command's failure in the banner. */
  showBannerError(error: unknown): void;
  dismissBannerError(): void;
  /**
   * Routes a failure: connection problems to the banner, anything else to `onField`.
   * Returns true when it went to the banner.
   */
  routeError(error: unknown, onField: (message: string) => void): boolean;
}

/** True when commands cannot reach the engine: controls that need it are disabled. */
export const isOffline = (s: Pick<ConnectionSlice, 'connection'>): boolean =>
  s.connection !== 'open';

/** Creates the slice. */
export const createConnectionSlice =
  (deps: SliceDeps): Slice<ConnectionSlice> =>
  (set, get) => ({
    connection: deps.bridge.connection,
    wasEverOpen: deps.bridge.connection === 'open',
    lostAtMs: null,
    bannerError: null,
    setConnection(connection) {
      if (connection === 'open') {
        // Back online: the banner's "not connected" no longer applies.
        set({ connection, wasEverOpen: true, lostAtMs: null, bannerError: null });
      } else {
        set({ connection, lostAtMs: get().lostAtMs ?? deps.now() });
      }
    },
    showBannerError(error) {
      set({ bannerError: messageOf(error) });
    },
    dismissBannerError() {
      set({ bannerError: null });
    },
    routeError(error, onField) {
      if (isConnectionError(error)) {
        get().showBannerError(error);
        return true;
      }
      onField(messageOf(error));
      return false;
    },
  });
