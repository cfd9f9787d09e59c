/**
 * The high-rate side of the UI: samples, received messages and upcoming beats, in fixed rings.
 * A vanilla zustand store (no React): stream frames mutate the rings in place and bump a
 * version; canvases `subscribe` and redraw in the shared frame loop. React never sees a sample.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageItem, SampleItem, TickItem } from './contract-types';
import { createRing, type Ring } from './ring';
import { createSampleRing, type SampleRing } from './sample-ring';

/** A beat to show when it plays (the beat lamp). */
export interface PlayedBeat {
  playMs: number;
  accent: boolean;
  beat: number | null;
}

/** The live store's state. */
export interface LiveState {
  readonly samples: SampleRing;
  /** Bumped on every change to `samples`. */
  sampleVersion: number;
  readonly messages: Ring<MessageItem>;
  /** Bumped on every change to `messages`. */
  messageVersion: number;
  /** Items the host could not fit in a frame (it coalesces to display rate), per stream. */
  dropped: { samples: number; messages: number };
  /** Ticks announced but not yet played, oldest first (bounded). */
  readonly upcoming: Ring<PlayedBeat>;
  tickVersion: number;
  pushSamples(items: readonly SampleItem[], dropped: number): void;
  pushMessages(items: readonly MessageItem[], dropped: number): void;
  pushTicks(items: readonly TickItem[]): void;
  clearSamples(): void;
  clearMessages(): void;
}

/** The live store. */
export type LiveStore = StoreApi<LiveState>;

/** Capacities of the rings. */
export interface LiveStoreOptions {
  sampleCapacity?: number;
  messageCapacity?: number;
}

/** Creates the live store with empty rings. */
export function createLiveStore(options: LiveStoreOptions = {}): LiveStore {
  const samples = createSampleRing(options.sampleCapacity ?? 4096);
  const messages = createRing<MessageItem>(options.messageCapacity ?? 1000);
  const upcoming = createRing<PlayedBeat>(64);
  return createStore<LiveState>()((set, get) => ({
    samples,
    sampleVersion: 0,
    messages,
    messageVersion: 0,
    dropped: { samples: 0, messages: 0 },
    upcoming,
    tickVersion: 0,
    pushSamples(items, dropped) {
      for (const item of items) samples.push(item);
      const d = get().dropped;
      set({
        sampleVersion: get().sampleVersion + 1,
        dropped: dropped > 0 ? { ...d, samples: d.samples + dropped } : d,
      });
    },
    pushMessages(items, dropped) {
      for (const item of items) messages.push(item);
      const d = get().dropped;
      set({
        messageVersion: get().messageVersion + 1,
        dropped: dropped > 0 ? { ...d, messages: d.messages + dropped } : d,
      });
    },
    pushTicks(items) {
      for (const t of items) {
        if (!t.isDropped) upcoming.push({ playMs: t.playMs, accent: t.accent, beat: t.beat });
      }
      set({ tickVersion: get().tickVersion + 1 });
    },
    clearSamples() {
      samples.clear();
      set({ sampleVersion: get().sampleVersion + 1, dropped: { ...get().dropped, samples: 0 } });
    },
    clearMessages() {
      messages.clear();
      set({ messageVersion: get().messageVersion + 1, dropped: { ...get().dropped, messages: 0 } });
    },
  }));
}
