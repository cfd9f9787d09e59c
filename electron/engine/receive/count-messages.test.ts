import { describe, expect, it } from 'vitest';
import {
  argsFromValues,
  decodePacket,
  encodeBundle,
  encodeMessage,
  flattenPacket,
  type OscPacket,
} from '../../../shared/osc';
import { IMMEDIATELY } from '../../../shared/osc/timetag';
import { countMessages } from './count-messages';

const msg = (i: number): OscPacket => ({
  kind: 'message',
  address: `/m/${i}`,
  args: argsFromValues([i]),
});
const bundle = (elements: OscPacket[]): OscPacket => ({
  kind: 'bundle',
  timetag: IMMEDIATELY,
  elements,
});

describe('counting a datagram’s messages from its framing', () => {
  it('counts as many messages as decoding the datagram finds, for messages and nested bundles', () => {
    const cases: Uint8Array[] = [
      encodeMessage('/one', argsFromValues([1])),
      encodeBundle(IMMEDIATELY, []),
      encodeBundle(IMMEDIATELY, [msg(1), msg(2), msg(3)]),
      encodeBundle(IMMEDIATELY, [msg(1), bundle([msg(2), bundle([msg(3), msg(4)])]), msg(5)]),
      encodeBundle(
        IMMEDIATELY,
        Array.from({ length: 500 }, (_, i) => msg(i)),
      ),
    ];
    for (const bytes of cases) {
      const decoded = flattenPacket(decodePacket(bytes)).length;
      expect(countMessages(bytes)).toBe(Math.max(1, decoded));
    }
  });

  it('weighs a maximal datagram of tiny messages at its full count', () => {
    // 4 bytes of size + "/a\0\0" + ",\0\0\0": 12 bytes per element.
    const elements = Array.from({ length: 5000 }, (): OscPacket => ({
      kind: 'message',
      address: '/a',
      args: [],
    }));
    const bytes = encodeBundle(IMMEDIATELY, elements);
    expect(countMessages(bytes)).toBe(5000);
  });

  it('stops at broken framing with what it counted so far, at least 1, and never throws', () => {
    const good = encodeBundle(IMMEDIATELY, [msg(1), msg(2), msg(3)]);
    const view = new DataView(good.buffer, good.byteOffset);
    const second = 16 + 4 + view.getInt32(16); // where the second element's size is
    const broken = good.slice();
    new DataView(broken.buffer).setInt32(second, 0x7fff_fff0); // a size past the end
    expect(countMessages(broken)).toBe(1);
    const negative = good.slice();
    new DataView(negative.buffer).setInt32(16, -4);
    expect(countMessages(negative)).toBe(1);
    expect(countMessages(new Uint8Array(0))).toBe(1);
    expect(countMessages(new TextEncoder().encode('#bundle\0'))).toBe(1); // shorter than a header
    expect(countMessages(good.subarray(0, good.length - 2))).toBe(2); // the last element cut short
  });

  it('does not follow nesting deeper than the decoder accepts', () => {
    // The encoder refuses such depth, so the bytes are built by hand: each level wraps the last.
    let bytes = encodeMessage('/x');
    for (let i = 0; i < 40; i++) {
      const inner = bytes;
      bytes = new Uint8Array(16 + 4 + inner.length);
      bytes.set(new TextEncoder().encode('#bundle\0'));
      new DataView(bytes.buffer).setInt32(16, inner.length);
      bytes.set(inner, 20);
    }
    expect(countMessages(bytes)).toBe(1);
  });
});
