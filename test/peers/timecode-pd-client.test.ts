/**
 * Pure Data + mrpeach as a second timecode client (assets/peers/smpte-client.pd) beside the seed
 * client: our master sends to both, and Pd must print the very labels the seed client hears.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freeUdpPorts } from './harness/free-port';
import { PD_REQUIREMENTS, startPd, type PdPeer } from './harness/pd';
import { describeWithPeers } from './harness/require-peer';
import { SEED_SMPTE_REQUIREMENTS, startSeedClient, type SeedClient } from './harness/seed-smpte';
import { startOurMaster, type OurMaster } from './harness/timecode-cli';

const PATCH = fileURLToPath(new URL('../../assets/peers/smpte-client.pd', import.meta.url));
const FRAMES = 50; // 2 s at 25 fps

describeWithPeers(
  'our timecode master -> Pure Data and the seed client',
  [...PD_REQUIREMENTS, ...SEED_SMPTE_REQUIREMENTS],
  () => {
    let pd: PdPeer;
    let client: SeedClient;
    let master: OurMaster;

    beforeAll(async () => {
      const [pdPort, clientPort, masterPort] = await freeUdpPorts(3);
      pd = await startPd({ patch: PATCH, sends: [`smpte-port ${pdPort}`], quitPort: pdPort });
      client = await startSeedClient({ listenPort: clientPort!, toPort: masterPort!, cueAfter: 0 });
      master = await startOurMaster({
        listenPort: masterPort!,
        toPorts: [pdPort!, clientPort!],
        startLabel: '10:00:00:00',
        count: FRAMES,
      });
      await master.exited(FRAMES * 40 + 15_000);
      await pd.waitForPrint('TIMECODE', (b) => b === master.frames().at(-1)?.label, 5000);
    }, 60_000);
    afterAll(async () => {
      await master?.stop();
      await client?.stop();
      await pd?.stop();
    });

    it('prints every label our master sent, in order', () => {
      const sent = master.frames().map((f) => f.label);
      expect(sent).toHaveLength(FRAMES);
      expect(sent[0]).toBe('10:00:00:00');
      expect(pd.prints('TIMECODE').map((p) => p.body)).toEqual(sent);
      expect(pd.prints('UNHANDLED')).toEqual([]);
    });

    it('hears the same labels as the seed client, at about the same time', () => {
      const pdLines = pd.prints('TIMECODE');
      const seedLines = client.timecodes();
      expect(pdLines.map((p) => p.body)).toEqual(seedLines.map((t) => t.label));
      // Both stamped on this machine's wall clock (Pd's line on arrival here, the seed's print).
      const apartMs = pdLines.map((p, i) => Math.abs(p.atMs - seedLines[i]!.unix * 1000));
      expect(Math.max(...apartMs)).toBeLessThan(120); // 3 frames: pipes and a busy machine
    });
  },
);
