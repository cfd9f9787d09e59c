/** The main window with the secure defaults; every flag says why. */
import { BrowserWindow, type WebContents } from 'electron';
import type { WindowBounds } from './window-bounds';

/** Options for {@link createMainWindow}. */
export interface MainWindowOptions {
  preloadPath: string;
  /** The page: a file:// URL of out/renderer/index.html, or the dev server in development. */
  pageUrl: string;
  /** Size, and position when a display still shows it (see window-bounds.ts). */
  bounds: WindowBounds;
}

/** Creates the window and loads the page; navigation, webviews and new windows are denied. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  // The preferences stay literal in this call so that static checks (Electronegativity) see them.
  // electronegativity-accept AUXCLICK_JS_CHECK: a middle click opens nothing (guardContents denies)
  const win = new BrowserWindow({
    ...options.bounds,
    minWidth: 640,
    minHeight: 480,
    title: 'Syncroscope',
    show: false,
    webPreferences: {
      // electronegativity-accept PRELOAD_JS_CHECK: it exposes 2 typed functions, never ipcRenderer
      preload: options.preloadPath, // the one typed facade (window.syncroscope), one CJS file
      contextIsolation: true, // the page cannot reach the preload's scope or Electron internals
      nodeIntegration: false, // no require() or process in the page
      nodeIntegrationInWorker: false, // nor in its workers
      nodeIntegrationInSubFrames: false, // nor in frames
      sandbox: true, // the renderer is an OS-sandboxed Chromium process
      webSecurity: true, // same-origin policy stays on
      allowRunningInsecureContent: false, // no http scripts in our page
      experimentalFeatures: false, // no unfinished web platform features
      webviewTag: false, // no <webview>: it could embed arbitrary content with its own preferences
      navigateOnDragDrop: false, // a file dropped on the window must not replace the page
      spellcheck: false, // no dictionary downloads
      // The timing-critical window: hidden or minimized, Chromium would throttle its timers and
      // rAF to 1 Hz, so look-ahead audio scheduling would miss its ticks.
      backgroundThrottling: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  guardContents(win.webContents);
  void win.loadURL(options.pageUrl);
  return win;
}

/**
 * The page never navigates, embeds webviews or opens windows: any of those would leave our CSP
 * and our IPC sender checks. The page links nowhere outside itself (the CSV export is a
 * download, not a navigation), so nothing is handed to the system browser either.
 */
function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  // Frames (the page has none) may not navigate either; the main frame is will-navigate's.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Links with target=_blank, window.open() and middle clicks all end here.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
