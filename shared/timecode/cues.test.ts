import { describe, expect, it } from 'vitest';
import {
  argsFromValues,
  compileAddressPattern,
  decodePacket,
  encodePacket,
  type OscArg,
} from '../osc';
import {
  CUE_ADDRESS_PATTERNS,
  SEED_CUES,
  cueMessage,
  isCueAddress,
  parseCueMessage,
  seedCueMessages,
} from './cues';

function oscString(text: string): number[] {
  const bytes = [...text].map((c) => c.charCodeAt(0));
  return [...bytes, ...new Array<number>(4 - (bytes.length % 4)).fill(0)];
}

describe('cues and triggers on the wire', () => {
  it("sends the seed client's four messages, the _tc ones with the timecode second", () => {
    const messages = seedCueMessages('00:00:05:10').map((m) => [
      m.address,
      ...m.args.map((a) => (a as { value: unknown }).value),
    ]);
    expect(messages).toEqual([
      ['/trigger/action', 'Play sound effect'],
      ['/cue/lighting', 'Scene Bright'],
      ['/trigger/action_tc', 'Start playback', '00:00:05:10'],
      ['/cue/video_tc', 'Intro video cue', '00:00:05:10'],
    ]);
  });

  it('encodes a timecoded cue as two strings, to the byte', () => {
    const hand = [
      ...oscString('/trigger/action_tc'),
      ...oscString(',ss'),
      ...oscString('Start playback'),
      ...oscString('00:00:01:00'),
    ];
    expect(hand).toHaveLength(20 + 4 + 16 + 12);
    expect([
      ...encodePacket(cueMessage('/trigger/action_tc', 'Start playback', '00:00:01:00')),
    ]).toEqual(hand);
  });

  it('reads back every seed cue through the codec', () => {
    for (const [i, message] of seedCueMessages('01:00:00:00').entries()) {
      const decoded = decodePacket(encodePacket(message));
      if (decoded.kind !== 'message') throw new Error('expected a message');
      const spec = SEED_CUES[i]!;
      expect(parseCueMessage(decoded)).toEqual({
        kind: spec.address.startsWith('/cue/') ? 'cue' : 'trigger',
        name: spec.address.split('/')[2],
        text: spec.text,
        timecode: spec.withTimecode ? '01:00:00:00' : null,
        label: spec.withTimecode
          ? { hours: 1, minutes: 0, seconds: 0, frames: 0, separator: ':' }
          : null,
      });
    }
  });

  it.each<[string, string, OscArg[], object | null]>([
    [
      'a cue with no arguments',
      '/cue/go',
      [],
      { kind: 'cue', name: 'go', text: null, timecode: null },
    ],
    ['a numbered trigger from Pd', '/trigger/scene', argsFromValues([3]), { text: '3' }],
    [
      'a timecode that is no label',
      '/cue/x',
      argsFromValues(['a', 'later']),
      { timecode: 'later', label: null },
    ],
    [
      'extra arguments',
      '/cue/x',
      argsFromValues(['a', '00:00:00:01', 5]),
      { timecode: '00:00:00:01' },
    ],
    ['a nested address (no pattern matches it)', '/cue/video/intro', argsFromValues(['a']), null],
    ['the bare prefix (as /cue/* matches it)', '/cue/', argsFromValues(['a']), { name: '' }],
    ['another address', '/sync/timecode', argsFromValues(['00:00:00:01']), null],
  ])('reads %s', (_, address, args, expected) => {
    const got = parseCueMessage({ kind: 'message', address, args });
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatchObject(expected);
  });

  it('listens to the same addresses its patterns match', () => {
    const matchers = CUE_ADDRESS_PATTERNS.map((p) => compileAddressPattern(p));
    const others = ['/sync/timecode', '/tick', '/cue/', '/cue/a/b', '/trigger', '/cues/x'];
    for (const address of [...SEED_CUES.map((c) => c.address), ...others]) {
      expect(matchers.some((matches) => matches(address))).toBe(isCueAddress(address));
    }
  });
});
