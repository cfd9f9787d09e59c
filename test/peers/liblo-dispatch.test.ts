/**
 * python3-liblo's future bundles through the whole receive path: decoded with liblo's exact
 * timetag, held, and dispatched at it — never before it. Real sockets, real scheduler.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ntpToUnixMs } from '../../shared/osc/index';
import { createSystemClock } from '../../electron/engine/time/clock';
import {
  createReceivePath,
  type DispatchedMessage,
  type ReceivePath,
} from '../../electron/engine/receive/receive-path';
import { createScheduler, type Scheduler } from '../../electron/engine/time/scheduler';
import { createRealTimers } from '../../electron/engine/time/timers';
import { createUdpEndpoint, type UdpEndpoint } from '../../electron/engine/network/udp-endpoint';
import { PYLIBLO_REQUIREMENTS, sendLibloBundles } from './harness/liblo-sender';
import { describeWithPeers } from './harness/require-peer';
import { waitFor } from '../../electron/engine/testing/wait-for';

describeWithPeers('python3-liblo bundles through our receive path', PYLIBLO_REQUIREMENTS, () => {
  const clock = createSystemClock();
  const dispatched: DispatchedMessage[] = [];
  let scheduler: Scheduler;
  let path: ReceivePath;
  let endpoint: UdpEndpoint;
  let port = 0;

  beforeAll(async () => {
    scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
    path = createReceivePath({ clock, scheduler, onDispatch: (m) => dispatched.push(m) });
    endpoint = createUdpEndpoint({ clock, port: 0 });
    path.attach(endpoint);
    port = (await endpoint.bind()).port;
  });
  afterAll(async () => {
    path?.dispose();
    scheduler?.dispose();
    await endpoint?.close();
  });

  it("dispatches each future bundle at liblo's exact timetag, in order, never early", async () => {
    const leads = [0.4, 0.25, 0.3]; // sent out of timetag order
    const sent = await sendLibloBundles(
      port,
      leads.map((leadS, i) => ({ leadS, address: `/tick${i}`, args: [['s', 'tick']] as const })),
    );
    await waitFor(() => dispatched.length >= leads.length, {
      what: 'liblo bundles to be dispatched',
    });
    expect(dispatched.map((d) => d.message.address)).toEqual(['/tick1', '/tick2', '/tick0']);
    for (const d of dispatched) {
      const i = Number(d.message.address.slice(5));
      expect(d.timetag).toBe(sent[i]); // bit-exact
      expect(d.classification).toBe('future');
      expect(d.targetMs).toBe(ntpToUnixMs(sent[i]!));
      expect(d.dispatchedMs).toBeGreaterThanOrEqual(d.targetMs); // never early
      expect(d.errorMs).toBeLessThan(50); // generous: behaviour, not machine speed
    }
  });
});
