import { describe, expect, it } from 'vitest';
import { argsFromValues, decodePacket, encodePacket, type OscArg } from '../osc';
import { ntpFromUnixMs } from '../osc/timetag';
import { frameInstant } from './instant';
import { frameRate } from './rate';
import { createTimebase } from './timebase';
import {
  CUE_PORT,
  TIMECODE_ADDRESS,
  TIMECODE_PORT,
  parseTimecodeArgs,
  parseTimecodeMessage,
  timecodeMessage,
} from './wire';

const df2997 = createTimebase('29.97', true);
const start = ntpFromUnixMs(Date.UTC(2026, 10, 20, 9)) + 7n;

/** The bytes of an OSC string, NUL-terminated and padded to 4 by hand. */
function oscString(text: string): number[] {
  const bytes = [...text].map((c) => c.charCodeAt(0));
  return [...bytes, ...new Array<number>(4 - (bytes.length % 4)).fill(0)];
}

describe('timecode wire format', () => {
  it('uses the seed ports and address', () => {
    expect([TIMECODE_PORT, CUE_PORT, TIMECODE_ADDRESS]).toEqual([5006, 5005, '/sync/timecode']);
  });

  it('encodes the seed message to exactly the bytes built by hand', () => {
    const tb = createTimebase('25');
    const frame = ((1 * 60 + 2) * 60 + 3) * 25 + 4;
    const hand = [...oscString('/sync/timecode'), ...oscString(',s'), ...oscString('01:02:03:04')];
    expect(hand).toHaveLength(16 + 4 + 12);
    expect([...encodePacket(timecodeMessage(tb, frame))]).toEqual(hand);
  });

  it("writes the seed's ':' at drop-frame unless asked for ';'", () => {
    expect(timecodeMessage(df2997, 1800).args).toEqual([{ type: 's', value: '00:01:00:02' }]);
    expect(timecodeMessage(df2997, 1800, { dropFrameSeparator: true }).args).toEqual([
      { type: 's', value: '00:01:00;02' },
    ]);
  });

  it('round-trips the extended format through the codec and the parser', () => {
    const frameNtp = frameInstant(start, 2_589_408 + 17_982, df2997.rate);
    const message = timecodeMessage(df2997, 2_589_408 + 17_982, { format: 'extended', frameNtp });
    const decoded = decodePacket(encodePacket(message));
    if (decoded.kind !== 'message') throw new Error('expected a message');
    expect(decoded.args.map((a) => a.type).join('')).toBe('sisst');
    expect(parseTimecodeMessage(decoded)).toEqual({
      format: 'extended',
      text: '00:10:00:00',
      label: { hours: 0, minutes: 10, seconds: 0, frames: 0, separator: ':' },
      frame: 17_982,
      rate: frameRate('29.97'),
      dropFrame: true,
      frameNtp,
    });
  });

  it('refuses to write the extended format without the frame instant', () => {
    expect(() => timecodeMessage(df2997, 0, { format: 'extended' })).toThrow(
      expect.objectContaining({ code: 'wire' }),
    );
  });

  const t: OscArg = { type: 't', value: start };
  it.each<[string, OscArg[], object | null]>([
    ['the seed label', argsFromValues(['01:02:03:04']), { format: 'seed', text: '01:02:03:04' }],
    [
      'a drop-frame label as an S symbol',
      [{ type: 'S', value: '01:02:03;04' }],
      { format: 'seed', label: expect.objectContaining({ separator: ';' }) },
    ],
    [
      'text that is no label',
      argsFromValues(['soon']),
      { format: 'seed', text: 'soon', label: null },
    ],
    [
      'extended with the frame as a float (as Pd sends numbers)',
      [
        ...argsFromValues(['00:00:01:00']),
        { type: 'f', value: 25 },
        ...argsFromValues(['25', 'ndf']),
        t,
      ],
      { format: 'extended', frame: 25, dropFrame: false },
    ],
    [
      'extended fields that make no sense, read as seed',
      [...argsFromValues(['00:00:01:00', 25, '25', 'df']), t],
      { format: 'seed' },
    ],
    [
      'a label with extra arguments, read as seed',
      argsFromValues(['00:00:01:00', 1]),
      { format: 'seed' },
    ],
    ['no arguments', [], null],
    ['a number instead of a label', argsFromValues([12]), null],
  ])('reads %s', (_, args, expected) => {
    const got = parseTimecodeArgs(args);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatchObject(expected);
  });

  it('reads only messages at the timecode address', () => {
    const args = argsFromValues(['01:02:03:04']);
    expect(parseTimecodeMessage({ kind: 'message', address: '/sync/other', args })).toBeNull();
    expect(
      parseTimecodeMessage({ kind: 'message', address: TIMECODE_ADDRESS, args }),
    ).not.toBeNull();
  });
});
