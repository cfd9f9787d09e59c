/**
 * The OSC 1.0 data model: what a packet means, independent of its bytes.
 * Every type tag of OSC 1.0 (required and "nonstandard") has its own variant, so a
 * decoded packet re-encodes to the same bytes.
 */
import type { NtpTime } from './timetag';

/** One typed OSC argument; `array` is the `[ ... ]` group of the type tag string. */
export type OscArg =
  | { type: 'i'; value: number }
  | { type: 'f'; value: number }
  | { type: 's'; value: string }
  | { type: 'b'; value: Uint8Array }
  | { type: 'h'; value: bigint }
  | { type: 't'; value: NtpTime }
  | { type: 'd'; value: number }
  | { type: 'S'; value: string }
  | { type: 'c'; value: string }
  | { type: 'r'; value: number /* uint32 RGBA */ }
  | { type: 'm'; value: Uint8Array /* 4 bytes MIDI: port, status, data1, data2 */ }
  | { type: 'T' }
  | { type: 'F' }
  | { type: 'N' }
  | { type: 'I' }
  | { type: 'array'; value: OscArg[] };

/** The `type` field of an argument. */
export type OscArgType = OscArg['type'];

/** A message: an address (or address pattern) and its arguments. */
export interface OscMessage {
  kind: 'message';
  address: string;
  args: OscArg[];
}

/** A bundle: a timetag and the packets to run at (or after) that time. */
export interface OscBundle {
  kind: 'bundle';
  timetag: NtpTime;
  elements: OscPacket[];
}

/** What one datagram carries. */
export type OscPacket = OscMessage | OscBundle;

/** A message with the time it should run at. */
export interface TimedMessage {
  message: OscMessage;
  /** `null`: the message was not in a bundle (run on arrival). */
  timetag: NtpTime | null;
}

/** Bundles nested deeper than this are refused both ways, so hostile input cannot blow the stack. */
export const MAX_BUNDLE_DEPTH = 8;
/** `[ ]` groups nested deeper than this are refused both ways, for the same reason. */
export const MAX_ARRAY_DEPTH = 16;
