import { describe, expect, it } from 'vitest';
import { argsFromValues, encodeBundle } from '../../../shared/osc';
import { ntpAddMs } from '../../../shared/osc/timetag';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createScheduler } from '../time/scheduler';
import { createReceivePath, type DispatchedMessage, type ReceivedMessage } from './receive-path';

const PEER = { address: '10.0.0.2', port: 50000 };
const SEED = { address: '10.0.0.3', port: 57120 };
const tick = { kind: 'message' as const, address: '/tick', args: argsFromValues(['tick']) };

/** A path whose hook says PEER's clock is 250 ms ahead (converged or not) and SEED's unknown. */
function setup(isConverged = true) {
  const clock = new FakeClock();
  const received: ReceivedMessage[] = [];
  const dispatched: DispatchedMessage[] = [];
  const path = createReceivePath({
    clock,
    scheduler: createScheduler({ clock, timers: clock }),
    onReceive: (m) => received.push(m),
    onDispatch: (m) => dispatched.push(m),
    timetagToLocal: (from, ntp) =>
      from.port === PEER.port ? { ntp: ntpAddMs(ntp, -250), offsetMs: 250, isConverged } : null,
  });
  const send = (from: typeof PEER, inMs: number) =>
    path.handlePacket(encodeBundle(ntpAddMs(clock.nowNtp(), inMs), [tick]), from, clock.nowMs());
  return { clock, received, dispatched, send };
}

describe('receive path: timetags read in the sender clock', () => {
  it("schedules a peer's timetag at the instant it meant in our clock, keeping the wire value", () => {
    const { clock, received, dispatched, send } = setup();
    const start = clock.nowMs();
    send(PEER, 350); // "in 350 ms" on a clock 250 ms ahead: in 100 ms here
    expect(received[0]).toMatchObject({
      classification: 'future',
      clock: 'peer',
      clockOffsetMs: 250,
    });
    expect(received[0]!.leadMs).toBeCloseTo(100, 6);
    expect(received[0]!.wireTimetag! - received[0]!.timetag!).toBeGreaterThan(0n);
    clock.advance(200);
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]!.targetMs - start).toBeCloseTo(100, 3);
    expect(dispatched[0]!.dispatchedMs).toBeGreaterThanOrEqual(dispatched[0]!.targetMs);
    expect(dispatched[0]!.dispatchedMs - start).toBeLessThan(101);
  });

  it("classifies by our clock: a peer's timetag 100 ms ahead on its clock is 150 ms late here", () => {
    const { received, send } = setup();
    send(PEER, 100);
    expect(received[0]).toMatchObject({ classification: 'late', clock: 'peer' });
    expect(received[0]!.leadMs).toBeCloseTo(-150, 6);
  });

  it('says when the offset is still being measured', () => {
    const { received, send } = setup(false);
    send(PEER, 350);
    expect(received[0]).toMatchObject({ clock: 'peer-measuring', clockOffsetMs: 250 });
  });

  it("reads a seed peer's timetag in our clock, as it is", () => {
    const { received, send } = setup();
    send(SEED, 350);
    expect(received[0]).toMatchObject({
      clock: 'local',
      clockOffsetMs: null,
      classification: 'future',
    });
    expect(received[0]!.timetag).toBe(received[0]!.wireTimetag);
    expect(received[0]!.leadMs).toBeCloseTo(350, 6);
  });
});
