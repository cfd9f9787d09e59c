/**
 * The composition root with a mocked 'electron' (the binary cannot run here) and the REAL engine
 * thread: registrations, window preferences, validation and sender checks as Electron would see them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandNames } from '../../shared/ipc';

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

const fake = vi.hoisted(() => {
  const listeners = new Map<string, Array<(...a: unknown[]) => void>>();
  const emitter = () => {
    const on = new Map<string, Array<(...a: unknown[]) => void>>();
    return {
      on: (name: string, fn: (...a: unknown[]) => void) =>
        void on.set(name, [...(on.get(name) ?? []), fn]),
      emit: (name: string, ...args: unknown[]) => on.get(name)?.forEach((fn) => fn(...args)),
    };
  };
  return {
    userData: '',
    handlers: new Map<string, Handler>(),
    windows: [] as Array<{
      options: Record<string, unknown>;
      url: string;
      contents: ReturnType<typeof emitter> & Record<string, unknown>;
    }>,
    sent: [] as Array<{ channel: string; payload: unknown }>,
    permissionRequest: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    messageBoxes: [] as unknown[],
    listeners,
    emitter,
    quit: vi.fn(),
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    static getAllWindows = () => [];
    constructor(options: Record<string, unknown>) {
      const contents = {
        ...fake.emitter(),
        mainFrame: { processId: 4, routingId: 1, url: '' },
        isDestroyed: () => false,
        setWindowOpenHandler: vi.fn(),
        send: (channel: string, payload: unknown) => fake.sent.push({ channel, payload }),
      };
      this.webContents = contents;
      fake.windows.push({ options, url: '', contents: contents as never });
    }
    loadURL(url: string) {
      fake.windows.at(-1)!.url = url;
      (this.webContents.mainFrame as { url: string }).url = url;
      return Promise.resolve();
    }
    once() {}
    on() {}
    isDestroyed = () => false;
    getSize = () => [1280, 800];
  }
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    enableSandbox: vi.fn(),
    whenReady: () => Promise.resolve(),
    getPath: () => fake.userData,
    on: (name: string, fn: (...a: unknown[]) => void) =>
      fake.listeners.set(name, [...(fake.listeners.get(name) ?? []), fn]),
    quit: fake.quit,
    exit: vi.fn(),
  };
  return {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (c: string, h: Handler) => fake.handlers.set(c, h),
      removeHandler: (c: string) => fake.handlers.delete(c),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof fake.permissionRequest) =>
          (fake.permissionRequest = h),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    dialog: {
      showMessageBox: (...a: unknown[]) => (
        fake.messageBoxes.push(a),
        Promise.resolve({ response: 0 })
      ),
    },
    shell: { openExternal: vi.fn() },
  };
});

const ownFrame = () => {
  const contents = fake.windows[0]!.contents;
  return { sender: contents, senderFrame: contents.mainFrame };
};
const invoke = (channel: string, payload: unknown, event: unknown = ownFrame()) =>
  fake.handlers.get(channel)!(event, payload);

beforeAll(async () => {
  fake.userData = mkdtempSync(join(tmpdir(), 'syncroscope-main-'));
  writeFileSync(join(fake.userData, 'settings.json'), '{ not json');
  vi.spyOn(console, 'log').mockImplementation(() => {});
  await import('./index');
  for (const end = Date.now() + 30_000; fake.windows.length === 0;) {
    if (Date.now() > end) throw new Error('main never opened its window');
    await new Promise((r) => setTimeout(r, 20));
  }
}, 40_000);

afterAll(async () => {
  // The app's own shutdown path: will-quit disposes the engine thread, then quits.
  const event = { preventDefault: vi.fn() };
  fake.listeners.get('will-quit')?.forEach((fn) => fn(event));
  expect(event.preventDefault).toHaveBeenCalled();
  await vi.waitFor(() => expect(fake.quit).toHaveBeenCalled(), { timeout: 5000 });
});

describe('Electron main (mocked electron, real engine thread)', () => {
  it('registers every contract command, and only those, with ipcMain.handle', () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...commandNames].sort());
  });

  it('opens one window with the secure preferences and the built page', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
      backgroundThrottling: false,
    });
    expect(String(prefs.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(fake.windows[0]!.url).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
  });

  it('forwards a valid command to the engine and returns its result', async () => {
    expect(await invoke('engine:get', {})).toMatchObject({
      ok: true,
      value: { receiver: { status: 'stopped' } },
    });
  });

  it('rejects a bad payload with a clear error before it reaches the engine', async () => {
    const r = await invoke('osc:send', { host: '127.0.0.1', port: 99999, address: 'no-slash' });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'invalid',
        field: ['port'],
        issues: [{ field: ['port'] }, { field: ['address'] }],
      },
    });
    expect((r as { error: { message: string } }).error.message).toMatch(
      /^Invalid "osc:send" request: .*at port.*address must start with '\/'/,
    );
  });

  it('refuses commands from another frame or another webContents', async () => {
    const contents = fake.windows[0]!.contents;
    const iframe = {
      sender: contents,
      senderFrame: { processId: 4, routingId: 2, url: fake.windows[0]!.url },
    };
    const stranger = { sender: {}, senderFrame: contents.mainFrame };
    const navigated = {
      sender: contents,
      senderFrame: { ...(contents.mainFrame as object), url: 'https://evil.example/' },
    };
    for (const event of [iframe, stranger, navigated, { sender: contents, senderFrame: null }]) {
      expect(await invoke('receiver:start', { port: 0 }, event)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(await invoke('engine:get', {})).toMatchObject({
      ok: true,
      value: { receiver: { status: 'stopped' } },
    });
  });

  it('pushes engine state to the window as the engine changes', async () => {
    const r = await invoke('receiver:start', { port: 0 });
    expect(r).toMatchObject({ ok: true, value: { receiver: { status: 'listening' } } });
    await vi.waitFor(() =>
      expect(fake.sent.some((s) => s.channel === 'engine:changed')).toBe(true),
    );
    await invoke('receiver:stop', {});
  });

  it('denies every permission request except choosing the audio output', () => {
    const answers: Record<string, boolean> = {};
    for (const p of ['media', 'geolocation', 'notifications', 'speaker-selection']) {
      fake.permissionRequest!(null, p, (ok) => (answers[p] = ok));
    }
    expect(answers).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      'speaker-selection': true,
    });
  });

  it('denies navigation away from the page', () => {
    const event = { preventDefault: vi.fn() };
    fake.windows[0]!.contents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('starts with defaults and tells the user when the settings file is corrupt', () => {
    expect(fake.windows[0]!.options).toMatchObject({ width: 1280, height: 800 });
    expect(JSON.stringify(fake.messageBoxes)).toMatch(/settings file was unreadable/);
  });
});
