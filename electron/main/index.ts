/**
 * Electron main process: the composition root. Start reading here: it builds the settings, the
 * engine thread, the contract's IPC and the window, and passes each its dependencies.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { createEngineThread, type EngineThread } from '../engine/thread/engine-thread';
import { registerContractIpc, type ContractIpc } from './ipc';
import { appMenuTemplate } from './menu';
import { applyPermissionPolicy } from './permissions';
import { createSettingsStore } from './settings';
import { createSenderCheck } from './trusted-sender';
import { createMainWindow } from './window';

const here = fileURLToPath(new URL('.', import.meta.url)); // out/main in the build
const log = (line: string): void => console.log(line);

/** The page: the built renderer, or electron-vite's dev server during `npm run dev`. */
function pageUrl(): string {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devUrl) return devUrl;
  return pathToFileURL(join(here, '../renderer/index.html')).href;
}

async function main(): Promise<void> {
  const settings = createSettingsStore({
    file: join(app.getPath('userData'), 'settings.json'),
    log,
  });
  applyPermissionPolicy(session.defaultSession, log);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ isMac: process.platform === 'darwin', isDev: !app.isPackaged }),
    ),
  );

  const engine: EngineThread = await createEngineThread({ log, discovery: true });
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
    preloadPath: join(here, '../preload/index.cjs'),
    pageUrl: page,
    bounds: settings.get().window,
  });
  window.on('close', () => {
    const [width = 1280, height = 800] = window?.getSize() ?? [];
    void settings.save({ ...settings.get(), window: { width, height } });
  });
  if (settings.problem) {
    void dialog.showMessageBox(window, {
      type: 'warning',
      message: 'Settings reset',
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
    void engine.dispose().finally(() => app.quit());
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
