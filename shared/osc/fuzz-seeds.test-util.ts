/**
 * The fuzzers' seed corpus: valid packets covering every atom type, arrays, nested bundles at
 * and below the depth limits, non-ASCII strings and maximal 65,504-byte datagrams, each with a
 * map of where its structure lies (size words, type tags, strings), so mutations hit it.
 */
import { getInt32, paddedBlobSize, paddedStringSize } from './atoms';
import { encodePacket } from './packet';
import { ntpAddMs, type NtpTime } from './timetag';
import { MAX_ARRAY_DEPTH, MAX_BUNDLE_DEPTH, type OscArg, type OscPacket } from './types';

/** The largest OSC datagram: the UDP maximum over IPv4 (65,507 bytes) rounded down to 4. */
export const MAX_OSC_DATAGRAM = 65_504;
/** The largest UDP payload over IPv4. */
export const MAX_UDP_DATAGRAM = 65_507;

/** Where the structure of a valid packet lies, as byte offsets. */
export interface SeedLayout {
  /** Starts and ends of elements, strings and arguments: where a truncation bites. */
  boundaries: number[];
  /** Bundle element size words. */
  sizeWords: number[];
  /** Blob size words. */
  blobSizes: number[];
  /** Bundle timetags (8 bytes each). */
  timetags: number[];
  /** Type tag characters (after the ','). */
  tagChars: number[];
  /** String contents `[start, end)` (addresses after their '/', and string arguments). */
  strings: Array<[number, number]>;
}

/** One valid packet to mutate. */
export interface FuzzSeed {
  name: string;
  bytes: Uint8Array;
  layout: SeedLayout;
  /** 65,504 bytes: costly to decode, so the fuzzers pick these less often. */
  isMaximal: boolean;
}

const msg = (address: string, args: OscArg[] = []): OscPacket => ({
  kind: 'message',
  address,
  args,
});
const bundle = (timetag: NtpTime, elements: OscPacket[]): OscPacket => ({
  kind: 'bundle',
  timetag,
  elements,
});

function everyAtom(): OscArg[] {
  return [
    { type: 'i', value: -123456 },
    { type: 'f', value: 0.5 },
    { type: 's', value: 'tick' },
    { type: 'b', value: Uint8Array.of(1, 2, 3, 4, 5) },
    { type: 'h', value: -(1n << 40n) },
    { type: 't', value: (3_900_000_000n << 32n) | 0x8000_0000n },
    { type: 'd', value: Math.PI },
    { type: 'S', value: 'symbol' },
    { type: 'c', value: 'x' },
    { type: 'r', value: 0xff80_40ff },
    { type: 'm', value: Uint8Array.of(0, 0x90, 60, 100) },
    { type: 'T' },
    { type: 'F' },
    { type: 'N' },
    { type: 'I' },
    {
      type: 'array',
      value: [
        { type: 'i', value: 7 },
        { type: 's', value: 'in' },
      ],
    },
  ];
}

function nestedArrays(depth: number): OscArg[] {
  let inner: OscArg[] = [{ type: 'i', value: depth }];
  for (let k = 0; k < depth; k++) inner = [{ type: 'array', value: inner }];
  return inner;
}

function nestedBundles(base: NtpTime, depth: number): OscPacket {
  let inner = msg('/deep', [{ type: 'i', value: depth }]);
  for (let k = depth; k >= 1; k--) inner = bundle(ntpAddMs(base, k), [inner]);
  return inner;
}

const UTF8_TEXT = 'é ♪ 𝄞 ü ß 中文 — naïve café, 🎵 at 120 BPM';

function maximalPackets(): Array<[string, OscPacket]> {
  // 4,093 messages of 12 bytes plus size words: 16 + 4,093 x 16 = 65,504 (the flood).
  const messages = Array.from({ length: 4093 }, (_, k) => msg('/t', [{ type: 'i', value: k }]));
  const blob = new Uint8Array(MAX_OSC_DATAGRAM - 12 - 4).map((_, k) => k & 0xff);
  const text = 'é'.repeat(32_747) + 'a'; // 65,495 bytes + NUL = 65,496 with 8 bytes before it
  return [
    ['maximal-bundle', bundle(1n, messages)],
    ['maximal-blob', msg('/b', [{ type: 'b', value: blob }])],
    ['maximal-string', msg('/s', [{ type: 's', value: text }])],
  ];
}

/** The seed corpus, its bundles timetagged from `base` on (a few ms apart). */
export function createSeeds(base: NtpTime): FuzzSeed[] {
  const packets: Array<[string, OscPacket | Uint8Array]> = [
    ['every-atom', msg('/syncroscope/fuzz/atoms', everyAtom())],
    ['no-args', msg('/tick')],
    ['pre-type-tag', Uint8Array.of(0x2f, 0x74, 0x69, 0x63, 0x6b, 0, 0, 0)], // "/tick" alone
    ['tick', msg('/tick', [{ type: 's', value: 'tick' }])],
    ['utf8', msg(`/ünï/${UTF8_TEXT.slice(0, 9)}`, [{ type: 's', value: UTF8_TEXT }])],
    [
      'blobs',
      msg(
        '/blobs',
        [0, 1, 2, 3, 4, 5].map((n) => blobArg(n)),
      ),
    ],
    ['arrays', msg('/arrays', [...nestedArrays(4), { type: 'array', value: [] }])],
    ['array-max-depth', msg('/arrays/max', nestedArrays(MAX_ARRAY_DEPTH))],
    ['tick-bundle', bundle(ntpAddMs(base, 10), [msg('/tick', [{ type: 's', value: 'tick' }])])],
    ['empty-bundle', bundle(base, [])],
    ['immediate-bundle', bundle(1n, [msg('/now', [{ type: 'f', value: 1.25 }])])],
    [
      'nested-bundles',
      bundle(ntpAddMs(base, 5), [
        msg('/a', everyAtom().slice(0, 4)),
        bundle(ntpAddMs(base, 6), [msg('/b'), bundle(ntpAddMs(base, 7), [msg('/c', [])])]),
        msg('/d', [{ type: 'h', value: 1n }]),
      ]),
    ],
    ['bundle-max-depth', nestedBundles(base, MAX_BUNDLE_DEPTH)],
    ...maximalPackets(),
  ];
  return packets.map(([name, p]) => {
    const bytes = p instanceof Uint8Array ? p : encodePacket(p);
    return { name, bytes, layout: layoutOf(bytes), isMaximal: bytes.length === MAX_OSC_DATAGRAM };
  });
}

function blobArg(n: number): OscArg {
  return { type: 'b', value: Uint8Array.from({ length: n }, (_, k) => 0xa0 + k) };
}

/** Maps the structure of a valid packet (the seeds only: no checks). */
export function layoutOf(bytes: Uint8Array): SeedLayout {
  const layout: SeedLayout = {
    boundaries: [],
    sizeWords: [],
    blobSizes: [],
    timetags: [],
    tagChars: [],
    strings: [],
  };
  walk(bytes, 0, bytes.length, layout);
  return layout;
}

function walk(b: Uint8Array, start: number, end: number, out: SeedLayout): void {
  out.boundaries.push(start, end);
  if (b[start] === 0x23) {
    out.timetags.push(start + 8);
    out.boundaries.push(start + 8, start + 16);
    for (let p = start + 16; p < end; p += 4 + getInt32(b, p)) {
      out.sizeWords.push(p);
      walk(b, p + 4, p + 4 + getInt32(b, p), out);
    }
    return;
  }
  let p = stringAt(b, start, 1, out);
  if (p === end) return;
  const tagStart = p;
  let q = p + 1;
  for (; b[q] !== 0; q++) out.tagChars.push(q);
  p = tagStart + paddedStringSize(q - tagStart);
  out.boundaries.push(tagStart, p);
  for (let t = tagStart + 1; t < q; t++) {
    const tag = String.fromCharCode(b[t]!);
    if ('ifcrm'.includes(tag)) p += 4;
    else if ('htd'.includes(tag)) p += 8;
    else if (tag === 's' || tag === 'S') p = stringAt(b, p, 0, out);
    else if (tag === 'b') {
      out.blobSizes.push(p);
      p += paddedBlobSize(getInt32(b, p));
    }
    out.boundaries.push(p);
  }
}

/** Records the string at `p` (content from `p + skip`); returns the position after it. */
function stringAt(b: Uint8Array, p: number, skip: number, out: SeedLayout): number {
  let nul = p;
  while (b[nul] !== 0) nul++;
  if (nul > p + skip) out.strings.push([p + skip, nul]);
  out.boundaries.push(nul, nul + 1);
  return p + paddedStringSize(nul - p);
}
