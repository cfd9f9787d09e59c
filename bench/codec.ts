/**
 * Codec throughput, ours vs osc-js 2.4.1, measured side by side in one run: interleaved rounds
 * per contender, median ops/s. Workload: the seed tick `/tick ,s "tick"` and a future bundle
 * holding it. Prints nothing; bench/index.ts prints.
 */
import OSC from 'osc-js';
import { decodePacket, encodeBundle, encodeMessage, ntpFromUnixMs } from '../shared/osc/index';

interface Contender {
  key: string;
  /** One operation; its result is kept (briefly) so the JIT cannot drop the work. */
  op: () => unknown;
}

/** Runs the codec benchmark; keys are the `codec.*` figure ids of docs/benchmarks.md. */
export async function runCodecBench(
  opts: { quick?: boolean } = {},
): Promise<Record<string, number>> {
  const rounds = opts.quick ? 3 : 5;
  const roundMs = opts.quick ? 60 : 200;
  const futureMs = Date.now() + 10_000;
  const timetag = ntpFromUnixMs(futureMs);

  const msgBytes = exact(encodeMessage('/tick', [{ type: 's', value: 'tick' }]));
  const bundleBytes = exact(encodeBundle(timetag, [decodePacket(msgBytes)]));
  const msgView = new DataView(msgBytes.buffer);
  const bundleView = new DataView(bundleBytes.buffer);
  checkWorkload(msgBytes, bundleBytes, msgView, bundleView, timetag);

  const contenders: Contender[] = [
    { key: 'encode_ops', op: () => encodeMessage('/tick', [{ type: 's', value: 'tick' }]) },
    { key: 'oscjs_encode_ops', op: () => new OSC.Message('/tick', 'tick').pack() },
    { key: 'decode_ops', op: () => decodePacket(msgBytes) },
    {
      key: 'oscjs_decode_ops',
      op: () => {
        const m = new OSC.Message('');
        m.unpack(msgView);
        return m;
      },
    },
    {
      key: 'bundle_encode_ops',
      op: () =>
        encodeBundle(timetag, [
          { kind: 'message', address: '/tick', args: [{ type: 's', value: 'tick' }] },
        ]),
    },
    {
      key: 'oscjs_bundle_encode_ops',
      op: () => new OSC.Bundle([new OSC.Message('/tick', 'tick')], futureMs).pack(),
    },
    { key: 'bundle_decode_ops', op: () => decodePacket(bundleBytes) },
    {
      key: 'oscjs_bundle_decode_ops',
      op: () => {
        const b = new OSC.Bundle();
        b.unpack(bundleView);
        return b;
      },
    },
  ];

  let sink = 0;
  for (const c of contenders) sink += runFor(c.op, opts.quick ? 20 : 100).sink; // warm-up
  const samples = new Map<string, number[]>(contenders.map((c) => [c.key, []]));
  for (let r = 0; r < rounds; r++) {
    for (const c of contenders) {
      const { opsPerS, sink: s } = runFor(c.op, roundMs);
      samples.get(c.key)!.push(opsPerS);
      sink += s;
    }
    await new Promise((resolve) => setImmediate(resolve)); // let the runner breathe between rounds
  }
  if (sink === 0) throw new Error('[bench] codec results were never consumed');

  const out: Record<string, number> = {};
  for (const [key, xs] of samples) out[`codec.${key}`] = Math.round(median(xs));
  const ratio = (a: string, b: string): number =>
    Math.round((out[`codec.${a}`]! / out[`codec.${b}`]!) * 10) / 10;
  out['codec.encode_ratio'] = ratio('encode_ops', 'oscjs_encode_ops');
  out['codec.decode_ratio'] = ratio('decode_ops', 'oscjs_decode_ops');
  out['codec.bundle_encode_ratio'] = ratio('bundle_encode_ops', 'oscjs_bundle_encode_ops');
  out['codec.bundle_decode_ratio'] = ratio('bundle_decode_ops', 'oscjs_bundle_decode_ops');
  return out;
}

// Results escape into a small ring, as they would into a dispatcher, yet die young.
const RING = 1024;
const ring: unknown[] = new Array<unknown>(RING).fill(null);

function runFor(op: () => unknown, ms: number): { opsPerS: number; sink: number } {
  let ops = 0;
  const start = performance.now();
  let now: number;
  do {
    for (let i = 0; i < RING; i++) ring[i] = op();
    ops += RING;
    now = performance.now();
  } while (now - start < ms);
  let sink = 0;
  for (const x of ring) sink += x === null || x === undefined ? 0 : 1;
  return { opsPerS: (ops * 1000) / (now - start), sink };
}

/** A copy at offset 0 of its own ArrayBuffer: osc-js misreads any other view. */
function exact(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

function checkWorkload(
  msgBytes: Uint8Array,
  bundleBytes: Uint8Array,
  msgView: DataView,
  bundleView: DataView,
  timetag: bigint,
): void {
  const ours = decodePacket(bundleBytes);
  const theirs = new OSC.Message('');
  theirs.unpack(msgView);
  const theirBundle = new OSC.Bundle();
  theirBundle.unpack(bundleView);
  const ok =
    ours.kind === 'bundle' &&
    ours.timetag === timetag &&
    theirs.args[0] === 'tick' &&
    (theirBundle.bundleElements[0] as InstanceType<typeof OSC.Message>).args[0] === 'tick' &&
    bytesEqual(new OSC.Message('/tick', 'tick').pack(), msgBytes);
  if (!ok) throw new Error('[bench] codec workload sanity check failed');
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
