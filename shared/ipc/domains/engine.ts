/** The `engine:*` domain: one snapshot of the engine's state (receiver, counters, sender). */
import { z } from 'zod';
import { hostSchema, listenPortSchema } from './common';

/** What to do with a message whose timetag has already passed when it arrives. */
export const latePolicySchema = z.enum(['play', 'drop']);

/** The receiver: stopped, listening (with the port actually bound) or failed (in plain words). */
export const receiverStatusSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('stopped') }),
  z.strictObject({
    status: z.literal('listening'),
    host: hostSchema,
    port: listenPortSchema,
    latePolicy: latePolicySchema,
    /**
     * The socket's receive buffer as the OS granted it, bytes (Linux reports double what it
     * grants); null when the OS does not say.
     */
    receiveBufferBytes: z.int().min(0).nullable().optional(),
  }),
  z.strictObject({
    status: z.literal('error'),
    host: hostSchema,
    port: listenPortSchema,
    error: z.string(),
  }),
]);
/** See {@link receiverStatusSchema}. */
export type ReceiverStatus = z.infer<typeof receiverStatusSchema>;

const count = z.int().min(0);

/** The receive path's running totals (ReceivePath.counters()). */
export const receiveCountersSchema = z.strictObject({
  packets: count,
  messages: count,
  malformed: count,
  immediate: count,
  future: count,
  late: count,
  latePlayed: count,
  lateDropped: count,
  /** Future messages refused because the queue of waiting messages was full. */
  queueFull: count,
  handlerErrors: count,
  /** Messages refused whole because their datagram carried more than the per-datagram cap. */
  capDropped: count,
  /** Messages refused because their sender was over its rate (messages or bytes per second). */
  budgetDropped: count,
  /** Future messages refused because their sender already had its share waiting. */
  senderQueueFull: count,
  /** Messages refused because the engine's receive backlog was full (it could not keep up). */
  backlogDropped: count,
  /**
   * Datagrams the OS dropped on the socket before the engine could read them (its receive buffer
   * was full), since it was bound; null where the OS does not report it.
   */
  kernelDropped: count.nullable(),
});
/** See {@link receiveCountersSchema}. */
export type ReceiveCountersView = z.infer<typeof receiveCountersSchema>;

/** Totals of what `osc:send` put on the wire. */
export const sendCountersSchema = z.strictObject({ packets: count, bytes: count, errors: count });

/**
 * How the OS runs the engine's thread, which dispatches timed events: at real-time priority (run
 * as soon as an event is due) or at normal priority, with the reason in plain words.
 */
export const threadPrioritySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('realtime'),
    policy: z.literal('SCHED_FIFO'),
    priority: z.int().min(1).max(99),
  }),
  z.strictObject({ kind: z.literal('normal'), reason: z.string() }),
]);
/** See {@link threadPrioritySchema}. */
export type ThreadPriority = z.infer<typeof threadPrioritySchema>;

/** `engine:get` answers it and `engine:changed` pushes it. */
export const engineSnapshotSchema = z.strictObject({
  receiver: receiverStatusSchema,
  counters: receiveCountersSchema,
  sent: sendCountersSchema,
  /** The engine thread's priority; absent where the engine runs on its host's thread (CLI, tests). */
  priority: threadPrioritySchema.optional(),
});
/** See {@link engineSnapshotSchema}. */
export type EngineSnapshot = z.infer<typeof engineSnapshotSchema>;
