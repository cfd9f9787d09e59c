/**
 * OSC arguments as JSON: what commands and streams carry, since IPC and WebSocket payloads must
 * survive JSON. Numbers stay numbers; the three values JSON cannot hold exactly get strings:
 * `h` (int64) as a decimal string, `t` (NTP 32.32) as `SSSSSSSS.FFFFFFFF` hex (what oscdump
 * prints), `b` (blob) as lower-case hex bytes. `m` (MIDI) is four numbers.
 */
import { z } from 'zod';
import { MAX_ARRAY_DEPTH, type OscArg } from '../osc/types';
import { ntpFromHex, ntpToHex } from '../osc/timetag';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

const int32 = z.int().min(-0x8000_0000).max(0x7fff_ffff);
const uint32 = z.int().min(0).max(0xffff_ffff);
const byte = z.int().min(0).max(255);
const int64String = z
  .string()
  .regex(/^-?\d{1,19}$/, 'int64 must be a decimal string, e.g. "-42"')
  .refine((s) => !/^-?\d+$/.test(s) || (BigInt(s) >= INT64_MIN && BigInt(s) <= INT64_MAX), {
    message: 'outside the int64 range',
  });
const ntpHex = z
  .string()
  .regex(/^[0-9a-fA-F]{8}\.[0-9a-fA-F]{8}$/, 'timetag must be NTP hex "SSSSSSSS.FFFFFFFF"');
const blobHex = z.string().regex(/^(?:[0-9a-fA-F]{2})*$/, 'blob must be hex bytes, e.g. "01ff"');

/** Most arguments one command may carry (a UDP datagram holds ~64 KiB anyway). */
export const MAX_JSON_ARGS = 256;

const scalarArgs = [
  z.strictObject({ type: z.literal('i'), value: int32 }),
  z.strictObject({ type: z.literal('f'), value: z.number() }),
  z.strictObject({ type: z.literal('d'), value: z.number() }),
  z.strictObject({ type: z.literal('r'), value: uint32 }),
  z.strictObject({ type: z.enum(['s', 'S']), value: z.string() }),
  z.strictObject({ type: z.literal('c'), value: z.string().length(1) }),
  z.strictObject({ type: z.literal('h'), value: int64String }),
  z.strictObject({ type: z.literal('t'), value: ntpHex }),
  z.strictObject({ type: z.literal('b'), value: blobHex }),
  z.strictObject({ type: z.literal('m'), value: z.tuple([byte, byte, byte, byte]) }),
  z.strictObject({ type: z.enum(['T', 'F', 'N', 'I']) }),
] as const;

/** One argument as JSON (see the file comment for the encoding). */
export type JsonArg =
  | { type: 'i' | 'f' | 'd' | 'r'; value: number }
  | { type: 's' | 'S' | 'c' | 'h' | 't' | 'b'; value: string }
  | { type: 'm'; value: [number, number, number, number] }
  | { type: 'T' | 'F' | 'N' | 'I' }
  | { type: 'array'; value: JsonArg[] };

// Built level by level instead of z.lazy: hostile input cannot nest deeper than the codec allows.
function argSchemaAt(depth: number): z.ZodType<JsonArg> {
  if (depth === 0) return z.discriminatedUnion('type', scalarArgs) as z.ZodType<JsonArg>;
  const inner = argSchemaAt(depth - 1);
  const array = z.strictObject({ type: z.literal('array'), value: z.array(inner) });
  return z.discriminatedUnion('type', [...scalarArgs, array]) as z.ZodType<JsonArg>;
}

/** Validates one JSON argument, arrays nested at most MAX_ARRAY_DEPTH deep. */
export const jsonArgSchema: z.ZodType<JsonArg> = argSchemaAt(MAX_ARRAY_DEPTH);

/** Validates an argument list. */
export const jsonArgsSchema = z.array(jsonArgSchema).max(MAX_JSON_ARGS);

/** A validated JSON argument as the codec's typed argument (exact: no value is rounded). */
export function argFromJson(arg: JsonArg): OscArg {
  switch (arg.type) {
    case 'h':
      return { type: 'h', value: BigInt(arg.value) };
    case 't':
      return { type: 't', value: ntpFromHex(arg.value) };
    case 'b':
      return { type: 'b', value: bytesFromHex(arg.value) };
    case 'm':
      return { type: 'm', value: Uint8Array.from(arg.value) };
    case 'array':
      return { type: 'array', value: arg.value.map(argFromJson) };
    default:
      return arg as OscArg;
  }
}

/** A codec argument as JSON, the inverse of {@link argFromJson}. */
export function argToJson(arg: OscArg): JsonArg {
  switch (arg.type) {
    case 'h':
      return { type: 'h', value: arg.value.toString() };
    case 't':
      return { type: 't', value: ntpToHex(arg.value) };
    case 'b':
      return { type: 'b', value: hexFromBytes(arg.value) };
    case 'm':
      return { type: 'm', value: [arg.value[0]!, arg.value[1]!, arg.value[2]!, arg.value[3]!] };
    case 'array':
      return { type: 'array', value: arg.value.map(argToJson) };
    default:
      return arg;
  }
}

function bytesFromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function hexFromBytes(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
