/**
 * Electron main process: the composition root. Start reading here: it builds the settings, the
 * engine thread, the contract's IPC and the window, and passes each its dependencies.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, screen, session, shell } from 'electron';
import { createEngineThread, type EngineThread } from '../engine/thread/engine-thread';
import { isRealtimeWanted } from '../engine/thread/realtime';
import { builtAppPaths, companionPatchesDir } from './app-paths';
import { registerContractIpc, type ContractIpc } from './ipc';
import { appMenuTemplate } from './menu';
import { applyPermissionPolicy } from './permissions';
import { createSettingsStore } from './settings';
import { createSenderCheck } from './trusted-sender';
import { createMainWindow } from './window';
import { boundsToSave, restoreBounds } from './window-bounds';

const here = fileURLToPath(new URL('.', import.meta.url)); // out/main in the build
const paths = builtAppPaths(here);
const log = (line: string): void => console.log(line);

/** The page: the built renderer, or electron-vite's dev server during `npm run dev`. */
function pageUrl(): string {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devUrl) return devUrl;
  return pathToFileURL(paths.page).href;
}

/** Opens the companion patches' folder; a failure is shown, never thrown. */
async function showPatches(): Promise<void> {
  const dir = companionPatchesDir({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
  const problem = await shell.openPath(dir);
  if (problem) {
    log(`[main] could not open ${dir}: ${problem}`);
    void dialog.showMessageBox({
      type: 'info',
      message: 'The Pure Data patches are in',
      detail: dir,
    });
  }
}

async function main(): Promise<void> {
  const settings = createSettingsStore({
    file: join(app.getPath('userData'), 'settings.json'),
    log,
  });
  applyPermissionPolicy(session.defaultSession, log);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        isMac: process.platform === 'darwin',
        isDev: !app.isPackaged,
        onShowPatches: () => void showPatches(),
      }),
    ),
  );

  const engine: EngineThread = await createEngineThread({
    log,
    discovery: true,
    realtime: isRealtimeWanted(),
  });
  const page = pageUrl();
  let window: BrowserWindow | null = null;
  // Handlers exist before the page loads: its first command must not race them.
  const ipc: ContractIpc = registerContractIpc({
    service: engine,
    isTrustedSender: createSenderCheck(() => window, page),
    targets: () => (window && !window.isDestroyed() ? [window.webContents] : []),
    log,
  });
  window = createMainWindow({
    preloadPath: paths.preload,
    pageUrl: page,
    bounds: restoreBounds(
      settings.get().window,
      screen.getAllDisplays().map((display) => display.workArea),
      screen.getPrimaryDisplay().workArea,
    ),
  });
  window.on('close', () => {
    if (!window || window.isDestroyed()) return;
    const bounds = boundsToSave(window.getNormalBounds()); // not the maximized or full-screen ones
    void settings.save({ ...settings.get(), window: bounds }); // the store logs a failed write
  });
  if (settings.problem) {
    void dialog.showMessageBox(window, {
      type: 'warning',
      message: 'Some settings could not be used',
      detail: settings.problem,
    });
  }

  let isQuitting = false;
  app.on('will-quit', (event) => {
    if (isQuitting) return;
    // Close the engine's sockets and end its thread before the process goes.
    event.preventDefault();
    isQuitting = true;
    ipc.dispose();
    // The window's bounds were saved on close: that write must land before the process ends.
    void Promise.allSettled([engine.dispose(), settings.whenWritten()]).finally(() => app.quit());
  });
}

// Two instances would fight over the same UDP ports: the second hands over to the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox(); // every renderer sandboxed, whatever a window's preferences say
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(main)
    .catch((error: Error) => {
      log(`[main] startup failed: ${error.stack ?? error.message}`);
      app.exit(1);
    });
}
