/** The main window with the secure defaults; every flag says why. */
import { BrowserWindow, shell, type WebPreferences } from 'electron';

/** The window's web preferences. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath, // the one typed facade (window.syncroscope), bundled to one CJS file
    contextIsolation: true, // the page cannot reach the preload's scope or Electron internals
    nodeIntegration: false, // no require() or process in the page
    nodeIntegrationInWorker: false, // nor in its workers
    sandbox: true, // the renderer is an OS-sandboxed Chromium process
    webSecurity: true, // same-origin policy stays on
    allowRunningInsecureContent: false, // no http scripts in our page
    webviewTag: false, // no <webview>: it could embed arbitrary content with its own preferences
    spellcheck: false, // no dictionary downloads
    // The timing-critical window: hidden or minimized, Chromium would throttle its timers and
    // rAF to 1 Hz, so look-ahead audio scheduling would miss its ticks.
    backgroundThrottling: false,
  };
}

/** Options for {@link createMainWindow}. */
export interface MainWindowOptions {
  preloadPath: string;
  /** The page: a file:// URL of out/renderer/index.html, or the dev server in development. */
  pageUrl: string;
  bounds: { width: number; height: number };
}

/** Creates the window and loads the page; navigation and new windows are denied. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    ...options.bounds,
    minWidth: 640,
    minHeight: 480,
    title: 'Syncroscope',
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  const contents = win.webContents;
  // The page never navigates: a link or script that tries would leave our CSP and our IPC checks.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No new windows; https links (documentation) open in the system browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(options.pageUrl);
  return win;
}
