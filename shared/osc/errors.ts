/**
 * Typed codec errors. Receivers drop or count bad datagrams by `code`; the message says
 * what is wrong and where, for the log.
 */

/** Why a datagram was refused: every code `decodePacket` can give, for counters and checks. */
export const OSC_DECODE_ERROR_CODES = [
  'size', // empty, or length not a multiple of 4
  'address', // does not start with '/' (and is not a bundle)
  'unterminated-string', // no NUL before the end
  'padding', // string or blob padding is not NUL bytes
  'utf8', // string bytes are not valid UTF-8
  'type-tag', // data after the address that does not start with ','
  'unknown-type', // a type tag this codec does not know
  'truncated', // argument data (or a blob) runs past the end
  'trailing-bytes', // bytes left after the last argument
  'array', // unbalanced '[' / ']'
  'value', // an argument value that is impossible (negative blob size, bad char code)
  'bundle-header', // '#bundle' tag broken or shorter than 16 bytes
  'bundle-element', // element size not positive, not a multiple of 4, or past the end
  'depth', // bundles or arrays nested too deep
] as const;

/** Why a datagram was refused (see {@link OSC_DECODE_ERROR_CODES}). */
export type OscDecodeErrorCode = (typeof OSC_DECODE_ERROR_CODES)[number];

/** Thrown by `decodePacket` for every malformed datagram, and by nothing else. */
export class OscDecodeError extends Error {
  override readonly name = 'OscDecodeError';

  constructor(
    readonly code: OscDecodeErrorCode,
    /** Byte offset of the problem within the decoded view. */
    readonly offset: number,
    what: string,
  ) {
    super(`${what} at byte ${offset}`);
  }
}

/** Why a packet could not be encoded. */
export type OscEncodeErrorCode =
  | 'address' // empty, not starting with '/', or containing NUL
  | 'string' // NUL inside a string, or a lone UTF-16 surrogate
  | 'range' // number outside what the type tag can carry
  | 'value' // wrong JS type for the type tag, or a JS value with no OSC type
  | 'timetag-order' // nested bundle earlier than its parent
  | 'depth'; // bundles or arrays nested too deep (or cyclic)

/** Thrown by the encoders (and `argsFromValues`) before any byte is written. */
export class OscEncodeError extends Error {
  override readonly name = 'OscEncodeError';

  constructor(
    readonly code: OscEncodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by `compileAddressPattern` for a pattern that cannot mean anything (e.g. unclosed '['). */
export class OscPatternError extends Error {
  override readonly name = 'OscPatternError';

  constructor(
    readonly pattern: string,
    /** Index in `pattern` of the problem. */
    readonly offset: number,
    what: string,
  ) {
    super(`invalid OSC address pattern ${JSON.stringify(pattern)}: ${what} at index ${offset}`);
  }
}
