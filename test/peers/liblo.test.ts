/**
 * python3-liblo as an independent sender: our socket and decoder must read its bundles with the
 * exact timetag liblo put on the wire.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isImmediate, ntpToHex } from '../../shared/osc/index';
import { PYLIBLO_REQUIREMENTS, sendLibloBundles } from './harness/liblo-sender';
import { openOscInbox, type OscInbox } from './harness/osc-inbox';
import { describeWithPeers } from './harness/require-peer';

describeWithPeers('python3-liblo sending to our receiver', PYLIBLO_REQUIREMENTS, () => {
  let inbox: OscInbox;

  beforeAll(async () => {
    inbox = await openOscInbox();
  });
  afterAll(async () => {
    await inbox?.close();
  });

  it('reads future bundles with the exact timetag and arguments liblo sent', async () => {
    const sent = await sendLibloBundles(inbox.port, [
      { leadS: 0.5, address: '/tick', args: [['s', 'tick']] },
      {
        leadS: 0.75,
        address: '/pd',
        args: [
          ['i', -7],
          ['f', 2.5],
          ['d', 0.1],
          ['h', 2 ** 40],
          ['S', 'sym'],
          ['c', 'x'],
        ],
      },
    ]);
    const tick = await inbox.waitFor(
      (m) => m.message.address === '/tick',
      5000,
      '/tick from liblo',
    );
    const pd = await inbox.waitFor((m) => m.message.address === '/pd', 5000, '/pd from liblo');

    expect(
      [tick.timetag, pd.timetag].map((t) => (t === null ? 'plain message' : ntpToHex(t))),
    ).toEqual(sent.map(ntpToHex));
    expect(tick.message.args).toEqual([{ type: 's', value: 'tick' }]);
    expect(pd.message.args).toEqual([
      { type: 'i', value: -7 },
      { type: 'f', value: 2.5 },
      { type: 'd', value: 0.1 },
      { type: 'h', value: 2n ** 40n },
      { type: 'S', value: 'sym' },
      { type: 'c', value: 'x' },
    ]);
  });

  it("reads liblo's untimed bundle (timetag 0, not OSC's 1) as immediate", async () => {
    await sendLibloBundles(inbox.port, [{ leadS: null, address: '/now', args: [['s', 'tick']] }]);
    const now = await inbox.waitFor((m) => m.message.address === '/now', 5000, '/now from liblo');
    expect(now.timetag).toBe(0n);
    expect(isImmediate(now.timetag ?? 1n)).toBe(true);
  });
});
