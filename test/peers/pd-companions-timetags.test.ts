/**
 * Example 3 (timetags) and part 4 (forward synchronization) with Pure Data on the other side:
 * assets/peers/example3-part4-timetags.pd against our CLI run in process. Pd must play each tick at
 * its timetag, some 300 ms after it arrived, and answer /tick_ack then; in forward mode Pd and our
 * own listener act on each beat at the same instant.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCliRunner } from '../../electron/cli/cli-run.test-util';
import { startCliListener, type CliListener } from './harness/cli-listener';
import { freeUdpPorts } from './harness/free-port';
import { companionPatch, PD_REQUIREMENTS, startPd, type PdPeer } from './harness/pd';
import { describeWithPeers } from './harness/require-peer';
import { formatSpread } from './harness/spread';
import { hexToUnixMs } from './harness/timecode-cli';
import { sleepMs } from './harness/wall-clock';

const PATCH = companionPatch('example3-part4-timetags.pd');
const OFFSET_MS = 300;
const BEATS = 4;
// Pd with -sleepgrain 0.2 acts -1..+3 ms around the timetag. An ack is stamped when this process
// reads it, so a stall here makes it look late: the upper bound leaves room for a loaded machine,
// the lower one is what excludes "on arrival" (300 ms early here).
const EARLIEST_MS = -5;
const LATEST_MS = 150;
// Pd's ack against our listener's dispatch of the same beat: a stall here delays both alike.
const APART_MS = 40;

/** A beat `syncroscope metronome --json` sent. */
interface BeatLine {
  beat: number;
  timetag: string;
  /** Unix seconds. */
  sent: number;
}

describeWithPeers(
  'example3-part4-timetags.pd: Pure Data plays at the timetag',
  PD_REQUIREMENTS,
  () => {
    const cli = createCliRunner();
    let pd: PdPeer;
    let pdPort: number;
    let listenPort: number;
    let listener: CliListener;

    const runMetronome = async (mode: string, targets: string[]): Promise<BeatLine[]> => {
      const run = cli.run([
        ...['metronome', '--mode', mode, '--offset', String(OFFSET_MS), '--bpm', '240'],
        ...['--count', String(BEATS), '--json'],
        ...targets.flatMap((t) => ['--target', t]),
      ]);
      expect(await run.code, run.err.join('\n')).toBe(0);
      return run.json() as unknown as BeatLine[];
    };
    const outside = (
      errorsMs: number[],
      earliestMs = EARLIEST_MS,
      latestMs = LATEST_MS,
    ): number[] => errorsMs.filter((e) => e < earliestMs || e > latestMs);

    beforeAll(async () => {
      const [port, replyPort] = await freeUdpPorts(2);
      pdPort = port!;
      listenPort = replyPort!;
      listener = await startCliListener(cli, listenPort);
      pd = await startPd({
        patch: PATCH,
        sends: [`syncroscope-port ${pdPort}`, `syncroscope-reply 127.0.0.1 ${listenPort}`],
        quitPort: pdPort,
      });
    });
    afterAll(async () => {
      await pd?.stop();
      await cli.stopAll();
    });

    it('example 3: plays each offset-mode tick at its timetag, 300 ms after it was sent', async () => {
      const acksBefore = listener.messages('/tick_ack').length;
      const leadsBefore = pd.prints('LEAD_MS').length;
      const beats = await runMetronome('offset', [`127.0.0.1:${pdPort}/pd`]);
      const acks = (await listener.waitForMessages('/tick_ack', acksBefore + BEATS)).slice(
        acksBefore,
      );
      expect(acks.map((a) => a.args)).toEqual(Array(BEATS).fill(['tick']));
      // Timetags rise with the beats and UDP on loopback keeps their order: ack i is beat i's.
      const errorsMs = acks.map((a, i) => a.arrival * 1000 - hexToUnixMs(beats[i]!.timetag));
      const afterSendMs = acks.map((a, i) => (a.arrival - beats[i]!.sent) * 1000);
      console.info(`[pd example 3] ack - timetag: ${formatSpread(errorsMs)}`);
      expect(outside(errorsMs)).toEqual([]);
      expect(afterSendMs.filter((ms) => ms < OFFSET_MS - 50)).toEqual([]); // not on arrival

      // What the patch shows on arrival: how far ahead the timetag was (the seed's "monitor").
      const leads = (await pd.waitForPrints('LEAD_MS', leadsBefore + BEATS, 5000))
        .slice(leadsBefore)
        .map((p) => Number(p.body));
      expect(leads.filter((ms) => !(ms > OFFSET_MS - 100 && ms <= OFFSET_MS + 5))).toEqual([]);
    });

    it('part 4: plays each forward-synced beat at the same instant as our own listener', async () => {
      const acksBefore = listener.messages('/tick_ack').length;
      const ticksBefore = listener.messages('/py').length;
      const beats = await runMetronome('forward', [
        `127.0.0.1:${listenPort}/py`,
        `127.0.0.1:${pdPort}/tick`,
      ]);
      const acks = (await listener.waitForMessages('/tick_ack', acksBefore + BEATS)).slice(
        acksBefore,
      );
      const ticks = (await listener.waitForMessages('/py', ticksBefore + BEATS)).slice(ticksBefore);
      const pdErrorsMs = acks.map((a, i) => a.arrival * 1000 - hexToUnixMs(beats[i]!.timetag));
      const apartMs = acks.map((a, i) => (a.arrival - ticks[i]!.dispatched) * 1000);
      console.info(`[pd part 4] Pd's ack - timetag: ${formatSpread(pdErrorsMs)}`);
      console.info(`[pd part 4] Pd's ack - our listener's dispatch: ${formatSpread(apartMs)}`);
      expect(ticks.map((t) => t.timetag)).toEqual(beats.map((b) => b.timetag));
      expect(outside(pdErrorsMs)).toEqual([]);
      expect(outside(apartMs, -APART_MS, APART_MS)).toEqual([]);
    });

    it('quits when it receives /quit', async () => {
      const run = cli.run(['send', `127.0.0.1:${pdPort}`, '/quit']);
      expect(await run.code).toBe(0);
      const exit = await Promise.race([pd.process.exited, sleepMs(5000).then(() => 'running')]);
      expect(exit).toEqual({ code: 0, signal: null });
    });
  },
);
