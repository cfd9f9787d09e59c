// A stand-in for the 'electron' module, for smoke-loading the BUILT main process in plain Node
// (see smoke.test.ts). It records what main does in globalThis.__fakeElectron.
import { EventEmitter } from 'node:events';

const state = {
  handlers: new Map(),
  windows: [],
  sent: [],
  menu: null,
  permissions: {},
  quitCount: 0,
};
globalThis.__fakeElectron = state;

class FakeApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock = () => true;
  enableSandbox = () => {};
  whenReady = () => Promise.resolve();
  getPath = () => process.env.FAKE_USER_DATA;
  exit = (code) => process.exit(code);
  quit = () => {
    state.quitCount++;
    let isPrevented = false;
    this.emit('will-quit', { preventDefault: () => (isPrevented = true) });
    if (!isPrevented) this.emit('quit');
  };
}
export const app = new FakeApp();
state.app = app;

export class BrowserWindow extends EventEmitter {
  static getAllWindows = () => state.windows;
  constructor(options) {
    super();
    this.options = options;
    const contents = new EventEmitter();
    contents.mainFrame = { processId: 1, routingId: 1, url: '' };
    contents.isDestroyed = () => false;
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
  isDestroyed = () => false;
  isMinimized = () => false;
  getSize = () => [this.options.width, this.options.height];
  show() {}
  focus() {}
}

export const ipcMain = {
  handle: (channel, handler) => state.handlers.set(channel, handler),
  removeHandler: (channel) => state.handlers.delete(channel),
};
export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (menu) => (state.menu = menu),
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => (state.permissions.request = h),
    setPermissionCheckHandler: (h) => (state.permissions.check = h),
  },
};
export const dialog = { showMessageBox: () => Promise.resolve({ response: 0 }) };
export const shell = { openExternal: () => Promise.resolve() };
export default { app, BrowserWindow, ipcMain, Menu, session, dialog, shell };
