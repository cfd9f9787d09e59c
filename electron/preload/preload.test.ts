/**
 * The preload facade with a fake 'electron': what the page gets as window.syncroscope, and that
 * nothing but contract-shaped channels (and no IPC event object) crosses it.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SyncroscopeBridge } from './index';
import { fakeState as fake } from '../main/testing/fake-electron.mjs';

vi.mock('electron', () => import('../main/testing/fake-electron.mjs'));

let bridge: SyncroscopeBridge;

beforeAll(async () => {
  await import('./index');
  bridge = fake.exposed.syncroscope as SyncroscopeBridge;
});

describe('preload facade (window.syncroscope)', () => {
  it('exposes exactly invoke and subscribe, never ipcRenderer', () => {
    expect(Object.keys(fake.exposed)).toEqual(['syncroscope']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('passes a contract command and its request to main', async () => {
    await expect(bridge.invoke('engine:get', {})).resolves.toBe('sent');
    expect(fake.invoked.at(-1)).toEqual({ channel: 'engine:get', payload: {} });
  });

  it('refuses channels that are not commands before they reach IPC', async () => {
    const before = fake.invoked.length;
    for (const channel of ['engine:changed', 'stream:ticks', 'ELECTRON_BROWSER_REQUIRE', '', 7]) {
      await expect(bridge.invoke(channel as never, {} as never)).rejects.toThrow(/not a command/);
    }
    expect(fake.invoked).toHaveLength(before);
  });

  it('delivers pushed payloads without the IPC event, and the remover stops them', () => {
    const got: unknown[] = [];
    const off = bridge.subscribe('engine:changed', (payload) => got.push(payload));
    const [forward] = fake.rendererListeners.get('engine:changed')!;
    forward!({ sender: 'the IPC event' }, { receiver: {} });
    expect(got).toEqual([{ receiver: {} }]);
    off();
    expect(fake.rendererListeners.get('engine:changed')).toEqual([]);
  });

  it('refuses to subscribe to anything but pushed channels', () => {
    expect(() => bridge.subscribe('engine:get' as never, () => {})).toThrow(/not a pushed channel/);
  });
});
