/**
 * The engine with its coalescer, as a {@link ContractService} on the current thread. The engine
 * worker serves exactly this; tests may use it directly.
 */
import {
  contract,
  type CommandName,
  type CommandResult,
  type ContractEvent,
  type ContractService,
  type ThreadPriority,
} from '../../../shared/ipc';
import { createSystemClock, type Clock } from '../time/clock';
import { createDiscovery } from '../discovery/discovery';
import { createEngine } from '../engine';
import { createSkewedClock, type ClockSkew } from '../time/skewed-clock';
import { createRealTimers } from '../time/timers';
import { createCoalescer } from './coalescer';

/** Options for {@link createLocalEngineService}. */
export interface LocalEngineServiceOptions {
  clock?: Clock;
  /** Runs the engine on a deliberately wrong clock (teaching: two machines on one laptop). */
  clockSkew?: ClockSkew;
  /** Shortest time between two pushed frames (display rate). */
  frameMs?: number;
  /** Advertise and browse over mDNS (the real hosts); off by default, so tests never multicast. */
  discovery?: boolean;
  /** How the OS runs this thread (requestRealtime's answer), reported by engine:get. */
  priority?: ThreadPriority;
}

/** A running engine service. `invoke` takes unvalidated payloads: the engine validates them. */
export interface LocalEngineService extends ContractService {
  invoke<C extends CommandName>(command: C, payload: unknown): Promise<CommandResult<C>>;
  dispose(): Promise<void>;
}

/** Builds clock, timers, engine and coalescer. Thread: whichever calls it (the engine's). */
export function createLocalEngineService(
  options: LocalEngineServiceOptions = {},
): LocalEngineService {
  const skew = options.clockSkew;
  const base = options.clock ?? createSystemClock();
  const clock = skew ? createSkewedClock(base, skew) : base;
  const listeners = new Set<(event: ContractEvent) => void>();
  const coalescer = createCoalescer({
    streams: contract.streams,
    frameMs: options.frameMs,
    nowMs: () => clock.nowMs(),
    setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    emit: (event) => {
      for (const listener of listeners) listener(event);
    },
  });
  const engine = createEngine({
    clock,
    timers: createRealTimers(clock),
    sink: coalescer,
    clockSkew: skew,
    createDiscovery: options.discovery ? createDiscovery : undefined,
    priority: options.priority,
  });
  return {
    invoke: (command, payload) => engine.invoke(command, payload),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      await engine.dispose();
      coalescer.flush(); // the last state (receiver stopped) still reaches the hosts
      coalescer.dispose();
      listeners.clear();
    },
  };
}
