/**
 * Fuzz cases made from nothing: random bytes (plain, shaped like OSC, or a maximal datagram)
 * and nesting of bundles and arrays up to and far past the decoder's limits.
 */
import { putInt32 } from './atoms';
import type { Rng } from './fuzz-rng.test-util';
import { MAX_OSC_DATAGRAM, MAX_UDP_DATAGRAM } from './fuzz-seeds.test-util';
import { MAX_ARRAY_DEPTH, MAX_BUNDLE_DEPTH } from './types';

/** The kinds of generated case. */
export const GENERATED_KINDS = [
  'random',
  'random-osc',
  'maximal-random',
  'deep-bundles',
  'deep-arrays',
] as const;
/** One of {@link GENERATED_KINDS}. */
export type GeneratedKind = (typeof GENERATED_KINDS)[number];

/** Every type tag the codec knows, as bytes. */
export const VALID_TAGS = [...'ifsbhtdScrmTFNI[]'].map((c) => c.charCodeAt(0));

const BUNDLE_TAG = [0x23, 0x62, 0x75, 0x6e, 0x64, 0x6c, 0x65, 0x00]; // "#bundle\0"

/** A case of `kind`. */
export function generateBytes(kind: GeneratedKind, rng: Rng): Uint8Array {
  switch (kind) {
    case 'deep-bundles':
      return deepBundles(rng);
    case 'deep-arrays':
      return deepArrays(rng);
    case 'random-osc':
      return randomOsc(rng);
    case 'maximal-random': {
      const out = rng.bytes(rng.chance(0.5) ? MAX_UDP_DATAGRAM : MAX_OSC_DATAGRAM);
      if (rng.chance(0.5)) out.set(BUNDLE_TAG);
      return out;
    }
    case 'random': {
      const n = rng.chance(0.1) ? rng.int(4) : rng.int(1500);
      return rng.bytes(rng.chance(0.6) ? n & ~3 : n);
    }
  }
}

/** Bundles nested around one message, up to a few levels past the limit; sizes sometimes off. */
function deepBundles(rng: Rng): Uint8Array {
  const levels = rng.between(1, MAX_BUNDLE_DEPTH + 6);
  let inner = Uint8Array.of(0x2f, 0x64, 0, 0, 0x2c, 0x69, 0, 0, 0, 0, 0, levels);
  for (let k = 0; k < levels; k++) {
    const outer = new Uint8Array(20 + inner.length);
    outer.set([...BUNDLE_TAG, 0, 0, 0, 0, 0, 0, 0, 1]);
    putInt32(outer, 16, rng.chance(0.05) ? inner.length + rng.pick([-4, 4, 1]) : inner.length);
    outer.set(inner, 20);
    inner = outer;
  }
  return inner;
}

/** A message whose tag string nests arrays, balanced or not, to far past the limit. */
function deepArrays(rng: Rng): Uint8Array {
  const opens = rng.chance(0.05) ? rng.between(1000, 16_000) : rng.between(1, MAX_ARRAY_DEPTH + 8);
  const closes = rng.chance(0.8) ? opens : Math.max(0, opens + rng.between(-2, 2));
  const tags = `,${'['.repeat(opens)}${rng.chance(0.5) ? 'i' : ''}${']'.repeat(closes)}`;
  const tagSize = tags.length + 4 - (tags.length % 4);
  const out = new Uint8Array(4 + tagSize + 4);
  out.set([0x2f, 0x61]);
  for (let k = 0; k < tags.length; k++) out[4 + k] = tags.charCodeAt(k);
  return tags.includes('i') ? out : out.subarray(0, out.length - 4);
}

/** Bytes shaped like a message: an address, a tag string of known tags, random data. */
function randomOsc(rng: Rng): Uint8Array {
  if (rng.chance(0.3)) {
    const out = rng.bytes(16 + 4 * rng.int(64));
    out.set(BUNDLE_TAG);
    return out;
  }
  const address = 1 + rng.int(12);
  const tags = rng.int(12);
  const head = address + 4 - (address % 4);
  const tagSize = 1 + tags + 4 - ((1 + tags) % 4);
  const out = new Uint8Array(head + tagSize + 4 * rng.int(16));
  out[0] = 0x2f;
  for (let k = 1; k < address; k++) out[k] = rng.between(0x21, 0x7e);
  out[head] = 0x2c;
  for (let k = 0; k < tags; k++) out[head + 1 + k] = rng.pick(VALID_TAGS);
  out.set(rng.bytes(out.length - head - tagSize), head + tagSize);
  return out;
}
