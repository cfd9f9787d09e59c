/**
 * How liblo 0.31's oscdump renders arguments (its `lo_arg_pp`), so a test can predict the exact
 * line for what it sent and compare text, with no lossy parsing of liblo's output.
 */
import type { OscArg } from '../../../shared/osc/index';
import { ntpToHex } from '../../../shared/osc/index';

/** Argument types liblo 0.31 rejects as "Invalid message received" (no RGBA, no arrays). */
export const OSCDUMP_UNSUPPORTED_TYPES: ReadonlySet<OscArg['type']> = new Set(['r', 'array']);

/** The argument text oscdump prints after `address types ` for these arguments. */
export function formatOscdumpArgs(args: readonly OscArg[]): string {
  return args.map(formatOscdumpArg).join(' ');
}

/** One argument as oscdump prints it. */
export function formatOscdumpArg(arg: OscArg): string {
  switch (arg.type) {
    case 'i':
      return String(arg.value);
    case 'f':
      return printfFixed6(Math.fround(arg.value));
    case 'd':
      return printfFixed6(arg.value);
    case 'h':
      return arg.value.toString();
    case 's':
      return `"${arg.value}"`; // no escaping: a quote inside prints as is
    case 'S':
      return `'${arg.value}`;
    case 'c':
      return `'${arg.value}'`;
    case 't':
      return ntpToHex(arg.value);
    case 'b':
      // "%#02x": C's '#' adds no 0x to zero, and the width pads it to "00".
      return `[${arg.value.length}b ${[...arg.value].map((b) => (b === 0 ? '00' : `0x${b.toString(16)}`)).join(' ')}]`;
    case 'm':
      return `MIDI [${[...arg.value].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ')}]`;
    case 'T':
      return '#T';
    case 'F':
      return '#F';
    case 'N':
      return 'Nil';
    case 'I':
      return 'Infinitum';
    case 'r':
    case 'array':
      throw new Error(
        `oscdump (liblo 0.31) cannot print type '${arg.type}': it rejects the message`,
      );
  }
}

/**
 * C's `printf("%f", x)`. JavaScript's toFixed agrees except on exact binary ties at the 7th decimal
 * (e.g. 1/128), where glibc rounds half to even: keep test values off those ties.
 */
function printfFixed6(x: number): string {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  return sign + Math.abs(x).toFixed(6);
}
