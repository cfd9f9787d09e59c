/**
 * Permission policy: the page asks for nothing. It plays its ticks on the default audio output
 * (Web Audio needs no permission) and never records, locates, notifies, reads the clipboard,
 * picks an output device or touches hardware, so every request and every check is refused.
 */
import type { Session } from 'electron';

/** Permissions the page may have: none (see the file comment). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** Installs the policy on a session: requests, synchronous checks and device access alike. */
export function applyPermissionPolicy(session: Session, log: (line: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const isAllowed = ALLOWED_PERMISSIONS.has(permission);
    if (!isAllowed) {
      log(`[permissions] denied ${permission} (asked by ${details.requestingUrl || 'unknown'})`);
    }
    callback(isAllowed);
  });
  // Checks are how Chromium asks without prompting (e.g. before listing devices): same answer.
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
  // HID, serial and USB devices: never, whatever a chooser might have granted.
  session.setDevicePermissionHandler(() => false);
}
