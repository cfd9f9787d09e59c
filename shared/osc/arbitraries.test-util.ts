/**
 * fast-check generators for the OSC model, shared by the property and differential tests.
 */
import fc from 'fast-check';
import type { OscArg, OscPacket } from './types';

/** Any string an OSC string can carry (every code point but NUL). */
export const oscString = fc
  .string({ unit: 'binary', maxLength: 12 })
  .map((x) => x.replace(/\0/g, ''));

/** An address: '/' then any OSC string. */
export const oscAddress = oscString.map((x) => `/${x}`);

const uint32 = fc
  .tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }))
  .map(([hi, lo]) => hi * 0x1_0000 + lo);

/** Every atom type (floats restricted to what float32 can hold exactly). */
export const oscAtom: fc.Arbitrary<OscArg> = fc.oneof(
  fc.integer().map((value) => ({ type: 'i' as const, value })),
  fc.float().map((value) => ({ type: 'f' as const, value })),
  oscString.map((value) => ({ type: 's' as const, value })),
  fc.uint8Array({ maxLength: 9 }).map((value) => ({ type: 'b' as const, value })),
  fc
    .bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n })
    .map((value) => ({ type: 'h' as const, value })),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((value) => ({ type: 't' as const, value })),
  fc.double().map((value) => ({ type: 'd' as const, value })),
  oscString.map((value) => ({ type: 'S' as const, value })),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 1 })
    .map((value) => ({ type: 'c' as const, value })),
  uint32.map((value) => ({ type: 'r' as const, value })),
  fc.uint8Array({ minLength: 4, maxLength: 4 }).map((value) => ({ type: 'm' as const, value })),
  fc.constantFrom<OscArg>({ type: 'T' }, { type: 'F' }, { type: 'N' }, { type: 'I' }),
);

/** Atoms and (nested) arrays of them. */
export const oscArg: fc.Arbitrary<OscArg> = fc.letrec<{ arg: OscArg }>((tie) => ({
  arg: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    oscAtom,
    fc.array(tie('arg'), { maxLength: 3 }).map((value) => ({ type: 'array' as const, value })),
  ),
})).arg;

/** Messages and nested bundles, with nested timetags never earlier than their parent's. */
export const oscPacket: fc.Arbitrary<OscPacket> = fc
  .letrec<{ packet: OscPacket }>((tie) => ({
    packet: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({
        kind: fc.constant('message' as const),
        address: oscAddress,
        args: fc.array(oscArg, { maxLength: 4 }),
      }),
      fc.record({
        kind: fc.constant('bundle' as const),
        timetag: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        elements: fc.array(tie('packet'), { maxLength: 3 }),
      }),
    ),
  }))
  .packet.filter((p) => depth(p) <= 8)
  .map((p) => orderTimetags(p, 0n));

function depth(p: OscPacket): number {
  return p.kind === 'message' ? 0 : 1 + Math.max(0, ...p.elements.map(depth));
}

function orderTimetags(p: OscPacket, parent: bigint): OscPacket {
  if (p.kind === 'message') return p;
  const timetag = p.timetag < parent ? parent : p.timetag;
  return { ...p, timetag, elements: p.elements.map((e) => orderTimetags(e, timetag)) };
}
