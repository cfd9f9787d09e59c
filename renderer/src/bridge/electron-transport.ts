/** The transport inside Electron: the preload's `window.syncroscope` facade (always connected). */
import type { SyncroscopeBridge } from '../../../electron/preload/index';
import type { ContractEvent, EventName } from '../../../shared/ipc/types';
import type { Transport } from './transport';

/** Wraps the preload facade. */
export function createElectronTransport(api: SyncroscopeBridge): Transport {
  const listeners = new Set<(event: ContractEvent) => void>();
  const removers = new Map<EventName, () => void>();
  return {
    invoke: (command, request) => api.invoke(command, request as never),
    subscribe(channels) {
      for (const channel of channels) {
        if (removers.has(channel)) continue;
        const forward = (payload: unknown): void => {
          for (const listener of listeners) listener({ channel, payload } as ContractEvent);
        };
        removers.set(channel, api.subscribe(channel, forward));
      }
      for (const [channel, remove] of removers) {
        if (channels.includes(channel)) continue;
        remove();
        removers.delete(channel);
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection: () => () => {},
    connection: 'open',
    dispose() {
      for (const remove of removers.values()) remove();
      removers.clear();
      listeners.clear();
    },
  };
}
