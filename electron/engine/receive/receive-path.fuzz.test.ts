import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodePacket, encodeBundle, type OscMessage } from '../../../shared/osc';
import { ntpAddMs, ntpFromUnixMs, ntpToUnixMs } from '../../../shared/osc/timetag';
import { envSeed, fuzzCases, fuzzLog } from '../../../shared/osc/fuzz-env.test-util';
import { createSeeds } from '../../../shared/osc/fuzz-seeds.test-util';
import { createFuzzer } from '../../../shared/osc/fuzz.test-util';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createUdpEndpoint } from '../network/udp-endpoint';
import { waitFor } from '../testing/wait-for';
import { createSystemClock } from '../time/clock';
import { createScheduler } from '../time/scheduler';
import { createRealTimers } from '../time/timers';
import {
  createRefusalTally,
  createRefusalWatch,
  createValidLedger,
  histogram,
  validBundle,
  type ValidBundle,
} from './fuzz-traffic.test-util';
import { createReceivePath, type DispatchedMessage } from './receive-path';

const HOSTILE = fuzzCases('receivePath');
const UDP_HOSTILE = 3_000;
const SEED = envSeed(0x0f05_c011) ^ 0x2ec1;
/** One good bundle after every this many hostile datagrams. */
const GOOD_EVERY = 9;
/** Virtual time between datagrams: a moderate rate per sender, as a workshop would see. */
const STEP_MS = 0.5;
const GOOD = { address: '192.0.2.10', port: 57120 };
/** Hostile datagrams come from 16 ports of one host (a buggy patch, a port scanner). */
const hostile = (i: number) => ({ address: '198.51.100.66', port: 40_000 + (i % 16) });
/** Leads of 1 to 40 ms: good bundles overtake each other, so timetag order is really tested. */
const leadMs = (seq: number) => 1 + ((seq * 7919) % 40);

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe(`receive path fuzz: ${HOSTILE} hostile datagrams among sequenced bundles (virtual time)`, () => {
  it('counts every malformed datagram with its reason, and dispatches every good bundle intact, once, in timetag order, never early', () => {
    const clock = new FakeClock();
    const scheduler = createScheduler({ clock, timers: clock });
    const ledger = createValidLedger();
    const tally = createRefusalTally();
    const watch = createRefusalWatch((from) => from.address === GOOD.address);
    const reported = new Map<string, number>();
    const mismatches: string[] = [];
    let sentBytes = 0;
    let undecoded = 0;
    let hostileMessages = 0;
    const path = createReceivePath({
      clock,
      scheduler,
      onDispatch: (d: DispatchedMessage) => {
        if (d.from.address === GOOD.address) ledger.onDispatch(d, clock.nowMs());
        else hostileMessages++;
      },
      onMalformed: (p) => {
        reported.set(p.error.code, (reported.get(p.error.code) ?? 0) + 1);
        if (p.from.address === GOOD.address) mismatches.push('a good bundle was refused');
        if (p.byteLength !== sentBytes) mismatches.push(`${p.byteLength} bytes for ${sentBytes}`);
      },
      onRefused: watch.onRefused,
    });
    cleanup.push(() => path.dispose());
    const fuzzer = createFuzzer({
      seed: SEED,
      seeds: createSeeds(clock.nowNtp()),
      maximalShare: 0.005, // a decodable maximal bundle is 4,093 messages for the path to handle
    });
    const t0 = Date.now();
    let seq = 0;
    for (let i = 0; i < HOSTILE; i++) {
      const c = fuzzer.replay(i);
      sentBytes = c.bytes.length;
      watch.begin();
      path.handlePacket(c.bytes, hostile(i), clock.nowMs());
      // Refused whole by a limit (too many messages, over budget): never decoded, so not malformed.
      if (watch.isUndecoded) undecoded++;
      else tally.add(c.bytes);
      if (i % GOOD_EVERY === GOOD_EVERY - 1) {
        const good = validBundle(seq, clock.nowNtp(), leadMs(seq++));
        ledger.expect(good);
        sentBytes = good.bytes.length;
        path.handlePacket(good.bytes, GOOD, clock.nowMs());
      }
      clock.advance(STEP_MS);
    }
    clock.advance(100); // past the last good timetag
    const elapsedMs = Date.now() - t0;
    const counters = path.counters();
    fuzzLog(
      `receive path: ${HOSTILE} hostile + ${seq} good datagrams in ${elapsedMs} ms; ` +
        `malformed ${counters.malformed} (${histogram(reported).join(', ')}); ` +
        `${hostileMessages} hostile messages dispatched, ${scheduler.size} still queued, ` +
        `refused by limits: ${histogram(watch.byReason).join(', ') || 'none'} ` +
        `(${undecoded} datagrams undecoded)`,
    );

    expect(watch.protectedRefusals).toEqual([]);
    expect(ledger.problems()).toEqual([]);
    expect(ledger.dispatched).toBe(ledger.expected);
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(histogram(reported)).toEqual(histogram(tally.byCode));
    expect(counters).toMatchObject({
      packets: HOSTILE + seq,
      malformed: tally.refused,
      handlerErrors: 0,
    });
    expect(tally.refused).toBeGreaterThan(HOSTILE / 2); // the mutants are mostly hostile...
    expect(hostileMessages).toBeGreaterThan(0); // ...but some decode and are acted on
  });
});

describe(`receive path fuzz over real UDP: ${UDP_HOSTILE} hostile datagrams in a burst`, () => {
  it('crashes nothing, counts what the socket received, and dispatches every good bundle that arrived intact and never early', async () => {
    const clock = createSystemClock();
    const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
    // A good bundle the kernel delayed past its timetag plays late (now): order is promised
    // only among those that arrived in time.
    const ledger = createValidLedger((d) => d.classification === 'future');
    const tally = createRefusalTally();
    const watch = createRefusalWatch((from) => from.port === goodPort);
    const reported = new Map<string, number>();
    // No `timers`: each datagram is worked on while its socket event runs, so the listeners
    // around the path's see what it did with it.
    const path = createReceivePath({
      clock,
      scheduler,
      onDispatch: (d) => {
        if (d.from.port === goodPort) ledger.onDispatch(d, clock.nowMs());
      },
      onMalformed: (p) => reported.set(p.error.code, (reported.get(p.error.code) ?? 0) + 1),
      onRefused: watch.onRefused,
    });
    const rx = createUdpEndpoint({ clock, port: 0 });
    const badTx = createUdpEndpoint({ clock, port: 0 });
    const goodTx = createUdpEndpoint({ clock, port: 0 });
    cleanup.push(
      () => rx.close(),
      () => badTx.close(),
      () => goodTx.close(),
      () => path.dispose(),
      () => scheduler.dispose(),
    );
    const { port } = await rx.bind();
    await badTx.bind();
    const goodPort = (await goodTx.bind()).port;
    const sent = new Map<number, ValidBundle>();
    let received = 0;
    let goodReceived = 0;
    let lastArrivalMs = Date.now();
    // Before the path's listener: a good bundle is expected before it can be dispatched.
    rx.onPacket((bytes, from) => {
      received++;
      lastArrivalMs = Date.now();
      watch.begin();
      const good = from.port === goodPort ? sent.get(goodSeq(bytes)) : undefined;
      if (good) {
        goodReceived++;
        ledger.expect(good);
      }
    });
    path.attach(rx);
    // After it: what the path refused whole was never decoded, so it is not malformed.
    rx.onPacket((bytes, from) => {
      if (from.port !== goodPort && !watch.isUndecoded) tally.add(bytes);
    });

    const fuzzer = createFuzzer({ seed: SEED ^ 0x55, seeds: createSeeds(clock.nowNtp()) });
    let seq = 0;
    for (let i = 0; i < UDP_HOSTILE; i++) {
      await badTx.send(fuzzer.replay(i).bytes, '127.0.0.1', port).catch(() => undefined);
      if (i % GOOD_EVERY === GOOD_EVERY - 1) {
        const good = validBundle(seq, clock.nowNtp(), 30 + leadMs(seq));
        sent.set(seq++, good);
        await goodTx.send(good.bytes, '127.0.0.1', port);
      }
      // A send resolves without passing through the event loop's poll phase: yield so the
      // receiver (this same loop) reads, or the kernel buffer overflows after ~200 KB.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const sentAtMs = Date.now();
    const isQuiet = () => Date.now() - Math.max(lastArrivalMs, sentAtMs) > 250;
    await waitFor(() => isQuiet() && ledger.dispatched >= ledger.expected, {
      timeoutMs: 15_000,
      what: 'the burst to be received and its good bundles dispatched',
      details: () =>
        `${received} received, ${ledger.dispatched}/${ledger.expected} good dispatched`,
    });
    const counters = path.counters();
    fuzzLog(
      `receive path over UDP: ${UDP_HOSTILE} hostile + ${seq} good sent, ${received} ` +
        `received (${goodReceived} good); malformed ${counters.malformed} ` +
        `(${histogram(reported).join(', ')}); refused by limits: ` +
        `${histogram(watch.byReason).join(', ') || 'none'}`,
    );

    expect(watch.protectedRefusals).toEqual([]);
    expect(ledger.problems()).toEqual([]);
    expect(goodReceived).toBeGreaterThan(0);
    expect(counters.packets).toBe(received);
    expect(counters.malformed).toBe(tally.refused);
    expect(histogram(reported)).toEqual(histogram(tally.byCode));
    expect(counters.handlerErrors).toBe(0);
  });
});

describe('the good-traffic ledger', () => {
  /** What the receive path would hand over for message `k` of `b`, as decoded. */
  function at(b: ValidBundle, k = 0): DispatchedMessage {
    const message = decodePacket(b.messages[k]!.bytes) as OscMessage;
    const timetag = b.messages[k]!.timetag;
    return { message, timetag, from: GOOD, classification: 'future' } as DispatchedMessage;
  }

  it('passes good traffic, and flags an early, repeated, altered, reordered or missing message', () => {
    const base = ntpFromUnixMs(Date.UTC(2026, 0, 1));
    const dueMs = (b: ValidBundle, k = 0) => ntpToUnixMs(b.messages[k]!.timetag);
    const [a, b, c] = [validBundle(1, base, 10), validBundle(2, base, 20), validBundle(3, base, 5)];
    const clean = createValidLedger();
    clean.expect(a);
    clean.onDispatch(at(a), dueMs(a));
    expect(clean.problems()).toEqual([]);

    const ledger = createValidLedger();
    for (const x of [a, b, c]) ledger.expect(x);
    ledger.onDispatch(at(b), dueMs(b) - 0.001); // early
    ledger.onDispatch(at(b), dueMs(b)); // twice
    const altered = at(a);
    altered.message.args[1] = { type: 's', value: 'tampered' };
    ledger.onDispatch(altered, dueMs(a)); // altered, and before b in timetag order
    const problems = ledger.problems().join('\n');
    for (const what of ['early', 'dispatched 2 times', 'altered', 'out of timetag order']) {
      expect(problems).toContain(what);
    }
    expect(problems).toMatch(/2 never dispatched: m3,n3/); // c: its message and its nested one
  });
});

describe('receive path: a datagram timetagged weeks ahead (found by the fuzzer)', () => {
  /** A receive path on the real timers, with setTimeout stubbed to record what it is asked. */
  function weeksAhead() {
    const clock = createSystemClock();
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation((() => ({})) as never);
    cleanup.push(() => spy.mockRestore());
    const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
    cleanup.push(() => scheduler.dispose());
    const path = createReceivePath({ clock, scheduler, onDispatch: () => undefined });
    const later = { kind: 'message' as const, address: '/later', args: [] };
    const timetag = ntpAddMs(clock.nowNtp(), 30 * 86_400_000);
    path.handlePacket(encodeBundle(timetag, [later]), GOOD, clock.nowMs());
    return { path, scheduler, delaysMs: spy.mock.calls.map((call) => Number(call[1] ?? 0)) };
  }

  it('queues it for its time', () => {
    const { path, scheduler, delaysMs } = weeksAhead();
    expect(path.counters().future).toBe(1);
    expect(scheduler.size).toBe(1);
    expect(delaysMs.length).toBeGreaterThan(0);
  });

  // Node's setTimeout holds at most 2^31 - 1 ms (24.8 days); asked for more it warns
  // (TimeoutOverflowWarning) and fires after 1 ms, so a scheduler whose earliest event is that
  // far ahead wakes, finds nothing due and re-arms every millisecond for as long as it waits
  // (measured: ~840 wake-ups and warnings a second, before the real timers capped the delay).
  it('arms no timer longer than Node can hold while it waits', () => {
    const { delaysMs } = weeksAhead();
    expect(Math.max(...delaysMs)).toBeLessThanOrEqual(2 ** 31 - 1);
  });
});

/** The sequence number of a good bundle: its first message's first argument. */
function goodSeq(bytes: Uint8Array): number {
  const p = decodePacket(bytes);
  const first = p.kind === 'bundle' && p.elements[0]?.kind === 'message' ? p.elements[0] : null;
  const arg = first?.args[0];
  return arg?.type === 'i' ? arg.value : -1;
}
