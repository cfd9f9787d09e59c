/**
 * Reading one frame from a browser. Whatever arrives (binary, not JSON, the wrong shape, too
 * large) becomes either a valid frame or a plain-words error, with the invoke id when the frame
 * had one, so the sender gets an error result and the connection stays usable.
 */
import type { RawData } from 'ws';
import { z } from 'zod';
import {
  clientFrameSchema,
  MAX_CLIENT_FRAME_BYTES,
  type ClientFrame,
  type CommandErrorInfo,
} from '../../shared/ipc';

/** The outcome of {@link readClientFrame}. */
export type ReadFrame =
  { ok: true; frame: ClientFrame } | { ok: false; id: number | null; error: CommandErrorInfo };

const kb = (bytes: number): string => `${Math.ceil(bytes / 1024)} KB`;

/** Decodes and checks one WebSocket message against the protocol (not yet the contract). */
export function readClientFrame(data: RawData, isBinary: boolean): ReadFrame {
  const refuse = (id: number | null, message: string): ReadFrame => ({
    ok: false,
    id,
    error: { code: 'invalid', message },
  });
  if (isBinary) return refuse(null, 'Binary frames are not part of the protocol: send JSON text.');
  const text = Array.isArray(data)
    ? Buffer.concat(data).toString()
    : Buffer.isBuffer(data)
      ? data.toString()
      : Buffer.from(new Uint8Array(data)).toString();
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return refuse(null, `The frame is not JSON (${(error as Error).message}).`);
  }
  const id = idOf(value);
  const size = Buffer.byteLength(text);
  if (size > MAX_CLIENT_FRAME_BYTES) {
    return refuse(
      id,
      `The frame is too large (${kb(size)}; at most ${kb(MAX_CLIENT_FRAME_BYTES)}).`,
    );
  }
  const parsed = clientFrameSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${z.core.toDotPath(first.path)}` : '';
    return refuse(
      id,
      `The frame does not follow the protocol: ${first?.message ?? 'invalid'}${where}.`,
    );
  }
  return { ok: true, frame: parsed.data };
}

/** The invoke id of a frame that may be malformed, when it has a usable one. */
function idOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
