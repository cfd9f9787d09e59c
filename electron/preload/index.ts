/**
 * The preload: the only bridge between the page and the main process. It exposes one minimal
 * facade typed from the shared contract, never `ipcRenderer` itself, and refuses channel names
 * that are not contract-shaped. No validation here (main validates; a sandboxed preload cannot
 * load zod): it stays dependency-free and is bundled to one CommonJS file.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  CommandInput,
  CommandName,
  CommandResult,
  EventName,
  EventPayload,
} from '../../shared/ipc/types';
import { isCommandChannel, isEventChannel } from '../../shared/ipc/names';

const api = {
  /** Runs a contract command in the engine; resolves to its result (never rejects on failure). */
  invoke<C extends CommandName>(command: C, request: CommandInput<C>): Promise<CommandResult<C>> {
    if (!isCommandChannel(command)) return Promise.reject(new Error(`not a command: ${command}`));
    return ipcRenderer.invoke(command, request) as Promise<CommandResult<C>>;
  },
  /** Listens to a pushed state or stream; returns the remover. */
  subscribe<E extends EventName>(
    channel: E,
    listener: (payload: EventPayload<E>) => void,
  ): () => void {
    if (!isEventChannel(channel)) throw new Error(`not a pushed channel: ${channel}`);
    // The IPC event (with its sender) never reaches the page: only the payload does.
    const forward = (_event: IpcRendererEvent, payload: EventPayload<E>): void => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => void ipcRenderer.removeListener(channel, forward);
  },
};

/** The facade's type, for the renderer's bridge (`window.syncroscope`). */
export type SyncroscopeBridge = typeof api;

contextBridge.exposeInMainWorld('syncroscope', api);
