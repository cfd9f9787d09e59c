/**
 * Cues and triggers on the wire. The seed client sends them to the master's UDP 5005, each a
 * plain message: a description string, then for the `_tc` addresses the timecode label it was
 * sent at (python-osc sends the list ["Start playback", tc] as two string arguments).
 */
import { argValue, type OscArg, type OscMessage } from '../osc';
import type { ParsedLabel } from './label-text';
import { labelOrNull, stringOf } from './wire';

/** Addresses under this are triggers. */
export const TRIGGER_PREFIX = '/trigger/';
/** Addresses under this are cues. */
export const CUE_PREFIX = '/cue/';
/** What the master listens to, as OSC address patterns. */
export const CUE_ADDRESS_PATTERNS = ['/trigger/*', '/cue/*'] as const;

/** One cue as data: where it goes, what it says, and whether the timecode follows. */
export interface CueSpec {
  address: string;
  text: string;
  withTimecode: boolean;
}

/** The four cues the seed client sends, in its order. */
export const SEED_CUES: readonly CueSpec[] = [
  { address: '/trigger/action', text: 'Play sound effect', withTimecode: false },
  { address: '/cue/lighting', text: 'Scene Bright', withTimecode: false },
  { address: '/trigger/action_tc', text: 'Start playback', withTimecode: true },
  { address: '/cue/video_tc', text: 'Intro video cue', withTimecode: true },
];

/** A cue message: the text, then the timecode label when one is given. */
export function cueMessage(address: string, text: string, timecode?: string): OscMessage {
  const args: OscArg[] = [{ type: 's', value: text }];
  if (timecode !== undefined) args.push({ type: 's', value: timecode });
  return { kind: 'message', address, args };
}

/** The seed's four cue messages, the `_tc` ones carrying `timecode`. */
export function seedCueMessages(timecode: string): OscMessage[] {
  return SEED_CUES.map((c) => cueMessage(c.address, c.text, c.withTimecode ? timecode : undefined));
}

/** What a received cue or trigger said. */
export interface ReceivedCue {
  kind: 'trigger' | 'cue';
  /** The address after its prefix, e.g. 'action_tc'. */
  name: string;
  /** The first argument as text (numbers too, as Pd may send them), or null when there is none. */
  text: string | null;
  /** The second argument when it is a string, or null. */
  timecode: string | null;
  /** That timecode's fields, or null when absent or not HH:MM:SS:FF. */
  label: ParsedLabel | null;
}

/** True for a `/trigger/NAME` or `/cue/NAME` address (what CUE_ADDRESS_PATTERNS match). */
export function isCueAddress(address: string): boolean {
  return cueKind(address) !== null;
}

/** Reads a cue or trigger; null for any other address. Extra arguments are ignored. */
export function parseCueMessage(message: OscMessage): ReceivedCue | null {
  const kind = cueKind(message.address);
  if (kind === null) return null;
  const prefix = kind === 'trigger' ? TRIGGER_PREFIX : CUE_PREFIX;
  const [first, second] = message.args;
  const timecode = stringOf(second);
  return {
    kind,
    name: message.address.slice(prefix.length),
    text: first === undefined ? null : textOf(first),
    timecode,
    label: timecode === null ? null : labelOrNull(timecode),
  };
}

function cueKind(address: string): 'trigger' | 'cue' | null {
  // What OSC's '*' in CUE_ADDRESS_PATTERNS matches: any name, even empty, but never a '/'.
  const kind = address.startsWith(TRIGGER_PREFIX)
    ? 'trigger'
    : address.startsWith(CUE_PREFIX)
      ? 'cue'
      : null;
  if (kind === null) return null;
  const name = address.slice((kind === 'trigger' ? TRIGGER_PREFIX : CUE_PREFIX).length);
  return name.includes('/') ? null : kind;
}

function textOf(arg: OscArg): string | null {
  const s = stringOf(arg);
  if (s !== null) return s;
  if (arg.type === 't') return null; // a timetag is not a description
  const v = argValue(arg);
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' ? String(v) : null;
}
