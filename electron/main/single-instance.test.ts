import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ quit: vi.fn(), whenReady: vi.fn(() => Promise.resolve()) }));

vi.mock('electron', () => ({
  app: {
    requestSingleInstanceLock: () => false, // another Syncroscope already runs
    quit: fake.quit,
    whenReady: fake.whenReady,
    on: vi.fn(),
    enableSandbox: vi.fn(),
  },
  BrowserWindow: class {},
  ipcMain: { handle: vi.fn() },
  Menu: {},
  session: {},
  dialog: {},
  shell: {},
}));

describe('a second instance', () => {
  it('quits at once without a window or an engine (the first one owns the UDP ports)', async () => {
    await import('./index');
    expect(fake.quit).toHaveBeenCalled();
    expect(fake.whenReady).not.toHaveBeenCalled();
  });
});
