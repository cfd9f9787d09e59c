/**
 * Syncroscope's OSC 1.0 codec: the public surface. Platform-free (no Node, no DOM).
 */
export type { OscArg, OscArgType, OscBundle, OscMessage, OscPacket, TimedMessage } from './types';
export { MAX_ARRAY_DEPTH, MAX_BUNDLE_DEPTH } from './types';
export {
  OSC_DECODE_ERROR_CODES,
  OscDecodeError,
  OscEncodeError,
  OscPatternError,
  type OscDecodeErrorCode,
  type OscEncodeErrorCode,
} from './errors';
export { encodeMessage } from './message';
export { decodePacket, encodeBundle, encodePacket } from './packet';
export { flattenPacket } from './flatten';
export { compileAddressPattern, matchAddress, type AddressMatcher } from './pattern';
export { argsFromValues, argValue } from './values';
export { formatArg, formatMessage } from './format';
export * from './timetag';
