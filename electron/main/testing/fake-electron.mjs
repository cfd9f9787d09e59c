// A stand-in for the 'electron' module (its binary cannot run here): the unit tests mock
// 'electron' with it (vi.mock), and the smoke test loads the BUILT main process with it in plain
// Node. It records what main does in globalThis.__fakeElectron and behaves like Electron where
// main relies on it: events with preventDefault, window close -> window-all-closed, quit.
import { EventEmitter } from 'node:events';

const state = {
  handlers: new Map(),
  windows: [],
  sent: [],
  menu: null,
  /** The session's handlers: request, check, device. */
  permissions: {},
  /** Displays as `screen` reports them; the first is the primary one. */
  displays: [{ id: 1, workArea: { x: 0, y: 25, width: 1920, height: 1055 } }],
  messageBoxes: [],
  openedPaths: [],
  openedExternal: [],
  userData: process.env.FAKE_USER_DATA ?? '',
  appPath: process.cwd(),
  quitCount: 0,
  exitCode: null,
  /** The preload's side: what it exposed, and the renderer IPC it used. */
  exposed: {},
  invoked: [],
  rendererListeners: new Map(),
};
globalThis.__fakeElectron = state;
/** What main did, for tests in the same process. */
export { state as fakeState };

/** An Electron-like event: preventDefault is recorded. */
export function fakeEvent(fields = {}) {
  const event = { ...fields, defaultPrevented: false };
  event.preventDefault = () => void (event.defaultPrevented = true);
  return event;
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock = () => true;
  enableSandbox = () => {};
  whenReady = () => Promise.resolve();
  getPath = () => state.userData;
  getAppPath = () => state.appPath;
  exit = (code) => {
    state.exitCode = code;
    if (!process.env.VITEST) process.exit(code);
  };
  quit = () => {
    state.quitCount++;
    const event = fakeEvent();
    this.emit('will-quit', event);
    if (!event.defaultPrevented) this.emit('quit');
  };
}
export const app = new FakeApp();
state.app = app;

export class BrowserWindow extends EventEmitter {
  static getAllWindows = () => state.windows.filter((w) => !w.destroyed);
  destroyed = false;
  /** What getNormalBounds answers; a test moves the window by setting it. */
  normalBounds;
  constructor(options) {
    super();
    this.options = options;
    const { x = 0, y = 0, width, height } = options;
    this.normalBounds = { x, y, width, height };
    const contents = new EventEmitter();
    contents.mainFrame = { processId: 1, routingId: 1, url: '' };
    contents.isDestroyed = () => this.destroyed;
    contents.setWindowOpenHandler = (handler) => (this.windowOpenHandler = handler);
    contents.send = (channel, payload) => state.sent.push({ channel, payload });
    this.webContents = contents;
    state.windows.push(this);
  }
  loadURL(url) {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  /** As the user closing it: 'close' (preventable), then gone; the last one ends the app. */
  close() {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
  isDestroyed = () => this.destroyed;
  isMinimized = () => false;
  getSize = () => [this.normalBounds.width, this.normalBounds.height];
  getNormalBounds = () => ({ ...this.normalBounds });
  show() {}
  focus() {}
  restore() {}
}

export const ipcMain = {
  handle: (channel, handler) => state.handlers.set(channel, handler),
  removeHandler: (channel) => state.handlers.delete(channel),
};
export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (menu) => (state.menu = menu),
};
export const screen = {
  getAllDisplays: () => state.displays,
  getPrimaryDisplay: () => state.displays[0],
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => (state.permissions.request = h),
    setPermissionCheckHandler: (h) => (state.permissions.check = h),
    setDevicePermissionHandler: (h) => (state.permissions.device = h),
  },
};
export const dialog = {
  showMessageBox: (...args) => (state.messageBoxes.push(args), Promise.resolve({ response: 0 })),
};
export const shell = {
  openExternal: (url) => (state.openedExternal.push(url), Promise.resolve()),
  openPath: (path) => (state.openedPaths.push(path), Promise.resolve('')),
};
export const contextBridge = {
  exposeInMainWorld: (key, api) => (state.exposed[key] = api),
};
export const ipcRenderer = {
  invoke: (channel, payload) => (state.invoked.push({ channel, payload }), Promise.resolve('sent')),
  on: (channel, listener) =>
    state.rendererListeners.set(channel, [
      ...(state.rendererListeners.get(channel) ?? []),
      listener,
    ]),
  removeListener: (channel, listener) =>
    state.rendererListeners.set(
      channel,
      (state.rendererListeners.get(channel) ?? []).filter((l) => l !== listener),
    ),
};
export default {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  screen,
  session,
  dialog,
  shell,
  contextBridge,
  ipcRenderer,
};
