/** The `osc:*` domain: send one OSC message now, or as a bundle timetagged in the future. */
import { z } from 'zod';
import { jsonArgsSchema } from '../args-json';
import { hostSchema, targetPortSchema, timetagViewSchema } from './common';

/** How far ahead `atMs` may reach: further is surely a mistake (a unit mix-up). */
export const MAX_SEND_AHEAD_MS = 3_600_000;

/** `osc:send`: a message; with `atMs`, a bundle timetagged `atMs` after the engine's now. */
export const oscSendSchema = z.strictObject({
  host: hostSchema,
  port: targetPortSchema,
  address: z.string().regex(/^\/[^\s]*$/, "address must start with '/' and have no spaces"),
  args: jsonArgsSchema.default([]),
  atMs: z.number().min(0).max(MAX_SEND_AHEAD_MS).optional(),
});

/** What went on the wire. */
export const oscSendResultSchema = z.strictObject({
  bytes: z.int().min(0),
  /** The bundle's timetag, or null for a plain message. */
  timetag: timetagViewSchema.nullable(),
});
