/** `window.syncroscope`: the preload's facade, present only inside Electron. */
import type { SyncroscopeBridge } from '../../../electron/preload/index';

declare global {
  interface Window {
    /** Only the bridge reads this (lint rule); undefined in a plain browser. */
    syncroscope?: SyncroscopeBridge;
  }
}
