/**
 * Differential tests against osc-js 2.4.1 (devDependency) for what it gets right.
 *
 * Not compared, because osc-js gets them wrong (each shown in the last block below):
 * - strings outside ASCII: it writes UTF-16 code units as bytes, so "é" goes out as 0xe9;
 * - views that do not start at offset 0 of their ArrayBuffer (a pooled Node Buffer): blobs are
 *   read from the start of the whole ArrayBuffer (and its UDP plugin's `dataView()` helper does
 *   the same to whole packets), so decoding is only compared on exact-size buffers;
 * - received timetags as time: `timestamp()` rounds the fraction to a whole second;
 * - 'h' and 't' arguments equal to 0n: it refuses to pack them ("empty value");
 * - a nested bundle followed by a sibling: its unpack reads the nested bundle to the datagram's end.
 */
import fc from 'fast-check';
import OSC from 'osc-js';
import { describe, expect, it } from 'vitest';
import {
  argValue,
  decodePacket,
  encodePacket,
  ntpToParts,
  type OscArg,
  type OscMessage,
  type OscPacket,
} from './index';

type OscJsMessage = InstanceType<typeof OSC.TypedMessage>;
type OscJsBundle = InstanceType<typeof OSC.Bundle>;

const asciiString = fc
  .string({ unit: 'binary-ascii', maxLength: 12 })
  .map((x) => x.replace(/[\0\x80-\xff]/g, ''));
const nonZeroBigInt = (min: bigint, max: bigint): fc.Arbitrary<bigint> =>
  fc.bigInt({ min, max }).filter((v) => v !== 0n);

/** The argument types osc-js handles correctly. */
const sharedArg: fc.Arbitrary<OscArg> = fc.oneof(
  fc.integer().map((value) => ({ type: 'i' as const, value })),
  fc.float().map((value) => ({ type: 'f' as const, value })),
  asciiString.map((value) => ({ type: 's' as const, value })),
  fc.uint8Array({ maxLength: 9 }).map((value) => ({ type: 'b' as const, value })),
  nonZeroBigInt(-(1n << 63n), (1n << 63n) - 1n).map((value) => ({ type: 'h' as const, value })),
  nonZeroBigInt(1n, (1n << 64n) - 1n).map((value) => ({ type: 't' as const, value })),
  fc.double().map((value) => ({ type: 'd' as const, value })),
  fc.constantFrom<OscArg>({ type: 'T' }, { type: 'F' }, { type: 'N' }, { type: 'I' }),
);

// osc-js rewrites addresses that end in '/', so generate plain path segments.
const sharedAddress = fc
  .array(fc.stringMatching(/^[a-z0-9_]{1,6}$/), { minLength: 1, maxLength: 3 })
  .map((parts) => `/${parts.join('/')}`);

const sharedMessage: fc.Arbitrary<OscMessage> = fc.record({
  kind: fc.constant('message' as const),
  address: sharedAddress,
  args: fc.array(sharedArg, { maxLength: 5 }),
});

const ntp = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

function toOscJs(p: OscPacket): OscJsMessage | OscJsBundle {
  if (p.kind === 'message') {
    // OSC.Bundle only takes OSC.Message, whose constructor infers types: set them directly.
    const m = new OSC.Message(p.address);
    m.types = p.args.map((a) => a.type).join('');
    m.args = p.args.map(argValue) as OscJsMessage['args'];
    return m;
  }
  const bundle = new OSC.Bundle(p.elements.map(toOscJs));
  const { seconds, fraction } = ntpToParts(p.timetag);
  bundle.timetag.value.seconds = seconds;
  bundle.timetag.value.fractions = fraction;
  return bundle;
}

function expectOscJsSees(theirs: OscJsMessage, ours: OscMessage): void {
  expect(theirs.address).toBe(ours.address);
  expect(theirs.types).toBe(`,${ours.args.map((a) => a.type).join('')}`);
  expect(theirs.args.map((v) => (v instanceof Uint8Array ? Uint8Array.from(v) : v))).toEqual(
    ours.args.map(argValue),
  );
}

describe('against osc-js', () => {
  it('encodes messages to the same bytes', () => {
    fc.assert(
      fc.property(sharedMessage, (m) => {
        expect(encodePacket(m)).toEqual(toOscJs(m).pack());
      }),
      { numRuns: 500 },
    );
  });

  it('encodes (nested) bundles to the same bytes', () => {
    const bundle = fc.record({
      kind: fc.constant('bundle' as const),
      timetag: ntp,
      elements: fc.array(sharedMessage, { maxLength: 3 }),
    });
    const outer = fc
      .tuple(ntp, fc.array(fc.oneof(sharedMessage, bundle), { maxLength: 3 }))
      .map(([timetag, elements]): OscPacket => {
        // Keep OSC 1.0's rule: nested timetags never earlier than the parent's.
        const fixed = elements.map((e) =>
          e.kind === 'bundle' && e.timetag < timetag ? { ...e, timetag } : e,
        );
        return { kind: 'bundle', timetag, elements: fixed };
      });
    fc.assert(
      fc.property(outer, (p) => {
        expect(encodePacket(p)).toEqual(toOscJs(p).pack());
      }),
      { numRuns: 300 },
    );
  });

  it('lets osc-js decode our messages to the same values', () => {
    fc.assert(
      fc.property(sharedMessage, (m) => {
        const theirs = new OSC.Message('');
        theirs.unpack(new DataView(encodePacket(m).buffer));
        expectOscJsSees(theirs, m);
      }),
      { numRuns: 500 },
    );
  });

  it('decodes osc-js messages to the values osc-js packed', () => {
    fc.assert(
      fc.property(sharedMessage, (m) => {
        expect(decodePacket(toOscJs(m).pack())).toEqual(m);
      }),
      { numRuns: 500 },
    );
  });

  it("lets osc-js decode our one-level bundles, with the timetag's exact wire words", () => {
    const bundle = fc.record({
      kind: fc.constant('bundle' as const),
      timetag: ntp,
      elements: fc.array(sharedMessage, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(bundle, (p) => {
        const theirs = new OSC.Bundle();
        theirs.unpack(new DataView(encodePacket(p).buffer));
        const { seconds, fraction } = ntpToParts(p.timetag);
        expect(theirs.timetag.value.seconds).toBe(seconds);
        expect(theirs.timetag.value.fractions).toBe(fraction);
        expect(theirs.bundleElements).toHaveLength(p.elements.length);
        theirs.bundleElements.forEach((e: OscJsMessage, k: number) =>
          expectOscJsSees(e, p.elements[k]!),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('what osc-js gets wrong (so it is not compared above)', () => {
  it('writes a non-ASCII string as UTF-16 code units, not UTF-8', () => {
    const theirs = new OSC.Message('/a', 'é').pack();
    const ours = encodePacket({
      kind: 'message',
      address: '/a',
      args: [{ type: 's', value: 'é' }],
    });
    expect(theirs[8]).toBe(0xe9);
    expect([ours[8], ours[9]]).toEqual([0xc3, 0xa9]);
  });

  it('reads a blob from the start of the ArrayBuffer when the view starts later', () => {
    const blob = Uint8Array.of(1, 2, 3, 4);
    const bytes = encodePacket({
      kind: 'message',
      address: '/a',
      args: [{ type: 'b', value: blob }],
    });
    const pool = new Uint8Array(8 + bytes.length).fill(0xee);
    pool.set(bytes, 8);
    const view = pool.subarray(8);
    const theirs = new OSC.Message('');
    theirs.unpack(new DataView(view.buffer, view.byteOffset, view.byteLength));
    expect(Uint8Array.from(theirs.args[0] as unknown as Uint8Array)).not.toEqual(blob);
    expect(decodePacket(view)).toMatchObject({ args: [{ type: 'b', value: blob }] });
  });

  it('rounds a received timetag to a whole second', () => {
    const half = (3_900_000_000n << 32n) | 0x8000_0000n; // x.5 s
    const theirs = new OSC.Bundle();
    theirs.unpack(
      new DataView(encodePacket({ kind: 'bundle', timetag: half, elements: [] }).buffer),
    );
    expect(theirs.timetag.value.timestamp() % 1000).toBe(0);
  });
});
