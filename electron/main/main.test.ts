/**
 * The composition root with a fake 'electron' (the binary cannot run here) and the REAL engine
 * thread: registrations, window preferences, navigation and permission policy, validation and
 * sender checks as Electron would see them.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandNames } from '../../shared/ipc';
import { fakeEvent, fakeState as fake } from './testing/fake-electron.mjs';

vi.mock('electron', () => import('./testing/fake-electron.mjs'));

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const win = () => fake.windows[0]!;
const ownFrame = () => ({ sender: win().webContents, senderFrame: win().webContents.mainFrame });
const invoke = (channel: string, payload: unknown, event: unknown = ownFrame()) =>
  fake.handlers.get(channel)!(event, payload);

beforeAll(async () => {
  fake.userData = mkdtempSync(join(tmpdir(), 'syncroscope-main-'));
  fake.appPath = repoRoot;
  writeFileSync(join(fake.userData, 'settings.json'), '{ not json');
  vi.spyOn(console, 'log').mockImplementation(() => {});
  await import('./index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 30_000, interval: 20 });
}, 40_000);

afterAll(async () => {
  // The app's own shutdown path: will-quit disposes the engine thread, then quits.
  const quits = fake.quitCount;
  fake.app.quit();
  await vi.waitFor(() => expect(fake.quitCount).toBeGreaterThan(quits + 1), { timeout: 5000 });
});

describe('Electron main (fake electron, real engine thread)', () => {
  it('registers every contract command, and only those, with ipcMain.handle', () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...commandNames].sort());
  });

  it('opens one window with the secure preferences and the built page', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = win().options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      backgroundThrottling: false,
    });
    expect(String(prefs.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(win().loadedUrl).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
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

  it('answers a malformed payload to every command with an "invalid" result, never a rejection', async () => {
    for (const command of commandNames) {
      for (const payload of ['garbage', 42, true, [1, 2]]) {
        const result = await invoke(command, payload);
        expect(result, `${command} <- ${String(payload)}`).toMatchObject({
          ok: false,
          error: { code: 'invalid', message: expect.stringMatching(`^Invalid "${command}"`) },
        });
      }
    }
    expect(await invoke('engine:get', {})).toMatchObject({ ok: true });
  });

  it('refuses commands from another frame or another webContents', async () => {
    const contents = win().webContents;
    const iframe = {
      sender: contents,
      senderFrame: { processId: 1, routingId: 2, url: win().loadedUrl },
    };
    const stranger = { sender: {}, senderFrame: contents.mainFrame };
    const navigated = {
      sender: contents,
      senderFrame: { ...contents.mainFrame, url: 'https://evil.example/' },
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

  it('denies every permission request, check and device (audio output needs none)', () => {
    const { request, check, device } = fake.permissions;
    const permissions = [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'speaker-selection',
      'fullscreen',
      'hid',
      'serial',
      'usb',
      'midi',
      'openExternal',
    ];
    const answers = new Map<string, boolean>();
    const details = { requestingUrl: win().loadedUrl, isMainFrame: true };
    for (const p of permissions)
      request!(win().webContents, p, (ok) => answers.set(p, ok), details);
    expect([...answers]).toEqual(permissions.map((p) => [p, false]));
    for (const p of permissions) {
      expect(check!(win().webContents, p, 'file:///', details), p).toBe(false);
    }
    expect(device!({ deviceType: 'hid', device: {}, origin: 'file://' })).toBe(false);
  });

  it('blocks navigation, redirects, frame navigation and webviews', () => {
    const contents = win().webContents;
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = fakeEvent({ url: 'https://evil.example/' });
      contents.emit(name, event, 'https://evil.example/');
      expect(event.defaultPrevented, name).toBe(true);
    }
    const frame = fakeEvent({ url: 'https://evil.example/', isMainFrame: false });
    contents.emit('will-frame-navigate', frame);
    expect(frame.defaultPrevented).toBe(true);
    // The main frame's own navigation is will-navigate's to refuse (above), not this handler's.
    const main = fakeEvent({ url: 'https://evil.example/', isMainFrame: true });
    contents.emit('will-frame-navigate', main);
    expect(main.defaultPrevented).toBe(false);
  });

  it('opens no new window for any link or window.open(), and hands none to the system', () => {
    const open = win().windowOpenHandler!;
    for (const url of [
      'https://example.org/docs',
      'http://example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'about:blank',
      'smb://host/share',
    ]) {
      expect(open({ url }), url).toEqual({ action: 'deny' });
    }
    expect(fake.openedExternal).toEqual([]);
  });

  it('shows the companion Pure Data patches from the Help menu', () => {
    const help = fake.menu!.find((m) => m.role === 'help') as {
      submenu: Array<{ label: string; click: () => void }>;
    };
    help.submenu.find((item) => /patches/i.test(item.label))!.click();
    const dir = join(repoRoot, 'assets', 'peers');
    expect(fake.openedPaths).toEqual([dir]);
    expect(existsSync(dir)).toBe(true);
  });

  it('starts with defaults and tells the user when the settings file is corrupt', () => {
    expect(win().options).toMatchObject({ width: 1280, height: 800 });
    expect(JSON.stringify(fake.messageBoxes)).toMatch(/settings file was unreadable/);
  });
});
