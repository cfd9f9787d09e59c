/**
 * The contract over a WebSocket (web host): JSON text frames. The browser sends `invoke` and
 * `subscribe`; the host answers each invoke with a `result` and pushes `event`s it subscribed to.
 */
import { z } from 'zod';
import type { CommandErrorInfo } from './errors';
import type { CommandName, CommandResult, ContractEvent } from './types';

/** Longest JSON text frame the host accepts from a browser (a command is small). */
export const MAX_CLIENT_FRAME_BYTES = 256 * 1024;

/** A frame from the browser. Names and payloads are checked again against the contract. */
export const clientFrameSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('invoke'),
    id: z.int().min(0),
    command: z.string().max(100),
    request: z.unknown(),
  }),
  z.strictObject({ kind: z.literal('subscribe'), channels: z.array(z.string().max(100)).max(100) }),
]);
/** See {@link clientFrameSchema}. */
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** A frame from the host. */
export type ServerFrame =
  | { kind: 'result'; id: number; result: CommandResult<CommandName> }
  | ({ kind: 'event' } & ContractEvent)
  /** A frame the host could not read far enough to find its invoke id (not JSON, binary). */
  | { kind: 'error'; error: CommandErrorInfo };

export { WS_PATH } from './names';
