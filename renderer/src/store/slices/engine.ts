/** The engine's receiver and counters, and the local receive port the user chose. */
import type { EngineSnapshot } from '../contract-types';
import { roleForPort, SEED_PORTS, type ReceiverDraft, type ReceiverRole } from '../defaults';
import type { Slice, SliceDeps } from './types';

/** What to do with a tick whose time has passed when it arrives. */
export type LatePolicy = 'play' | 'drop';

/** See the file comment. */
export interface EngineSlice {
  engine: EngineSnapshot | null;
  receiver: ReceiverDraft;
  /** Why the last receiver command failed (shown beside the port field). */
  receiverError: string | null;
  isReceiverBusy: boolean;
  setReceiverPort(port: number): void;
  setReceiverRole(role: ReceiverRole): void;
  /** Listens on the draft's port (restarts if listening elsewhere). */
  startReceiver(latePolicy?: LatePolicy): Promise<boolean>;
  stopReceiver(): Promise<void>;
  receiveEngine(snapshot: EngineSnapshot): void;
}

/** Creates the slice. */
export const createEngineSlice =
  (deps: SliceDeps, initial: ReceiverDraft): Slice<EngineSlice> =>
  (set, get) => ({
    engine: null,
    receiver: initial,
    receiverError: null,
    isReceiverBusy: false,
    setReceiverPort(port) {
      set({ receiver: { role: roleForPort(port), port }, receiverError: null });
    },
    setReceiverRole(role) {
      const port = role === 'custom' ? get().receiver.port : SEED_PORTS[role];
      set({ receiver: { role, port }, receiverError: null });
    },
    async startReceiver(latePolicy) {
      const { port } = get().receiver;
      set({ isReceiverBusy: true, receiverError: null });
      try {
        const engine = await deps.bridge.invoke('receiver:start', {
          host: '127.0.0.1',
          port,
          ...(latePolicy ? { latePolicy } : {}),
        });
        set({ engine });
        return true;
      } catch (error) {
        get().routeError(error, (receiverError) => set({ receiverError }));
        return false;
      } finally {
        set({ isReceiverBusy: false });
      }
    },
    async stopReceiver() {
      set({ isReceiverBusy: true, receiverError: null });
      try {
        set({ engine: await deps.bridge.invoke('receiver:stop', {}) });
      } catch (error) {
        get().routeError(error, (receiverError) => set({ receiverError }));
      } finally {
        set({ isReceiverBusy: false });
      }
    },
    receiveEngine(engine) {
      set({ engine });
    },
  });
