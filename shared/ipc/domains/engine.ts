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
  queueFull: count,
  handlerErrors: count,
});
/** See {@link receiveCountersSchema}. */
export type ReceiveCountersView = z.infer<typeof receiveCountersSchema>;

/** Totals of what `osc:send` put on the wire. */
export const sendCountersSchema = z.strictObject({ packets: count, bytes: count, errors: count });

/** `engine:get` answers it and `engine:changed` pushes it. */
export const engineSnapshotSchema = z.strictObject({
  receiver: receiverStatusSchema,
  counters: receiveCountersSchema,
  sent: sendCountersSchema,
});
/** See {@link engineSnapshotSchema}. */
export type EngineSnapshot = z.infer<typeof engineSnapshotSchema>;
