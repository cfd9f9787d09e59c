/**
 * THE module that speaks Electron IPC (lint forbids ipcMain/webContents.send elsewhere): it
 * registers one handler per contract command, checks the sender frame, validates every payload,
 * and forwards pushed events to our window. Each channel is a contract name.
 */
import {
  ipcMain as electronIpcMain,
  type IpcMain,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import {
  commandNames,
  parseCommand,
  type CommandName,
  type CommandResult,
  type ContractService,
} from '../../shared/ipc';

/** Options for {@link registerContractIpc}. */
export interface ContractIpcOptions {
  /** Electron's by default; only this module may touch it (lint rule). */
  ipcMain?: Pick<IpcMain, 'handle' | 'removeHandler'>;
  service: ContractService;
  /** True only for our window's main frame showing our page. */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** Where pushed events go (our window's webContents, while it lives). */
  targets: () => readonly WebContents[];
  log: (line: string) => void;
}

/** The registered contract; `dispose` removes every handler and stops forwarding. */
export interface ContractIpc {
  dispose(): void;
}

/** Registers the contract's commands and starts forwarding its events. */
export function registerContractIpc(options: ContractIpcOptions): ContractIpc {
  const { service, log } = options;
  const ipcMain = options.ipcMain ?? electronIpcMain;

  const handle = async (
    command: CommandName,
    event: IpcMainInvokeEvent,
    payload: unknown,
  ): Promise<CommandResult<CommandName>> => {
    if (!options.isTrustedSender(event)) {
      log(`[ipc] refused ${command} from an untrusted frame (${event.senderFrame?.url ?? 'gone'})`);
      return {
        ok: false,
        error: { code: 'forbidden', message: 'This frame may not use Syncroscope.' },
      };
    }
    try {
      const parsed = parseCommand(command, payload);
      if (!parsed.ok) {
        log(`[ipc] refused ${command}: ${parsed.error.message}`);
        return parsed;
      }
      return await service.invoke(parsed.command, parsed.request);
    } catch (error) {
      // A result, never a rejection: the page shows a message instead of an unhandled error.
      const reason = error instanceof Error ? error.message : String(error);
      log(`[ipc] ${command} failed: ${reason}`);
      return { ok: false, error: { code: 'failed', message: `"${command}" failed: ${reason}` } };
    }
  };

  for (const command of commandNames) {
    ipcMain.handle(command, (event, payload: unknown) => handle(command, event, payload));
  }
  const offEvent = service.onEvent((event) => {
    for (const contents of options.targets()) {
      if (!contents.isDestroyed()) contents.send(event.channel, event.payload);
    }
  });

  return {
    dispose() {
      offEvent();
      for (const command of commandNames) ipcMain.removeHandler(command);
    },
  };
}
