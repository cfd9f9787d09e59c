/**
 * The one place in the renderer that knows about hosts: inside Electron it uses the preload's
 * `window.syncroscope`; in a browser a WebSocket to the web host that served the page (with the
 * access token from the page's URL). The rest of the UI sees only a {@link Bridge}.
 */
import { WS_PATH } from '../../../shared/ipc/names';
import { createBridge, type Bridge } from './bridge';
import { createElectronTransport } from './electron-transport';
import { createWsTransport } from './ws-transport';
import './global';

export { CommandError, type Bridge } from './bridge';
export type { ConnectionState } from './transport';

/** The WebSocket URL for a page served by the web host. */
export function webSocketUrl(location: Pick<Location, 'href' | 'protocol' | 'search'>): string {
  const url = new URL(WS_PATH, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(location.search).get('token');
  if (token) url.searchParams.set('token', token);
  return url.href;
}

/**
 * Takes the access token out of the address bar (history.replaceState: no reload, no new history
 * entry), so it is not left in the bar, the history, bookmarks or a screenshot. Other query
 * parameters and the fragment stay. The host has set its cookie by now; the WebSocket URL keeps
 * the token in memory for reconnects.
 */
export function removeTokenFromAddress(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'>,
): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

/** Connects to whichever host serves this page. */
export function connectBridge(): Bridge {
  const api = window.syncroscope;
  if (api) return createBridge(createElectronTransport(api));
  const url = webSocketUrl(window.location); // read before the address loses the token
  removeTokenFromAddress(window.location, window.history);
  return createBridge(createWsTransport({ url }));
}
