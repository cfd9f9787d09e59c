/**
 * The IPC module against a recording ipcMain and a scripted engine: what the page gets back when
 * things go wrong inside main (the full app with the real engine is main.test.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import { commandNames, type ContractEvent, type ContractService } from '../../shared/ipc';
import { registerContractIpc } from './ipc';

vi.mock('electron', () => import('./testing/fake-electron.mjs')); // ipc.ts defaults to its ipcMain

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

function setup(invoke: ContractService['invoke'], isTrusted = true) {
  const handlers = new Map<string, Handler>();
  const listeners = new Set<(event: ContractEvent) => void>();
  const sent: Array<[string, unknown]> = [];
  const lines: string[] = [];
  let isDestroyed = false;
  const contents = {
    isDestroyed: () => isDestroyed,
    send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
  };
  const service: ContractService = {
    invoke,
    onEvent: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
  };
  const ipc = registerContractIpc({
    ipcMain: {
      handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
      removeHandler: (channel: string) => void handlers.delete(channel),
    } as never,
    service,
    isTrustedSender: () => isTrusted,
    targets: () => [contents as never],
    log: (line) => void lines.push(line),
  });
  const call = (channel: string, payload: unknown) =>
    handlers.get(channel)!({ senderFrame: { url: 'file:///x' } }, payload);
  const push = (event: ContractEvent) => listeners.forEach((listener) => listener(event));
  return { ipc, handlers, sent, lines, call, push, destroy: () => (isDestroyed = true) };
}

describe('contract IPC in main', () => {
  it('answers with a "failed" result when the engine throws, instead of rejecting the call', async () => {
    const t = setup(() => Promise.reject(new Error('worker exploded')));
    await expect(t.call('engine:get', {})).resolves.toEqual({
      ok: false,
      error: { code: 'failed', message: '"engine:get" failed: worker exploded' },
    });
    expect(t.lines).toContain('[ipc] engine:get failed: worker exploded');
  });

  it('answers with a "failed" result when the engine throws synchronously', async () => {
    const t = setup(() => {
      throw new TypeError('not a function');
    });
    await expect(t.call('engine:get', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'failed' },
    });
  });

  it('never passes an invalid or untrusted request to the engine', async () => {
    const invoke = vi.fn(() => Promise.resolve({ ok: true, value: null }) as never);
    const t = setup(invoke);
    expect(await t.call('receiver:start', { port: 'eighty' })).toMatchObject({
      ok: false,
      error: { code: 'invalid', field: ['port'] },
    });
    const stranger = setup(invoke, false);
    expect(await stranger.call('engine:get', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('forwards pushed events to live windows only', () => {
    const t = setup(() => Promise.resolve({ ok: true, value: null }) as never);
    const event = { channel: 'engine:changed', payload: { a: 1 } } as unknown as ContractEvent;
    t.push(event);
    expect(t.sent).toEqual([['engine:changed', { a: 1 }]]);
    t.destroy();
    t.push(event);
    expect(t.sent).toHaveLength(1);
  });

  it('unregisters every command and stops forwarding on dispose', () => {
    const t = setup(() => Promise.resolve({ ok: true, value: null }) as never);
    expect(t.handlers.size).toBe(commandNames.length);
    t.ipc.dispose();
    expect(t.handlers.size).toBe(0);
    t.push({ channel: 'engine:changed', payload: {} } as unknown as ContractEvent);
    expect(t.sent).toEqual([]);
  });
});
