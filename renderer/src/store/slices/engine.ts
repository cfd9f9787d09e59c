/**
 * The engine's receiver and counters, and the local receive port the user chose. The receiver
 * is started on that port whenever the page (re)connects to an engine that is not listening
 * (first launch, a restarted host): without it, ticks are sent but nothing is measured.
 */
import type { EngineSnapshot } from '../contract-types';
import {
  receiverHost,
  roleForPort,
  SEED_PORTS,
  type ReceiverDraft,
  type ReceiverRole,
} from '../defaults';
import { isPortInUse, messageOf } from './errors';
import type { Slice, SliceDeps } from './types';

/** What to do with a tick whose time has passed when it arrives. */
export type LatePolicy = 'play' | 'drop';

/** Why the receiver could not start, in words, and whether another port would help. */
export interface ReceiverProblem {
  message: string;
  /** The port was held by another program: a free port (or closing it) fixes it. */
  isPortInUse: boolean;
  port: number;
}

/** See the file comment. */
export interface EngineSlice {
  engine: EngineSnapshot | null;
  receiver: ReceiverDraft;
  /** Why the last receiver command failed (shown beside the port field and in the transport). */
  receiverError: ReceiverProblem | null;
  isReceiverBusy: boolean;
  setReceiverPort(port: number): void;
  setReceiverRole(role: ReceiverRole): void;
  /** Reachable from other computers or not; restarts a listening receiver on the new address. */
  setReceiverNetwork(isOn: boolean): Promise<void>;
  /** Listens on the draft's port (restarts if listening elsewhere). */
  startReceiver(latePolicy?: LatePolicy): Promise<boolean>;
  /** Listens on any free port, and points this computer's targets at it. */
  startReceiverOnFreePort(): Promise<boolean>;
  /** Starts the receiver on the draft's port unless it is listening or busy. */
  ensureReceiver(): Promise<void>;
  stopReceiver(): Promise<void>;
  receiveEngine(snapshot: EngineSnapshot): void;
}

const isLocal = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host.startsWith('127.');

/** Creates the slice. */
export const createEngineSlice =
  (deps: SliceDeps, initial: ReceiverDraft): Slice<EngineSlice> =>
  (set, get) => {
    const listen = async (port: number, latePolicy?: LatePolicy): Promise<boolean> => {
      set({ isReceiverBusy: true, receiverError: null });
      try {
        const engine = await deps.bridge.invoke('receiver:start', {
          host: receiverHost(get().receiver),
          port,
          ...(latePolicy ? { latePolicy } : {}),
        });
        set({ engine });
        return true;
      } catch (error) {
        get().routeError(error, () =>
          set({
            receiverError: { message: messageOf(error), isPortInUse: isPortInUse(error), port },
          }),
        );
        return false;
      } finally {
        set({ isReceiverBusy: false });
      }
    };

    return {
      engine: null,
      receiver: initial,
      receiverError: null,
      isReceiverBusy: false,
      setReceiverPort(port) {
        set({
          receiver: { ...get().receiver, role: roleForPort(port), port },
          receiverError: null,
        });
      },
      setReceiverRole(role) {
        const port = role === 'custom' ? get().receiver.port : SEED_PORTS[role];
        set({ receiver: { ...get().receiver, role, port }, receiverError: null });
      },
      async setReceiverNetwork(isOn) {
        set({ receiver: { ...get().receiver, network: isOn }, receiverError: null });
        const r = get().engine?.receiver;
        if (r?.status === 'listening') await listen(r.port);
      },
      startReceiver: (latePolicy) => listen(get().receiver.port, latePolicy),
      async startReceiverOnFreePort() {
        const before = get().receiver.port;
        if (!(await listen(0))) return false;
        const r = get().engine?.receiver;
        if (r?.status !== 'listening') return false;
        set({ receiver: { ...get().receiver, role: 'custom', port: r.port } });
        const { targets } = get().settings;
        if (targets.some((t) => isLocal(t.host) && t.port === before)) {
          const moved = targets.map((t) =>
            isLocal(t.host) && t.port === before ? { ...t, port: r.port } : t,
          );
          get().updateSettings({ targets: moved }, 'targets');
        }
        return true;
      },
      async ensureReceiver() {
        const status = get().engine?.receiver.status;
        if (get().isReceiverBusy || status === 'listening' || get().connection !== 'open') return;
        await listen(get().receiver.port);
      },
      async stopReceiver() {
        set({ isReceiverBusy: true, receiverError: null });
        try {
          set({ engine: await deps.bridge.invoke('receiver:stop', {}) });
        } catch (error) {
          get().routeError(error, () =>
            set({
              receiverError: {
                message: messageOf(error),
                isPortInUse: false,
                port: get().receiver.port,
              },
            }),
          );
        } finally {
          set({ isReceiverBusy: false });
        }
      },
      receiveEngine(engine) {
        set({ engine });
      },
    };
  };
