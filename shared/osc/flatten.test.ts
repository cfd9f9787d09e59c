import { describe, expect, it } from 'vitest';
import { flattenPacket, type OscMessage, type OscPacket } from './index';

const msg = (address: string): OscMessage => ({ kind: 'message', address, args: [] });

describe('flattenPacket', () => {
  it('gives a bare message no timetag', () => {
    expect(flattenPacket(msg('/tick'))).toEqual([{ message: msg('/tick'), timetag: null }]);
  });

  it("gives each message its innermost bundle's timetag, in packet order", () => {
    const p: OscPacket = {
      kind: 'bundle',
      timetag: 10n,
      elements: [
        msg('/a'),
        {
          kind: 'bundle',
          timetag: 20n,
          elements: [msg('/b'), { kind: 'bundle', timetag: 30n, elements: [msg('/c')] }],
        },
        msg('/d'),
      ],
    };
    expect(flattenPacket(p)).toEqual([
      { message: msg('/a'), timetag: 10n },
      { message: msg('/b'), timetag: 20n },
      { message: msg('/c'), timetag: 30n },
      { message: msg('/d'), timetag: 10n },
    ]);
  });

  it('keeps timetags 1 and 0 as they are (both mean "now")', () => {
    expect(flattenPacket({ kind: 'bundle', timetag: 0n, elements: [msg('/a')] })).toEqual([
      { message: msg('/a'), timetag: 0n },
    ]);
  });

  it('raises a nested timetag earlier than its parent to the parent, so nothing runs early', () => {
    const p: OscPacket = {
      kind: 'bundle',
      timetag: 50n,
      elements: [{ kind: 'bundle', timetag: 1n, elements: [msg('/late')] }],
    };
    expect(flattenPacket(p)).toEqual([{ message: msg('/late'), timetag: 50n }]);
  });

  it('returns nothing for an empty bundle', () => {
    expect(flattenPacket({ kind: 'bundle', timetag: 1n, elements: [] })).toEqual([]);
  });
});
