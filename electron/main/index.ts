/**
 * Electron main process: the composition root. It builds the window with the secure defaults
 * below; the engine and the typed IPC contract are registered here as they land.
 */
import { join } from 'node:path';
import { app, BrowserWindow, session, shell } from 'electron';

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Syncroscope',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true, // the page cannot reach the preload's scope or Electron internals
      nodeIntegration: false, // no require() or process in the page
      sandbox: true, // the renderer runs as an OS-sandboxed Chromium process
      webSecurity: true, // same-origin policy stays on
      backgroundThrottling: false, // a hidden window must keep scheduling audio on time
    },
  });
  // No navigation away from the app and no new windows: links open in the system browser.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadFile(join(__dirname, '../renderer/index.html'));
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    // Deny every permission request (camera, microphone, notifications...): audio output needs none.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
      callback(false),
    );
    createWindow();
  });
  app.on('window-all-closed', () => app.quit());
}
