/**
 * Wireshark's OSC dissector as a second, independent reader of our bytes on the wire: it must find
 * the same addresses and the same timetags, to the nanosecond it can print.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  encodeBundle,
  encodeMessage,
  ntpAddMs,
  ntpFromParts,
  ntpFromUnixMs,
  type NtpTime,
  type OscArg,
} from '../../shared/osc/index';
import { freeUdpPort } from './harness/free-port';
import { openOscInbox, type OscInbox } from './harness/osc-inbox';
import { describeWithPeers } from './harness/require-peer';
import { startTsharkCapture, TSHARK_REQUIREMENTS, type TsharkCapture } from './harness/tshark';
import { ntpAsWiresharkShowsNs, parseTsharkAbsoluteTime } from './harness/tshark-time';
import { unixNowMs } from './harness/wall-clock';

const NOW_SECONDS = Math.floor(Date.now() / 1000) + 2_208_988_800;

describeWithPeers(
  "Wireshark's OSC dissector (tshark) reading our packets",
  TSHARK_REQUIREMENTS,
  () => {
    let capture: TsharkCapture;
    let port: number;
    let inbox: OscInbox; // our engine's socket, used here only to send
    const send = (bytes: Uint8Array): Promise<void> => inbox.send(bytes, port);

    beforeAll(async () => {
      inbox = await openOscInbox();
      port = await freeUdpPort();
      capture = await startTsharkCapture({
        port,
        extraFields: ['osc.message.rgba', 'osc.message.timetag'],
      });
    });
    afterAll(async () => {
      await inbox?.close();
      await capture?.stop();
    });

    it('finds the address and the exact timetag of each bundle, nested ones included', async () => {
      const soon = ntpFromUnixMs(unixNowMs() + 200);
      const timetags: NtpTime[] = [
        soon,
        ntpAddMs(soon, 0.000_5), // sub-microsecond steps must survive
        ntpFromParts(NOW_SECONDS, 0), // fraction edges: zero, one unit, one half, all ones
        ntpFromParts(NOW_SECONDS, 1),
        ntpFromParts(NOW_SECONDS, 0x8000_0000),
        ntpFromParts(NOW_SECONDS, 0xffff_ffff),
      ];
      const nested = ntpAddMs(soon, 250.25);
      const before = capture.frames().length;
      for (const [i, timetag] of timetags.entries()) {
        await send(
          encodeBundle(timetag, [
            { kind: 'message', address: `/tick/${i}`, args: [{ type: 's', value: 'tick' }] },
          ]),
        );
      }
      await send(
        encodeBundle(soon, [
          { kind: 'message', address: '/nest/outer', args: [] },
          {
            kind: 'bundle',
            timetag: nested,
            elements: [{ kind: 'message', address: '/nest/inner', args: [] }],
          },
        ]),
      );
      const frames = (await capture.waitForFrames(before + timetags.length + 1, 10_000)).slice(
        before,
      );

      const seen = frames.map((f) => ({
        paths: f.paths,
        timetagsNs: f.bundleTimetags.map(parseTsharkAbsoluteTime),
        isMalformed: f.isMalformed,
      }));
      expect(seen).toEqual([
        ...timetags.map((t, i) => ({
          paths: [`/tick/${i}`],
          timetagsNs: [ntpAsWiresharkShowsNs(t)],
          isMalformed: false,
        })),
        {
          paths: ['/nest/outer', '/nest/inner'],
          timetagsNs: [ntpAsWiresharkShowsNs(soon), ntpAsWiresharkShowsNs(nested)],
          isMalformed: false,
        },
      ]);
    });

    it('walks every argument type, including the RGBA and timetag arguments liblo cannot show', async () => {
      const timetagArg = ntpFromParts(NOW_SECONDS, 0x89ab_cdef);
      const args: OscArg[] = [
        { type: 'i', value: -7 },
        { type: 'f', value: 0.5 },
        { type: 's', value: 'héllo' },
        { type: 'b', value: new Uint8Array([1, 2, 3]) },
        { type: 'h', value: -(2n ** 40n) },
        { type: 't', value: timetagArg },
        { type: 'd', value: 0.25 },
        { type: 'S', value: 'sym' },
        { type: 'c', value: 'x' },
        { type: 'r', value: 0x1122_33ff },
        { type: 'm', value: new Uint8Array([0, 0x90, 60, 127]) },
        { type: 'T' },
        { type: 'F' },
        { type: 'N' },
        { type: 'I' },
      ];
      const before = capture.frames().length;
      await send(encodeMessage('/types/all', args));
      const [frame] = (await capture.waitForFrames(before + 1, 10_000)).slice(before);

      expect(frame?.isMalformed).toBe(false);
      expect(frame?.paths).toEqual(['/types/all']);
      expect(frame?.typeTags).toEqual([',ifsbhtdScrmTFNI']);
      expect(frame?.fields['osc.message.rgba']).toEqual(['0x112233ff']);
      expect(frame?.fields['osc.message.timetag']?.map(parseTsharkAbsoluteTime)).toEqual([
        ntpAsWiresharkShowsNs(timetagArg),
      ]);
    });
  },
);
