/**
 * The preload: the only bridge between the page and the main process. It exposes one minimal,
 * typed facade and never `ipcRenderer` itself. Bundled to one CommonJS file (sandboxed preload).
 */
import { contextBridge } from 'electron';

const syncroscope = {
  /** Which host the page runs in. */
  host: 'electron' as const,
};

/** The facade's type, for the renderer's bridge. */
export type SyncroscopeBridge = typeof syncroscope;

contextBridge.exposeInMainWorld('syncroscope', syncroscope);
