/**
 * The tick on the wire, defined once: the metronome encodes with it, the tick receiver parses it.
 *
 * seed (default, what the seed programs expect): `/tick ,s "tick"`. Exactly one argument,
 *   because python-osc's handler compares its single argument to "tick". Accented beats are
 *   also plain "tick": the seed peers have no way to hear an accent without breaking.
 * extended (opt-in, Syncroscope peers): `/tick ,siits "tick" beat accent sentTimetag mode`
 *   beat: int32 beat number (wraps at 2^31, 13 years at 300 BPM); accent: int 1/0 (Pd-friendly,
 *   unlike T/F which carry no data); sentTimetag: the send time as an exact NTP `t`; mode:
 *   "immediate" | "offset" | "forward" (so a receiver can keep its statistics per mode).
 *   "tick" stays first so Pd patches that [route tick] still fire.
 */
import { encodeBundle, encodeMessage, type OscArg } from '../osc';
import type { NtpTime } from '../osc/timetag';
import { METRONOME_MODES, type MetronomeMode, type TickFormat } from './limits';

/** The word every tick carries. */
export const TICK_WORD = 'tick';

/** What a tick says about itself in the extended format. */
export interface TickInfo {
  beat: number;
  accent: boolean;
  sentNtp: NtpTime;
  mode: MetronomeMode;
}

/** The arguments of one tick. */
export function tickArgs(format: TickFormat, info: TickInfo): OscArg[] {
  const word: OscArg = { type: 's', value: TICK_WORD };
  if (format === 'seed') return [word];
  return [
    word,
    { type: 'i', value: info.beat % 0x8000_0000 },
    { type: 'i', value: info.accent ? 1 : 0 },
    { type: 't', value: info.sentNtp },
    { type: 's', value: info.mode },
  ];
}

/** One tick datagram: a plain message when `timetag` is null, else a bundle with that timetag. */
export function encodeTick(
  address: string,
  format: TickFormat,
  info: TickInfo,
  timetag: NtpTime | null,
): Uint8Array {
  const args = tickArgs(format, info);
  return timetag === null
    ? encodeMessage(address, args)
    : encodeBundle(timetag, [{ kind: 'message', address, args }]);
}

/** What a received tick said. Fields are present only in the extended format. */
export interface ParsedTick {
  /** seed: "tick"; number: one i/f (Pd); bang: no arguments (Pd); extended: see the module doc. */
  format: 'seed' | 'number' | 'bang' | 'extended';
  beat?: number;
  accent?: boolean;
  sentNtp?: NtpTime;
  mode?: MetronomeMode;
}

const MODES: readonly string[] = METRONOME_MODES;

/**
 * Reads a tick's arguments; null when they are not a tick (the message is then not a tick).
 * Numbers may come as i or f (Pd's [packOSC] and [oscformat] differ), the accent also as T/F.
 */
export function parseTickArgs(args: readonly OscArg[]): ParsedTick | null {
  const [first, ...rest] = args;
  if (first === undefined) return { format: 'bang' };
  if (rest.length === 0) {
    if (first.type === 'i' || first.type === 'f') return { format: 'number' };
    return first.type === 's' && first.value === TICK_WORD ? { format: 'seed' } : null;
  }
  if (first.type !== 's' || first.value !== TICK_WORD || (rest.length !== 3 && rest.length !== 4))
    return null;
  const [beatArg, accentArg, sentArg, modeArg] = rest;
  const beat = wholeNumber(beatArg!);
  const accent = flag(accentArg!);
  if (beat === null || accent === null || sentArg!.type !== 't') return null;
  const tick: ParsedTick = { format: 'extended', beat, accent, sentNtp: sentArg!.value };
  if (modeArg !== undefined) {
    if (modeArg.type !== 's' || !MODES.includes(modeArg.value)) return null;
    tick.mode = modeArg.value as MetronomeMode;
  }
  return tick;
}

function wholeNumber(arg: OscArg): number | null {
  if (arg.type !== 'i' && arg.type !== 'f') return null;
  return Number.isInteger(arg.value) ? arg.value : null;
}

function flag(arg: OscArg): boolean | null {
  if (arg.type === 'T') return true;
  if (arg.type === 'F') return false;
  const n = wholeNumber(arg);
  return n === 0 ? false : n === 1 ? true : null;
}
