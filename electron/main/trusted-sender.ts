/**
 * Which IPC senders are ours: the main frame of our window, showing the page we loaded. Iframes,
 * other windows, and our window after an (already denied) navigation are refused.
 */
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';

/** True when `url` is the app's page: the exact file we loaded, or the dev server's origin. */
export function isAppUrl(url: string, pageUrl: string): boolean {
  try {
    const u = new URL(url);
    const page = new URL(pageUrl);
    if (page.protocol === 'file:') return u.protocol === 'file:' && u.pathname === page.pathname;
    return u.origin === page.origin;
  } catch {
    return false;
  }
}

/** Builds the check for {@link registerContractIpc}'s `isTrustedSender`. */
export function createSenderCheck(
  getWindow: () => BrowserWindow | null,
  pageUrl: string,
): (event: IpcMainInvokeEvent) => boolean {
  return (event) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
    const frame = event.senderFrame;
    const main = win.webContents.mainFrame;
    return (
      frame !== null &&
      frame.processId === main.processId &&
      frame.routingId === main.routingId &&
      isAppUrl(frame.url, pageUrl)
    );
  };
}
