import { describe, expect, it } from 'vitest';
import {
  argValue,
  argsFromValues,
  decodePacket,
  encodeBundle,
  encodeMessage,
  OscPatternError,
  type OscMessage,
} from '../../../shared/osc';
import { ntpAddMs, ntpFromUnixMs, ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import { DEFAULT_TICK_PATTERNS } from '../../../shared/model';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createScheduler } from '../time/scheduler';
import type { UdpSource } from '../network/udp-endpoint';
import { createReceivePath, type DispatchedMessage, type ReceivedMessage } from './receive-path';
import { createOscRouter, type OscRouter, type RouterConnection } from './router';
import { createTickRoute, type TickEvent } from './tick-route';

const from: UdpSource = { address: '127.0.0.1', port: 50_000 };
const msg = (address: string, ...values: Array<string | number>): OscMessage => ({
  kind: 'message',
  address,
  args: argsFromValues(values),
});

interface Sent {
  bytes: Uint8Array;
  host: string;
  port: number;
  atMs: number;
}

/** A receive path feeding a router, in virtual time; replies are recorded, not sent. */
function setup(connection: Partial<RouterConnection> = {}, router: OscRouter = createOscRouter()) {
  const clock = new FakeClock();
  const scheduler = createScheduler({ clock, timers: clock });
  const sent: Sent[] = [];
  const send = async (bytes: Uint8Array, host: string, port: number) =>
    void sent.push({ bytes, host, port, atMs: clock.nowMs() });
  const path = createReceivePath({ clock, scheduler, ...router.connect({ send, ...connection }) });
  const feed = (bytes: Uint8Array) => path.handlePacket(bytes, from, clock.nowMs());
  return { clock, router, path, sent, feed };
}

/** The clock-sync responder as a feature would write it: answers on arrival, t2 = arrival. */
function pingResponder(clock: FakeClock) {
  return {
    onArrival(m: ReceivedMessage, reply: (bytes: Uint8Array, to: UdpSource) => void) {
      const t1 = m.message.args[0]!;
      const t2: NtpTime = ntpFromUnixMs(m.arrivalMs);
      const pong = encodeMessage('/syncroscope/clock/pong', [
        t1,
        { type: 't', value: t2 },
        { type: 't', value: clock.nowNtp() },
      ]);
      reply(pong, m.from);
    },
  };
}

describe('OSC address router (virtual time)', () => {
  it('hands a matching message to its handler on arrival, and again at its timetag with the dispatch error', () => {
    const { clock, router, feed } = setup();
    const arrived: ReceivedMessage[] = [];
    const due: DispatchedMessage[] = [];
    router.add('/sync/timecode', {
      onArrival: (m) => arrived.push(m),
      onDue: (m) => due.push(m),
    });
    const tag = ntpAddMs(clock.nowNtp(), 40) + 3n;
    const arrivalMs = clock.nowMs();
    feed(encodeBundle(tag, [msg('/sync/timecode', '01:02:03:04')]));
    expect(arrived).toHaveLength(1);
    expect(arrived[0]).toMatchObject({ arrivalMs, from, classification: 'future', timetag: tag });
    expect(arrived[0]!.leadMs).toBeCloseTo(40, 6);
    expect(due).toHaveLength(0);
    clock.advance(37); // the scheduler wakes 2 ms ahead, then waits precisely
    expect(due).toHaveLength(0);
    clock.advance(4);
    expect(due).toHaveLength(1);
    expect(due[0]!.message.args).toEqual([{ type: 's', value: '01:02:03:04' }]);
    expect(due[0]!.targetMs).toBe(ntpToUnixMs(tag));
    expect(due[0]!.dispatchedMs).toBe(ntpToUnixMs(tag)); // never early
    expect(due[0]!.errorMs).toBe(0);
  });

  it('answers a clock ping on arrival with the arrival stamp, even inside a bundle timetagged later', () => {
    const { clock, router, sent, feed } = setup();
    router.add('/syncroscope/clock/ping', pingResponder(clock));
    const t1 = ntpAddMs(clock.nowNtp(), -2);
    const arrivalMs = clock.nowMs();
    const ping: OscMessage = {
      kind: 'message',
      address: '/syncroscope/clock/ping',
      args: [{ type: 't', value: t1 }],
    };
    feed(encodeBundle(ntpAddMs(clock.nowNtp(), 500), [ping]));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ host: from.address, port: from.port, atMs: arrivalMs });
    expect(decodePacket(sent[0]!.bytes)).toEqual({
      kind: 'message',
      address: '/syncroscope/clock/pong',
      args: [
        { type: 't', value: t1 },
        { type: 't', value: ntpFromUnixMs(arrivalMs) },
        { type: 't', value: ntpFromUnixMs(arrivalMs) },
      ],
    });
    clock.advance(600);
    expect(sent).toHaveLength(1); // nothing more when the bundle falls due
  });

  it('counts a reply once the socket has sent it', async () => {
    const { clock, router, feed } = setup();
    router.add('/syncroscope/clock/ping', pingResponder(clock));
    feed(encodeMessage('/syncroscope/clock/ping', [{ type: 't', value: clock.nowNtp() }]));
    await Promise.resolve();
    expect(router.counters()).toMatchObject({ replies: 1, replyErrors: 0 });
  });

  it('lets ticks, timecode and a ping responder share one receive path, each seeing only its addresses', () => {
    const { clock, router, sent, feed } = setup();
    const ticks: TickEvent[] = [];
    const ticksDue: TickEvent[] = [];
    router.add(
      DEFAULT_TICK_PATTERNS,
      createTickRoute({ onTick: (t) => ticks.push(t), onTickDue: (t) => ticksDue.push(t) }),
    );
    const frames: string[] = [];
    router.add('/sync/timecode', {
      onDue: (m) => frames.push(String(argValue(m.message.args[0]!))),
    });
    router.add('/syncroscope/clock/ping', pingResponder(clock));
    const tag = ntpAddMs(clock.nowNtp(), 20);
    feed(encodeBundle(tag, [msg('/tick', 'tick'), msg('/sync/timecode', '10:00:00:00')]));
    feed(encodeMessage('/syncroscope/clock/ping', [{ type: 't', value: clock.nowNtp() }]));
    expect(ticks.map((t) => t.playAtNtp)).toEqual([tag]);
    expect(sent).toHaveLength(1);
    expect(frames).toEqual([]);
    clock.advance(25);
    expect(ticksDue).toHaveLength(1);
    expect(frames).toEqual(['10:00:00:00']);
    expect(router.counters()).toMatchObject({ routed: 3, unrouted: 0, handlerErrors: 0 });
  });

  it('routes one handler from several patterns, and counts what no route claims', () => {
    const { router, feed } = setup();
    const seen: string[] = [];
    router.add(['/cue/*', '/trigger/*'], { onDue: (m) => seen.push(m.message.address) });
    for (const a of ['/cue/go', '/trigger/flash', '/cue/go/now', '/other']) feed(encodeMessage(a));
    expect(seen).toEqual(['/cue/go', '/trigger/flash']); // '*' does not cross '/'
    expect(router.counters()).toMatchObject({ routed: 2, unrouted: 2 });
  });

  it('takes a route added after an address was seen from the next message on', () => {
    const { router, feed } = setup();
    const seen: string[] = [];
    feed(encodeMessage('/cue/go'));
    router.add('/cue/*', { onArrival: (m) => seen.push(m.message.address) });
    feed(encodeMessage('/cue/go'));
    expect(seen).toEqual(['/cue/go']);
    expect(router.counters()).toMatchObject({ routed: 1, unrouted: 1 });
  });

  it('stops routing to a removed handler; removing twice leaves the other routes alone', () => {
    const { router, feed } = setup();
    const a: string[] = [];
    const b: string[] = [];
    const removeA = router.add('/x', { onArrival: () => a.push('x') });
    router.add('/x', { onArrival: () => b.push('x') });
    feed(encodeMessage('/x'));
    removeA();
    removeA();
    feed(encodeMessage('/x'));
    expect([a.length, b.length]).toEqual([1, 2]);
  });

  it('counts a throwing handler and still runs the other handlers and the rest of the packet', () => {
    const { clock, router, path, feed } = setup();
    const seen: string[] = [];
    router.add('/a', {
      onArrival: () => {
        throw new Error('arrival bug');
      },
      onDue: () => {
        throw new Error('due bug');
      },
    });
    router.add('/a', { onDue: (m) => seen.push(m.message.address) });
    router.add('/b', { onDue: (m) => seen.push(m.message.address) });
    feed(encodeBundle(ntpAddMs(clock.nowNtp(), 10), [msg('/a'), msg('/b')]));
    clock.advance(20);
    expect(seen).toEqual(['/a', '/b']);
    expect(router.counters().handlerErrors).toBe(2);
    expect(path.counters()).toMatchObject({ messages: 2, future: 2, handlerErrors: 0 });
  });

  it('refuses a malformed pattern at registration and registers nothing', () => {
    const { router, feed } = setup();
    const seen: string[] = [];
    expect(() => router.add(['/ok', 'no-slash'], { onArrival: () => seen.push('hit') })).toThrow(
      OscPatternError,
    );
    feed(encodeMessage('/ok'));
    expect(seen).toEqual([]);
  });

  it('counts a reply that cannot go out (no socket, or the send fails) and never throws', async () => {
    const failures: unknown[] = [];
    const noSocket = setup({ send: null, onReplyError: (e) => failures.push(e) });
    const rejecting = setup({
      send: () => Promise.reject(new Error('unreachable')),
      onReplyError: (e) => failures.push(e),
    });
    for (const s of [noSocket, rejecting]) {
      s.router.add('/syncroscope/clock/ping', pingResponder(s.clock));
      s.feed(encodeMessage('/syncroscope/clock/ping', [{ type: 't', value: s.clock.nowNtp() }]));
    }
    await Promise.resolve();
    expect(noSocket.router.counters()).toMatchObject({ replyErrors: 1, handlerErrors: 0 });
    expect(rejecting.router.counters()).toMatchObject({ replyErrors: 1, handlerErrors: 0 });
    expect(failures.map((e) => (e as Error).message)).toEqual([
      '[router] no socket to reply from',
      'unreachable',
    ]);
  });

  it('keeps its routes across connections: a restarted receive path reaches the same handlers', () => {
    const router = createOscRouter();
    const seen: string[] = [];
    router.add('/sync/timecode', {
      onArrival: (m) => seen.push(String(argValue(m.message.args[0]!))),
    });
    setup({}, router).feed(encodeMessage('/sync/timecode', argsFromValues(['00:00:00:01'])));
    setup({}, router).feed(encodeMessage('/sync/timecode', argsFromValues(['00:00:00:02'])));
    expect(seen).toEqual(['00:00:00:01', '00:00:00:02']);
  });

  it('routes the same way however many distinct addresses arrive (the match cache is bounded)', () => {
    const { router, feed } = setup();
    const seen: string[] = [];
    router.add('/cue/*', { onArrival: (m) => seen.push(m.message.address) });
    for (let i = 0; i < 1000; i++) feed(encodeMessage(`/noise/${i}`));
    feed(encodeMessage('/cue/1'));
    feed(encodeMessage('/noise/0'));
    expect(seen).toEqual(['/cue/1']);
    expect(router.counters()).toMatchObject({ routed: 1, unrouted: 1001 });
  });
});
