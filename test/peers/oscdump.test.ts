/**
 * liblo's oscdump as an independent parser of what our encoder writes. Timing is not judged here:
 * liblo releases future bundles up to ~10 ms early on purpose.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  encodeBundle,
  encodeMessage,
  ntpAddMs,
  ntpFromUnixMs,
  ntpToHex,
  type OscArg,
} from '../../shared/osc/index';
import { freeUdpPort } from './harness/free-port';
import { openOscInbox, type OscInbox } from './harness/osc-inbox';
import { formatOscdumpArgs } from './harness/oscdump-format';
import { OSCDUMP_REQUIREMENTS, startOscdump, type OscdumpPeer } from './harness/oscdump';
import { describeWithPeers } from './harness/require-peer';
import { unixNowMs } from './harness/wall-clock';

// Every type tag liblo 0.31 understands. It rejects 'r' (tshark.test.ts covers it) and '[ ]' arrays
// (no peer on these machines decodes arrays: tshark 4.0's OSC heuristic refuses them too).
const EVERY_TYPE: Record<string, OscArg[]> = {
  '/types/i': [
    { type: 'i', value: -123456 },
    { type: 'i', value: 2147483647 },
  ],
  '/types/f': [
    { type: 'f', value: 440.125 },
    { type: 'f', value: -0.1 },
    { type: 'f', value: 1e10 },
  ],
  '/types/s': [
    { type: 's', value: 'tick' },
    { type: 's', value: 'héllo wörld, ünïcode ♩' },
    { type: 's', value: '' },
  ],
  '/types/b': [
    { type: 'b', value: new Uint8Array([0, 1, 0xff, 0x10, 7]) },
    { type: 'b', value: new Uint8Array() },
  ],
  '/types/h': [
    { type: 'h', value: -(2n ** 40n) - 1n },
    { type: 'h', value: 2n ** 62n + 12345n },
  ],
  '/types/t': [
    { type: 't', value: 0xeeab4a74_89abcdefn },
    { type: 't', value: 1n },
  ],
  '/types/d': [
    { type: 'd', value: Math.PI },
    { type: 'd', value: -1234.5678 },
  ],
  '/types/S': [{ type: 'S', value: 'symbol' }],
  '/types/c': [{ type: 'c', value: 'x' }],
  '/types/m': [{ type: 'm', value: new Uint8Array([0, 0x90, 60, 127]) }],
  '/types/TFNI': [{ type: 'T' }, { type: 'F' }, { type: 'N' }, { type: 'I' }],
  '/types/none': [],
};
EVERY_TYPE['/types/all'] = Object.values(EVERY_TYPE).flat();

describeWithPeers('oscdump (liblo 0.31) reading our encoder', OSCDUMP_REQUIREMENTS, () => {
  let oscdump: OscdumpPeer;
  let inbox: OscInbox; // our engine's socket, used here only to send
  const send = (bytes: Uint8Array): Promise<void> => inbox.send(bytes, oscdump.port);

  beforeAll(async () => {
    inbox = await openOscInbox();
    oscdump = await startOscdump(await freeUdpPort());
  });
  afterAll(async () => {
    await oscdump?.stop();
    await inbox?.close();
  });

  it('parses every argument type we encode and prints exactly the values we sent', async () => {
    const before = oscdump.messages().length;
    for (const [address, args] of Object.entries(EVERY_TYPE))
      await send(encodeMessage(address, args));
    await oscdump.waitForMessages(before + Object.keys(EVERY_TYPE).length, 5000);

    expect(oscdump.errors().map((l) => l.text)).toEqual([]);
    const printed = oscdump.messages().slice(before);
    for (const [address, args] of Object.entries(EVERY_TYPE)) {
      const line = printed.find((l) => l.address === address);
      expect(line, `oscdump printed nothing for ${address}`).toBeDefined();
      expect({ address, typeTags: line?.typeTags, args: line?.argsText }).toEqual({
        address,
        typeTags: args.map((a) => a.type).join(''),
        args: formatOscdumpArgs(args),
      });
    }
  });

  it('accepts a future bundle with a nested bundle and prints each message with its exact timetag', async () => {
    const outer = ntpFromUnixMs(unixNowMs() + 300);
    const inner = ntpAddMs(outer, 100.000_123); // a nested timetag may not be earlier than its parent
    const before = oscdump.messages().length;
    await send(
      encodeBundle(outer, [
        { kind: 'message', address: '/bundle/outer', args: [{ type: 'i', value: 1 }] },
        {
          kind: 'bundle',
          timetag: inner,
          elements: [
            { kind: 'message', address: '/bundle/inner', args: [{ type: 's', value: 'nested' }] },
          ],
        },
        { kind: 'message', address: '/bundle/outer-after', args: [{ type: 'd', value: 0.5 }] },
      ]),
    );
    await oscdump.waitForMessages(before + 3, 5000);

    expect(oscdump.errors().map((l) => l.text)).toEqual([]);
    const printed = oscdump.messages().slice(before);
    const summary = printed
      .map((l) => `${ntpToHex(l.timetag)} ${l.address} ${l.typeTags} ${l.argsText}`)
      .sort();
    expect(summary).toEqual(
      [
        `${ntpToHex(outer)} /bundle/outer i 1`,
        `${ntpToHex(outer)} /bundle/outer-after d 0.500000`,
        `${ntpToHex(inner)} /bundle/inner s "nested"`,
      ].sort(),
    );
  });

  it('reports a bundle whose element overruns the datagram, so a clean run above means something', async () => {
    const good = encodeBundle(ntpFromUnixMs(unixNowMs()), [
      { kind: 'message', address: '/bundle/broken', args: [{ type: 'i', value: 2 }] },
    ]);
    await send(good.slice(0, good.length - 4)); // the element size now claims 4 bytes too many
    const error = await oscdump.process.waitForLine(
      (l) => l.stream === 'stderr' && /Invalid/.test(l.text),
      5000,
      '"Invalid ..." error line',
    );
    expect(error.text).toMatch(/Invalid (bundle|message)/);
  });
});
