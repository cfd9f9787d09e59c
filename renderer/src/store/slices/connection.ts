/** The link to the host, and the banner for problems that belong to no field. */
import type { ConnectionState } from '../../bridge';
import { isConnectionError, messageOf } from './errors';
import type { Slice, SliceDeps } from './types';

/** See the file comment. */
export interface ConnectionSlice {
  connection: ConnectionState;
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

/** Creates the slice. */
export const createConnectionSlice =
  (deps: SliceDeps): Slice<ConnectionSlice> =>
  (set, get) => ({
    connection: deps.bridge.connection,
    bannerError: null,
    setConnection(connection) {
      // Back online: the banner's "not connected" no longer applies.
      set(connection === 'open' ? { connection, bannerError: null } : { connection });
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
