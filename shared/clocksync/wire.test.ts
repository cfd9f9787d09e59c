import { describe, expect, it } from 'vitest';
import { decodePacket, encodeMessage, type OscMessage } from '../osc';
import { ntpFromParts } from '../osc/timetag';
import {
  CLOCK_PING_ADDRESS,
  CLOCK_PONG_ADDRESS,
  encodeClockPing,
  encodeClockPong,
  isClockAddress,
  parseClockPing,
  parseClockPong,
} from './wire';

const t1 = ntpFromParts(0xeb5c_0d21, 0xffff_ffff);
const t2 = ntpFromParts(0xeb5c_0d22, 0x0000_0001);
const t3 = ntpFromParts(0xeb5c_0d22, 0x8000_0000);
const decoded = (bytes: Uint8Array) => decodePacket(bytes) as OscMessage;

describe('clock wire format', () => {
  it('encodes a ping as one t atom and reads t1 back exactly', () => {
    const bytes = encodeClockPing(t1);
    const m = decoded(bytes);
    expect(m.address).toBe(CLOCK_PING_ADDRESS);
    expect(m.args).toEqual([{ type: 't', value: t1 }]);
    expect(parseClockPing(m)).toBe(t1);
    // address (24) + ",t" (4) + 8 bytes of timetag
    expect(bytes.byteLength).toBe(36);
  });

  it('encodes a pong as three t atoms and reads them back exactly', () => {
    const m = decoded(encodeClockPong({ t1, t2, t3 }));
    expect(m.address).toBe(CLOCK_PONG_ADDRESS);
    expect(m.args.map((a) => a.type).join('')).toBe('ttt');
    expect(parseClockPong(m)).toEqual({ t1, t2, t3 });
  });

  it.each([
    ['a ping with no argument', encodeMessage(CLOCK_PING_ADDRESS)],
    ['a ping whose t1 is a float', encodeMessage(CLOCK_PING_ADDRESS, [{ type: 'd', value: 1 }])],
    ['another address', encodeMessage('/tick', [{ type: 't', value: t1 }])],
  ])('does not take %s for a ping', (_, bytes) => {
    expect(parseClockPing(decoded(bytes))).toBeNull();
  });

  it.each([
    ['a pong with two timestamps', [t1, t2]],
    ['a pong with four timestamps', [t1, t2, t3, t3]],
  ])('does not take %s for a pong', (_, ts) => {
    const m = decoded(
      encodeMessage(
        CLOCK_PONG_ADDRESS,
        ts.map((value) => ({ type: 't' as const, value })),
      ),
    );
    expect(parseClockPong(m)).toBeNull();
  });

  it('does not take a pong with a string among its timestamps', () => {
    const m = decoded(
      encodeMessage(CLOCK_PONG_ADDRESS, [
        { type: 't', value: t1 },
        { type: 's', value: 'x' },
        { type: 't', value: t3 },
      ]),
    );
    expect(parseClockPong(m)).toBeNull();
  });

  it('knows its own addresses and no others', () => {
    expect(isClockAddress(CLOCK_PING_ADDRESS)).toBe(true);
    expect(isClockAddress(CLOCK_PONG_ADDRESS)).toBe(true);
    expect(isClockAddress('/syncroscope/clock')).toBe(false);
    expect(isClockAddress('/tick')).toBe(false);
  });
});
