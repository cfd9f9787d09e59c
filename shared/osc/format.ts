/**
 * Human-readable arguments for logs and the UI, close to what oscdump prints.
 */
import { ntpToHex } from './timetag';
import type { OscArg, OscMessage } from './types';

const BLOB_PREVIEW_BYTES = 16;

/** One argument as `type:value`, e.g. `s:"tick"`, `i:3`, `f:0.5`, `b:<0102>`, `T`. */
export function formatArg(arg: OscArg): string {
  switch (arg.type) {
    case 's':
    case 'S':
    case 'c':
      return `${arg.type}:${JSON.stringify(arg.value)}`;
    case 'i':
    case 'f':
    case 'd':
    case 'h':
      return `${arg.type}:${arg.value}`;
    case 'r':
      return `r:#${arg.value.toString(16).padStart(8, '0')}`;
    case 't':
      return `t:${ntpToHex(arg.value)}`;
    case 'b':
    case 'm':
      return `${arg.type}:<${hexPreview(arg.value)}>`;
    case 'array':
      return `[${arg.value.map(formatArg).join(' ')}]`;
    default:
      return arg.type;
  }
}

/** A message as `/address arg arg ...`. */
export function formatMessage(m: OscMessage): string {
  return m.args.length === 0 ? m.address : `${m.address} ${m.args.map(formatArg).join(' ')}`;
}

/** Two hex digits for each byte value (the log formats every blob it shows). */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hexPreview(bytes: Uint8Array): string {
  let s = '';
  const n = Math.min(bytes.length, BLOB_PREVIEW_BYTES);
  for (let i = 0; i < n; i++) s += HEX[bytes[i]!]!;
  return bytes.length > n ? `${s}...(${bytes.length} bytes)` : s;
}
