import { describe, expect, it } from 'vitest';
import { argsFromValues, decodePacket, type OscArg } from '../osc';
import { ntpFromUnixMs } from '../osc/timetag';
import { encodeTick, parseTickArgs, type ParsedTick, type TickInfo } from './wire';

const sentNtp = ntpFromUnixMs(Date.UTC(2026, 10, 20) + 0.5) + 3n;
const info: TickInfo = { beat: 41, accent: true, sentNtp, mode: 'forward' };
const t = (value: bigint): OscArg => ({ type: 't', value });

describe('tick wire format', () => {
  it('encodes the seed format as a plain message with exactly one "tick" string', () => {
    const p = decodePacket(encodeTick('/py', 'seed', info, null));
    expect(p).toEqual({ kind: 'message', address: '/py', args: [{ type: 's', value: 'tick' }] });
  });

  it('wraps the tick in a bundle with the exact timetag when given one', () => {
    const tag = sentNtp + 123_456_789n;
    const p = decodePacket(encodeTick('/tick', 'seed', info, tag));
    expect(p).toMatchObject({ kind: 'bundle', timetag: tag, elements: [{ address: '/tick' }] });
  });

  it('round-trips the extended format through the parser', () => {
    const p = decodePacket(encodeTick('/tick', 'extended', info, null));
    if (p.kind !== 'message') throw new Error('expected a message');
    expect(parseTickArgs(p.args)).toEqual({ format: 'extended', ...info });
  });

  it.each<[string, OscArg[], ParsedTick | null]>([
    ['the seed string', argsFromValues(['tick']), { format: 'seed' }],
    ['a Pd int', argsFromValues([1]), { format: 'number' }],
    ['a Pd float', argsFromValues([0.5]), { format: 'number' }],
    ['no arguments (a Pd bang)', [], { format: 'bang' }],
    [
      'extended with float numbers and T (as Pd or liblo may send)',
      [...argsFromValues(['tick']), { type: 'f', value: 7 }, { type: 'T' }, t(sentNtp)],
      { format: 'extended', beat: 7, accent: true, sentNtp },
    ],
    ['another word', argsFromValues(['tock']), null],
    ['"tick" with one extra argument', argsFromValues(['tick', 1]), null],
    ['two strings', argsFromValues(['tick', 'tick']), null],
    ['extended with a fractional beat', [...argsFromValues(['tick', 1.5, 0]), t(sentNtp)], null],
    ['extended with an accent of 2', [...argsFromValues(['tick', 1, 2]), t(sentNtp)], null],
    ['extended with the send time as an int', argsFromValues(['tick', 1, 0, 5]), null],
    [
      'extended with an unknown mode',
      [...argsFromValues(['tick', 1, 0]), t(sentNtp), ...argsFromValues(['x'])],
      null,
    ],
  ])('parses %s', (_, args, expected) => {
    expect(parseTickArgs(args)).toEqual(expected);
  });
});
