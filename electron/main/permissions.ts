/** Permission policy: refuse everything a page may ask for, except choosing the audio output. */
import type { Session } from 'electron';

/** The only permission granted: `selectAudioOutput()`/`setSinkId` (playing audio needs none). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['speaker-selection']);

/** Installs the policy on a session (requests and synchronous checks alike). */
export function applyPermissionPolicy(session: Session, log: (line: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const isAllowed = ALLOWED_PERMISSIONS.has(permission);
    if (!isAllowed) log(`[ipc] denied permission request: ${permission}`);
    callback(isAllowed);
  });
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}
