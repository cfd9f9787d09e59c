import { describe, expect, it } from 'vitest';
import { CLOCK_PING_ADDRESS, CLOCK_PONG_ADDRESS } from '../../../shared/clocksync';
import { decodePacket, type OscMessage } from '../../../shared/osc';
import { ntpAddMs, ntpDiffMs, ntpFromUnixMs } from '../../../shared/osc/timetag';
import { FakeClock } from '../../../shared/testing/fake-clock';
import type { UdpSource } from '../network/udp-endpoint';
import { createSkewedClock } from '../time/skewed-clock';
import { createPeerClocks } from './peer-clocks';
import { clockPongFor } from './responder';

const SENDER: UdpSource = { address: '192.168.1.20', port: 50123 };

/**
 * A pinger in virtual time, and a Syncroscope peer whose clock is `skew` off ours that answers
 * each ping after `upMs` and is heard back `downMs` later (or a seed peer that never answers).
 */
function setup(
  options: { answers?: boolean; upMs?: number; downMs?: number; offsetMs?: number } = {},
) {
  const clock = new FakeClock();
  const skew = { offsetMs: options.offsetMs ?? 250, driftPpm: options.offsetMs === 0 ? 0 : 50 };
  const peerClock = createSkewedClock(clock, skew);
  const { answers = true, upMs = 0.4, downMs = 0.4 } = options;
  const pings: OscMessage[] = [];
  let changes = 0;
  const clocks = createPeerClocks({ clock, timers: clock, onChanged: () => void changes++ });
  const send = (bytes: Uint8Array, to: UdpSource): void => {
    const ping = decodePacket(bytes) as OscMessage;
    pings.push(ping);
    expect(to).toEqual(SENDER);
    if (!answers) return;
    clock.setTimer(() => {
      const pong = clockPongFor(ping, peerClock.nowMs(), peerClock)!;
      clock.setTimer(() => {
        clocks.onPong(decodePacket(pong) as OscMessage, SENDER, clock.nowMs());
      }, downMs);
    }, upMs);
  };
  const trueOffsetMs = () => peerClock.nowMs() - clock.nowMs();
  return { clock, clocks, pings, send, trueOffsetMs, changes: () => changes };
}

describe('createPeerClocks (virtual time)', () => {
  it('pings a new source at once from the socket it was heard on, then 4 times a second', () => {
    const { clock, clocks, pings, send } = setup();
    clocks.heard(SENDER, send);
    expect(pings).toHaveLength(1);
    expect(pings[0]!.address).toBe(CLOCK_PING_ADDRESS);
    clock.advance(1000);
    expect(pings).toHaveLength(5);
  });

  it("converges on a Syncroscope peer's offset and slows to one ping a second", () => {
    const { clock, clocks, pings, send, trueOffsetMs } = setup();
    clocks.heard(SENDER, send);
    for (let i = 0; i < 20; i++) {
      clock.advance(250);
      clocks.heard(SENDER, send); // ticks keep coming
    }
    const [view] = clocks.views();
    expect(view).toMatchObject({ peer: '192.168.1.20:50123', state: 'converged' });
    expect(Math.abs(view!.offsetMs! - trueOffsetMs())).toBeLessThanOrEqual(view!.errorBoundMs!);
    expect(view!.errorBoundMs!).toBeLessThan(1);
    expect(view!.pongs).toBeGreaterThanOrEqual(view!.pings - 1); // the last may be in flight
    const before = pings.length;
    clock.advance(5000);
    clocks.heard(SENDER, send);
    expect(pings.length - before).toBeGreaterThanOrEqual(5);
    expect(pings.length - before).toBeLessThanOrEqual(6);
  });

  it('reads a peer whose clock agrees with ours within the error bound in our own clock', () => {
    // One laptop behind an asymmetric relay: the estimate is 5 ms off, its bound says +-10 ms.
    const { clock, clocks, send } = setup({ offsetMs: 0, upMs: 15, downMs: 5 });
    clocks.heard(SENDER, send);
    clock.advance(5000);
    const view = clocks.views()[0]!;
    expect(Math.abs(view.offsetMs!)).toBeGreaterThan(4);
    expect(Math.abs(view.offsetMs!)).toBeLessThanOrEqual(view.errorBoundMs!);
    expect(clocks.timetagToLocal(SENDER, ntpFromUnixMs(clock.nowMs() + 100))).toBeNull();
  });

  it('reads a peer behind the same relay in its clock once the offset exceeds the bound', () => {
    const { clock, clocks, send, trueOffsetMs } = setup({ upMs: 15, downMs: 5 });
    clocks.heard(SENDER, send);
    clock.advance(5000);
    const reading = clocks.timetagToLocal(SENDER, ntpFromUnixMs(clock.nowMs() + 100))!;
    expect(Math.abs(reading.offsetMs - trueOffsetMs())).toBeLessThanOrEqual(
      clocks.views()[0]!.errorBoundMs!,
    );
  });

  it("reads a converged peer's timetags in its clock: the wire time less the offset", () => {
    const { clock, clocks, send, trueOffsetMs } = setup();
    clocks.heard(SENDER, send);
    clock.advance(5000);
    const wire = ntpAddMs(ntpFromUnixMs(clock.nowMs()), trueOffsetMs() + 100); // in 100 ms
    const reading = clocks.timetagToLocal(SENDER, wire)!;
    expect(reading.isConverged).toBe(true);
    const bound = clocks.views()[0]!.errorBoundMs!;
    expect(Math.abs(reading.offsetMs - trueOffsetMs())).toBeLessThanOrEqual(bound);
    expect(Math.abs(ntpDiffMs(reading.ntp, ntpFromUnixMs(clock.nowMs())) - 100)).toBeLessThan(
      bound,
    );
    expect(clocks.timetagToLocal({ address: '10.0.0.9', port: 9 }, wire)).toBeNull();
  });

  it('says its reading is not yet converged after the first answer', () => {
    const { clock, clocks, send } = setup();
    clocks.heard(SENDER, send);
    clock.advance(1);
    const reading = clocks.timetagToLocal(SENDER, ntpFromUnixMs(clock.nowMs() + 250))!;
    expect(reading.isConverged).toBe(false);
    expect(reading.offsetMs).toBeCloseTo(250, 0);
  });

  it('gives a seed peer up silently after five unanswered pings, its timetags left as they are', () => {
    const { clock, clocks, pings, send } = setup({ answers: false });
    clocks.heard(SENDER, send);
    for (let i = 0; i < 40; i++) {
      clock.advance(250);
      clocks.heard(SENDER, send);
    }
    expect(pings).toHaveLength(5);
    expect(clocks.views()[0]).toMatchObject({ state: 'no-answer', pings: 5, pongs: 0 });
    expect(clocks.timetagToLocal(SENDER, ntpFromUnixMs(clock.nowMs()))).toBeNull();
  });

  it('stops pinging a peer that went quiet, and resumes when it sends again', () => {
    const { clock, clocks, pings, send } = setup();
    clocks.heard(SENDER, send);
    clock.advance(30_000);
    const quiet = pings.length;
    clock.advance(30_000);
    expect(pings.length).toBe(quiet);
    clocks.heard(SENDER, send);
    expect(pings.length).toBe(quiet + 1);
  });

  it('ignores a pong that answers no ping of ours', () => {
    const { clocks, send } = setup({ answers: false });
    clocks.heard(SENDER, send);
    const forged: OscMessage = {
      kind: 'message',
      address: CLOCK_PONG_ADDRESS,
      args: [1n, 2n, 3n].map((value) => ({ type: 't' as const, value: value << 40n })),
    };
    expect(clocks.onPong(forged, SENDER, 1)).toBe(false);
    expect(clocks.views()[0]!.samples).toBe(0);
  });

  it('counts an answer over a slow path but bounds the offset by its half round trip', () => {
    const { clock, clocks, send } = setup({ upMs: 30, downMs: 2 });
    clocks.heard(SENDER, send);
    clock.advance(3000);
    const view = clocks.views()[0]!;
    expect(view.offsetMs! - 250).toBeCloseTo(14, 0); // (30 - 2) / 2: invisible, but bounded
    expect(view.errorBoundMs!).toBeGreaterThanOrEqual(14);
    expect(view.state).toBe('measuring');
  });

  it('tracks at most its peer limit, forgetting the longest silent', () => {
    const clock = new FakeClock();
    const clocks = createPeerClocks({ clock, timers: clock, maxPeers: 2 });
    const send = () => undefined;
    for (let port = 1; port <= 3; port++) {
      clocks.heard({ address: '10.0.0.1', port }, send);
      clock.advance(10);
    }
    expect(clocks.views().map((v) => v.peer)).toEqual(['10.0.0.1:2', '10.0.0.1:3']);
    clocks.dispose();
    expect(clock.pendingTimers).toBe(0);
  });

  it('reports changes as answers come in', () => {
    const { clock, clocks, send, changes } = setup();
    clocks.heard(SENDER, send);
    const first = changes();
    clock.advance(1000);
    expect(changes()).toBeGreaterThanOrEqual(first + 4);
  });
});

describe('createPeerClocks and the engine itself', () => {
  it("leaves the engine's own sender alone: its timetags are in our clock already", () => {
    const clock = new FakeClock();
    const clocks = createPeerClocks({ clock, timers: clock });
    let answered = 0;
    const send = (bytes: Uint8Array): void => {
      const ping = decodePacket(bytes) as OscMessage;
      clocks.noteAnswering((ping.args[0] as { value: bigint }).value); // our own responder
      clocks.onPong(
        decodePacket(clockPongFor(ping, clock.nowMs(), clock)!) as OscMessage,
        SENDER,
        clock.nowMs(),
      );
      answered++;
    };
    clocks.heard(SENDER, send);
    clock.advance(5000);
    clocks.heard(SENDER, send);
    expect(answered).toBe(1);
    expect(clocks.views()).toEqual([]);
    expect(clocks.timetagToLocal(SENDER, ntpFromUnixMs(clock.nowMs() + 100))).toBeNull();
  });
});
