/**
 * Our bundles against SuperCollider's scsynth, an independent server that runs bundles at their
 * timetag and prints `late <seconds>` for any bundle that came too late.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  encodeBundle,
  encodeMessage,
  encodePacket,
  ntpFromUnixMs,
  ntpToUnixMs,
  type NtpTime,
  type OscMessage,
} from '../../shared/osc/index';
import { freeUdpPort } from './harness/free-port';
import { openOscInbox, type OscInbox, type ReceivedMessage } from './harness/osc-inbox';
import { describeWithPeers } from './harness/require-peer';
import { SCSYNTH_REQUIREMENTS, startScsynth, type ScsynthPeer } from './harness/scsynth';
import { formatSpread } from './harness/spread';
import { sleepMs } from './harness/wall-clock';

// scsynth runs bundles on 64-frame block boundaries (1.33 ms at 48 kHz): -2..+1.4 ms measured here.
const EARLIEST_MS = -3;
const LATEST_MS = 30;

describeWithPeers('SuperCollider scsynth on a dummy JACK backend', SCSYNTH_REQUIREMENTS, () => {
  let inbox: OscInbox;
  let sc: ScsynthPeer;
  const reply = (address: string, firstArg: number): Promise<ReceivedMessage> =>
    inbox.waitFor(
      (m) =>
        m.message.address === address &&
        m.message.args[0]?.type === 'i' &&
        m.message.args[0].value === firstArg,
      5000,
      `${address} ${firstArg}`,
    );

  beforeAll(async () => {
    inbox = await openOscInbox();
    sc = await startScsynth({ port: await freeUdpPort() });
    // Ask for node notifications: /n_go tells us when a /g_new really ran.
    await inbox.send(encodeMessage('/notify', [{ type: 'i', value: 1 }]), sc.port);
    await inbox.waitFor(
      (m) =>
        m.message.address === '/done' &&
        m.message.args[0]?.type === 's' &&
        m.message.args[0].value === '/notify',
      5000,
      '/done /notify',
    );
  });
  afterAll(async () => {
    await sc?.stop();
    await inbox?.close();
  });

  it('runs each of our bundles at its timetag and never reports one late', async () => {
    const base = inbox.clock.nowMs() + 200;
    const groups = Array.from({ length: 8 }, (_, i) => ({
      nodeId: 1000 + i,
      timetag: ntpFromUnixMs(base + i * 30),
    }));
    const nodeIds = groups.map((g) => g.nodeId);
    const syncTimetag = ntpFromUnixMs(base + 8 * 30);
    for (const g of groups) {
      // /g_new id addAction=head target=root group: an immediate, observable action (/n_go).
      await inbox.send(encodeBundle(g.timetag, [intMessage('/g_new', [g.nodeId, 0, 0])]), sc.port);
    }
    await inbox.send(encodeBundle(syncTimetag, [intMessage('/sync', [77])]), sc.port);

    const errorsMs: number[] = [];
    const errorOf = (m: ReceivedMessage, timetag: NtpTime): number =>
      m.arrivalMs - ntpToUnixMs(timetag);
    for (const g of groups) errorsMs.push(errorOf(await reply('/n_go', g.nodeId), g.timetag));
    errorsMs.push(errorOf(await reply('/synced', 77), syncTimetag));
    console.info(`[scsynth] reply arrival - timetag: ${formatSpread(errorsMs)}`);

    expect(errorsMs.filter((e) => e < EARLIEST_MS || e > LATEST_MS)).toEqual([]);
    await sleepMs(300); // a late line would be printed before the reply, but stdout is a separate pipe
    expect(sc.lateLines().map((l) => l.text)).toEqual([]);
    await inbox.send(encodePacket(intMessage('/n_free', nodeIds)), sc.port);
  });

  it('prints a late line for a bundle whose time has passed, so "no late lines" is a real oracle', async () => {
    const lateBefore = sc.lateLines().length;
    await inbox.send(
      encodeBundle(ntpFromUnixMs(inbox.clock.nowMs() - 50), [intMessage('/sync', [78])]),
      sc.port,
    );
    await reply('/synced', 78); // scsynth still runs it, at once
    const late = await sc.scsynth.waitFor(
      () => sc.lateLines()[lateBefore],
      5000,
      '"late" line for a bundle 50 ms in the past',
    );
    const lateS = Number(/^late (\S+)/.exec(late.text)?.[1]);
    expect(lateS).toBeGreaterThanOrEqual(0.045);
    expect(lateS).toBeLessThan(1);
  });
});

/** An OSC message whose arguments are all int32 (scsynth's node commands). */
function intMessage(address: string, ints: readonly number[]): OscMessage {
  return { kind: 'message', address, args: ints.map((value) => ({ type: 'i', value })) };
}
