/**
 * The host side of the engine thread: starts the worker and serves the contract with the same
 * async API as the in-thread engine. Commands cross as messages; pushed events arrive already
 * coalesced to display rate. A thread that dies fails its pending and later commands in words.
 */
import { Worker } from 'node:worker_threads';
import type {
  CommandName,
  CommandResult,
  ContractEvent,
  ContractService,
} from '../../../shared/ipc';
import type { ClockSkew } from '../time/skewed-clock';
import type { FromEngineThread, ToEngineThread } from './protocol';
import { describePriority } from './realtime';
import { resolveWorkerEntry, type WorkerEntry } from './worker-entry';

/** Options for {@link createEngineThread}. */
export interface EngineThreadOptions {
  /** Which script to run; found next to the running code by default. */
  entry?: WorkerEntry;
  /** Where `[engine]` lines go; console by default. */
  log?: (line: string) => void;
  /** How long the worker may take to start (compiling TypeScript on a busy machine is slow). */
  readyTimeoutMs?: number;
  /** Advertise and browse over mDNS (the real hosts); off by default, so tests never multicast. */
  discovery?: boolean;
  /** Runs the engine on a deliberately wrong clock (teaching); the host's setting. */
  clockSkew?: ClockSkew;
  /**
   * Asks the OS to run the thread at real-time priority (realtime.ts; the real hosts do with
   * SYNCROSCOPE_REALTIME=on); off by default.
   */
  realtime?: boolean;
}

/** The engine running on its own thread. */
export interface EngineThread extends ContractService {
  /** Commands may carry unvalidated payloads: the engine validates them again. */
  invoke<C extends CommandName>(command: C, payload: unknown): Promise<CommandResult<C>>;
  /** Stops the engine (closing its sockets) and ends the thread. */
  dispose(): Promise<void>;
}

/** Starts the engine thread; resolves once it is ready for commands. */
export async function createEngineThread(options: EngineThreadOptions = {}): Promise<EngineThread> {
  const log = options.log ?? ((line: string) => console.log(line));
  const entry = options.entry ?? resolveWorkerEntry();
  const worker = new Worker(entry.file, {
    workerData: {
      discovery: options.discovery === true,
      clockSkew: options.clockSkew ?? null,
      realtime: options.realtime === true,
    },
  });
  const pending = new Map<number, (result: CommandResult<CommandName>) => void>();
  const listeners = new Set<(event: ContractEvent) => void>();
  let nextId = 1;
  let stoppedReason: string | null = null;
  let onDisposed: (() => void) | null = null;
  let isDisposing = false;

  const failAll = (reason: string): void => {
    stoppedReason ??= reason;
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'unavailable', message: stoppedReason } });
    }
    pending.clear();
  };

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `[engine] the engine thread did not start within ${options.readyTimeoutMs ?? 30_000} ms`,
          ),
        ),
      options.readyTimeoutMs ?? 30_000,
    );
    worker.on('message', (message: FromEngineThread) => {
      switch (message.kind) {
        case 'ready':
          clearTimeout(timer);
          if (options.realtime === true)
            log(`[engine] timing: ${describePriority(message.priority, message.tid)}`);
          resolve();
          break;
        case 'result':
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
          break;
        case 'event':
          for (const listener of listeners) listener(message.event);
          break;
        case 'disposed':
          onDisposed?.();
          break;
      }
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      log(`[engine] the engine thread failed: ${error.stack ?? error.message}`);
      failAll(`The engine stopped after an internal error: ${error.message}`);
      reject(error);
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      if (!isDisposing) log(`[engine] the engine thread exited unexpectedly (code ${code})`);
      failAll(`The engine has stopped (thread exit code ${code}).`);
      reject(new Error(`[engine] the engine thread exited with code ${code} before it was ready`));
    });
  });
  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  log(`[engine] engine thread ready (${entry.kind}: ${entry.file})`);

  const post = (message: ToEngineThread): void => worker.postMessage(message);
  return {
    invoke<C extends CommandName>(command: C, payload: unknown): Promise<CommandResult<C>> {
      if (stoppedReason !== null) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unavailable', message: stoppedReason },
        });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: CommandResult<CommandName>) => void);
        post({ kind: 'invoke', id, command, payload });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      if (stoppedReason !== null || isDisposing) return;
      isDisposing = true;
      const disposed = new Promise<void>((resolve) => (onDisposed = resolve));
      post({ kind: 'dispose' });
      // The engine closes its sockets first; a wedged thread is terminated after a grace period.
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([disposed, new Promise((resolve) => (grace = setTimeout(resolve, 2000)))]);
      clearTimeout(grace);
      failAll('The engine has stopped.');
      listeners.clear();
      await worker.terminate();
    },
  };
}
