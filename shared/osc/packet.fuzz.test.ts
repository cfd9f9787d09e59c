import { beforeAll, describe, expect, it } from 'vitest';
import { OSC_DECODE_ERROR_CODES, OscDecodeError, type OscDecodeErrorCode } from './errors';
import { checkDecode, inForeignBuffer, sameOutcome } from './fuzz-check.test-util';
import { envSeed, fuzzCases, fuzzLog } from './fuzz-env.test-util';
import { createSeeds } from './fuzz-seeds.test-util';
import { createFuzzer, type FuzzCase, MUTATION_KINDS } from './fuzz.test-util';
import { decodePacket, encodePacket } from './packet';
import { ntpFromUnixMs } from './timetag';
import type { OscMessage, OscPacket } from './types';

const CASES = fuzzCases('decoder');
const BASE = ntpFromUnixMs(Date.UTC(2026, 0, 1));
const fuzzer = createFuzzer({
  seed: envSeed(0x0f05_c011),
  seeds: createSeeds(BASE),
});
/** Far beyond any honest decode (a maximal datagram takes a few ms): a runaway, not load. */
const HANG_MS = 1_000;

interface Run {
  problems: string[];
  codes: Map<string, number>;
  kinds: Set<string>;
  decoded: number;
  maximal: number;
  slowestMs: number;
  slowest: FuzzCase | null;
  totalMs: number;
}

let run: Run;

beforeAll(() => {
  run = {
    problems: [],
    codes: new Map(),
    kinds: new Set(),
    decoded: 0,
    maximal: 0,
    slowestMs: 0,
    slowest: null,
    totalMs: 0,
  };
  const t0 = Date.now();
  for (let i = 0; i < CASES; i++) {
    const c = fuzzer.replay(i);
    const verdict = checkDecode(c.bytes);
    run.kinds.add(c.kind);
    // Now and then the same bytes as a view into a larger buffer, as Node hands datagrams over.
    if (i % 8 === 0 && !sameOutcome(verdict, checkDecode(inForeignBuffer(c.bytes)))) {
      verdict.problem ??= 'decodes differently at an odd offset in a larger buffer';
    }
    if (c.bytes.length >= 65_504) run.maximal++;
    if (verdict.ms > run.slowestMs) [run.slowestMs, run.slowest] = [verdict.ms, c];
    if (verdict.problem !== null && run.problems.length < 20) {
      run.problems.push(`${verdict.problem}: ${fuzzer.describe(c)}`);
    }
    if (verdict.ok) run.decoded++;
    else if ('code' in (verdict.error as object)) {
      const code = (verdict.error as { code: string }).code;
      run.codes.set(code, (run.codes.get(code) ?? 0) + 1);
    }
  }
  run.totalMs = Date.now() - t0;
  const histogram = [...run.codes].map(([code, n]) => `${code} ${n}`).join(', ');
  fuzzLog(
    `decoder: ${CASES} cases (${run.maximal} of >= 65,504 bytes) in ${run.totalMs} ms, ` +
      `${run.decoded} decoded, refused: ${histogram}; slowest ${run.slowestMs} ms`,
  );
}, 120_000);

describe(`decoder fuzz: ${CASES} mutated and random datagrams`, () => {
  it('refuses only with an OscDecodeError of a known code, an offset inside the datagram and a reason, and every decoded packet re-encodes to itself', () => {
    expect(run.problems).toEqual([]);
  });

  it('makes every kind of case: bit flips, truncations, sizes, tags, nesting, UTF-8, maximal...', () => {
    expect(MUTATION_KINDS.filter((kind) => !run.kinds.has(kind))).toEqual([]);
  });

  it('reaches every refusal reason the decoder has', () => {
    const missing = OSC_DECODE_ERROR_CODES.filter((code) => !run.codes.has(code));
    expect(missing).toEqual([]);
  });

  it('decodes a fair share of the mutants, so the checks on decoded packets are exercised', () => {
    expect(run.decoded).toBeGreaterThan(CASES * 0.05);
    expect(CASES - run.decoded).toBeGreaterThan(CASES * 0.5);
    expect(run.maximal).toBeGreaterThan(0);
  });

  it(`never takes more than ${HANG_MS} ms over one datagram`, () => {
    const slowest = run.slowest ? fuzzer.describe(run.slowest) : 'none';
    expect(run.slowestMs, `slowest: ${slowest}`).toBeLessThan(HANG_MS);
  });

  it('rebuilds the same case from its seed and index alone', () => {
    const again = createFuzzer({ seed: fuzzer.seed, seeds: createSeeds(BASE) });
    for (const i of [CASES - 1, 0, 77, 4242]) expect(again.replay(i)).toEqual(fuzzer.replay(i));
    expect(fuzzer.replay(1).bytes).not.toEqual(fuzzer.replay(2).bytes);
  });
});

describe('the decoder fuzz checks', () => {
  const good = encodePacket({
    kind: 'message',
    address: '/a',
    args: [
      { type: 'i', value: 1 },
      { type: 'b', value: Uint8Array.of(9, 8, 7) },
    ],
  });

  it('pass the real decoder on a valid packet and on a clean refusal', () => {
    expect(checkDecode(good)).toMatchObject({ ok: true, problem: null });
    expect(checkDecode(good.subarray(0, 6))).toMatchObject({ ok: false, problem: null });
  });

  it('catch a decoder that throws anything but an OscDecodeError', () => {
    const verdict = checkDecode(good, () => {
      throw new TypeError('x is undefined');
    });
    expect(verdict.problem).toMatch(/not an OscDecodeError/);
  });

  it('catch a refusal whose offset lies outside the datagram or whose code is unknown', () => {
    const offset = checkDecode(good, () => {
      throw new OscDecodeError('truncated', good.length + 4, 'argument runs past the end');
    });
    expect(offset.problem).toMatch(/outside/);
    const code = checkDecode(good, () => {
      throw new OscDecodeError('mystery' as OscDecodeErrorCode, 0, 'something is wrong');
    });
    expect(code.problem).toMatch(/unknown code/);
  });

  it('catch a decoder that misreads a value or lets a blob alias the datagram', () => {
    const misread = (bytes: Uint8Array): OscPacket => {
      const p = decodePacket(bytes) as OscMessage;
      return { ...p, args: [{ type: 'i', value: 2 }, ...p.args.slice(1)] };
    };
    expect(checkDecode(good, misread).problem).toMatch(/differ/);
    const aliasing = (bytes: Uint8Array): OscPacket => {
      const p = decodePacket(bytes) as OscMessage;
      return { ...p, args: [p.args[0]!, { type: 'b', value: bytes.subarray(16, 19) }] };
    };
    expect(checkDecode(good, aliasing).problem).toMatch(/alias/);
  });

  it('tell a view at an odd offset from a copy only by what it decodes to', () => {
    const view = inForeignBuffer(good);
    expect(view.byteOffset % 4).not.toBe(0);
    expect(sameOutcome(checkDecode(good), checkDecode(view))).toBe(true);
    expect(sameOutcome(checkDecode(good), checkDecode(good.subarray(0, 8)))).toBe(false);
  });
});
