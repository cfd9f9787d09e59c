/**
 * The metronome's and the relay's limits as plain values (no zod), so the page can bound its
 * sliders without loading the schemas. The schemas (metronome-fields.ts, impairment.ts), the
 * engine, the CLI and the page's saved settings all take their numbers from here.
 */

/** immediate: plain message when due (example 2); offset: send time + F (example 3); forward: grid time + F (part 4). */
export const METRONOME_MODES = ['immediate', 'offset', 'forward'] as const;
/** One of {@link METRONOME_MODES}. */
export type MetronomeMode = (typeof METRONOME_MODES)[number];

/** Argument format: 'seed' = exactly one string "tick"; 'extended' adds beat, accent, send time, mode. */
export const TICK_FORMATS = ['seed', 'extended'] as const;
/** One of {@link TICK_FORMATS}. */
export type TickFormat = (typeof TICK_FORMATS)[number];

/** How the relay spreads its jitter: normal (sd) or uniform (half-width). */
export const JITTER_DISTRIBUTIONS = ['normal', 'uniform'] as const;

/** Inclusive bounds of one number. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/**
 * What the metronome accepts. 16 targets: each impaired target runs its own relay on the engine
 * thread, and the page lists them as rows. Target ids up to 64 characters: chosen by the client,
 * compared as they are.
 */
export const METRONOME_LIMITS = {
  bpm: { min: 20, max: 300 },
  accentEvery: { min: 0, max: 1000 },
  offsetMs: { min: 0, max: 2000 },
  lookaheadMs: { min: 0, max: 1000 },
  port: { min: 1, max: 65535 },
  targets: { max: 16 },
  targetId: { maxLength: 64 },
  hostName: { maxLength: 253 },
} as const;

/** What the impairment relay accepts; a metronome target uses delay, jitter and loss. */
export const IMPAIRMENT_LIMITS = {
  delayMs: { min: 0, max: 10_000 },
  jitterMs: { min: 0, max: 5000 },
  loss: { min: 0, max: 1 },
  reorder: { min: 0, max: 1 },
  duplicate: { min: 0, max: 1 },
} as const satisfies Record<string, Range>;

/**
 * What the receiver accepts from the network, so that one sender (a flood, a buggy patch, a
 * hostile script) can neither delay another sender's timed messages nor grow memory without
 * bound. A workshop's traffic is far below every one of these; each refusal is counted by reason
 * ({@link RECEIVE_DROP_REASONS}) and shown in the page's status bar and the CLI's summary.
 */
export const RECEIVE_LIMITS = {
  /**
   * Receive buffer asked of the OS for the listening socket, bytes: room for bursts while the
   * engine is busy. Linux grants at most net.core.rmem_max (often 4 MiB, sometimes 208 KiB) and
   * reports double what it grants; the granted size is shown.
   */
  socketBufferBytes: 4 * 1024 * 1024,
  /**
   * A datagram carrying more messages than this is refused whole, before it is decoded: OSC acts
   * on a bundle's messages together, so acting on part of one would be wrong. A full 64 KB
   * datagram can carry about 4,000 tiny messages.
   */
  messagesPerDatagram: 128,
  /** What one sender (address and port) may send on average, in messages per second... */
  senderMessagesPerS: 20_000,
  /** ...and at once, after a quiet spell (the bucket's depth). */
  senderMessageBurst: 2_000,
  /** The same for bytes: 8 MB/s on average (64 full datagrams a second is 4 MB/s)... */
  senderBytesPerS: 8_000_000,
  /** ...and at once. */
  senderByteBurst: 1_000_000,
  /**
   * Senders whose budget is tracked at once; a sender quiet long enough for its budget to refill
   * is forgotten (it starts again with a full budget). Beyond this, new senders share one budget.
   */
  trackedSenders: 256,
  /** Future (timetagged) messages one sender may have waiting for their time. */
  scheduledPerSender: 1_000,
  /**
   * Of those, how many are dispatched to within tens of µs (the engine spins the last fraction
   * of a millisecond before each); a sender's messages beyond are dispatched at their time or
   * up to about a millisecond after, so a crowd of them cannot keep the engine from reading.
   */
  preciseScheduledPerSender: 256,
  /** Future messages every sender together may have waiting. */
  scheduledTotal: 10_000,
  /**
   * When the engine is busy (it does at most a fraction of a millisecond of receive work before
   * letting timers run), datagrams wait in a backlog of at most this many...
   */
  backlogDatagrams: 4_096,
  /** ...and this many bytes; one sender may have this many of them waiting. */
  backlogBytes: 8 * 1024 * 1024,
  backlogPerSender: 1_024,
  /** How often the OS's count of datagrams it dropped on the socket is read, ms. */
  kernelDropPollMs: 1_000,
  /**
   * Where the OS allows it (Linux), each sender gets a socket of its own on the listening port
   * (connected to it, so the OS hands it only that sender's datagrams, into its own buffer): a
   * sender that floods fills only its own buffer, and the OS never drops another's datagrams for
   * it. At most this many senders at once; later ones share the listening socket.
   */
  senderSockets: 32,
  /** A sender's own socket is closed after this long without a datagram from it, ms. */
  senderSocketIdleMs: 60_000,
  /**
   * A sender that keeps sending far over its budget (within one window this long, at least
   * shedRefusedDatagrams of its datagrams refused by the limits, and more than half of those it
   * sent: judged as soon as that holds, so a flooder read again after its shed is shed again
   * within milliseconds)...
   */
  shedWindowMs: 500,
  shedRefusedDatagrams: 250,
  /**
   * ...is shed: its own socket is not read for this long, ms (the OS drops what it sends
   * meanwhile, counted as the OS's drops), so a flood costs the engine nothing between checks.
   * Shed again without a calm window between, twice as long each time, up to shedMaxForMs.
   */
  shedForMs: 2_000,
  shedMaxForMs: 16_000,
} as const;

/** Why the receiver refused something: each reason is a counter of the receiver's counters. */
export const RECEIVE_DROP_REASONS = [
  'capDropped',
  'budgetDropped',
  'senderQueueFull',
  'queueFull',
  'backlogDropped',
] as const;
/** One of {@link RECEIVE_DROP_REASONS}. */
export type ReceiveDropReason = (typeof RECEIVE_DROP_REASONS)[number];

/** Each drop reason in words (completes "N messages refused ..."). */
export const RECEIVE_DROP_WORDS: Readonly<Record<ReceiveDropReason, string>> = {
  capDropped: `in datagrams of more than ${RECEIVE_LIMITS.messagesPerDatagram} messages (refused whole)`,
  budgetDropped: `from a sender over its budget (${RECEIVE_LIMITS.senderMessagesPerS.toLocaleString('en-US')} messages/s, ${RECEIVE_LIMITS.senderBytesPerS / 1e6} MB/s)`,
  senderQueueFull: `for later from a sender already holding ${RECEIVE_LIMITS.scheduledPerSender.toLocaleString('en-US')} waiting`,
  queueFull: 'for later while the queue of waiting messages was full',
  backlogDropped: `while the engine was too busy to read them (${RECEIVE_LIMITS.backlogPerSender.toLocaleString('en-US')} datagrams of one sender may wait)`,
};
