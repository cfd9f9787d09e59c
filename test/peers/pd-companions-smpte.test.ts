/**
 * The SMPTE pair with Pure Data as the client display: assets/peers/smpte-client.pd against our
 * timecode master run in process. Pd must show (and print) every label the master sends, in
 * order: plain frames as they arrive, forward-synchronized ones at their timetag (instant + F).
 * (timecode-pd-client.test.ts checks it against the seed client too.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCliRunner } from '../../electron/cli/cli-run.test-util';
import { freeUdpPorts } from './harness/free-port';
import { companionPatch, PD_REQUIREMENTS, startPd, type PdPeer } from './harness/pd';
import { describeWithPeers } from './harness/require-peer';
import { formatSpread } from './harness/spread';
import { hexToUnixMs, type MasterFrameLine } from './harness/timecode-cli';
import { sleepMs } from './harness/wall-clock';

const PATCH = companionPatch('smpte-client.pd');
const FRAMES = 25; // 1 s at 25 fps
const FORWARD_MS = 300;
// Labels reach us on Pd's stderr pipe; a loaded machine delays them. The forward test's lower
// bound is what excludes "on arrival" (300 ms early there).
const EARLIEST_MS = -5;
const LATEST_MS = 150;

describeWithPeers("smpte-client.pd: Pure Data shows our master's timecode", PD_REQUIREMENTS, () => {
  const cli = createCliRunner(['timecode']);
  let pd: PdPeer;
  let pdPort: number;
  let masterPort: number;

  /** Runs our master for FRAMES frames to Pd; resolves with its frames and Pd's label lines. */
  const runMaster = async (extra: string[]) => {
    const before = pd.prints('TIMECODE').length;
    const run = cli.run([
      ...['master', '--fps', '25', '--start', '01:00:00:00', '--count', String(FRAMES)],
      ...['--to', `127.0.0.1:${pdPort}`, '--listen', String(masterPort), '--json', ...extra],
    ]);
    expect(await run.code, run.err.join('\n')).toBe(0);
    const frames = (run.json() as unknown as MasterFrameLine[]).filter(
      (f) => (f as unknown as { type: string }).type === 'frame',
    );
    const shown = (await pd.waitForPrints('TIMECODE', before + frames.length, 5000)).slice(before);
    return { frames, shown };
  };

  beforeAll(async () => {
    const [port, master] = await freeUdpPorts(2);
    pdPort = port!;
    masterPort = master!;
    pd = await startPd({ patch: PATCH, sends: [`smpte-port ${pdPort}`], quitPort: pdPort });
  });
  afterAll(async () => {
    await pd?.stop();
    await cli.stopAll();
  });

  it('shows every label of a plain master (as the seed sends them) as it arrives', async () => {
    const { frames, shown } = await runMaster([]);
    expect(frames).toHaveLength(FRAMES);
    expect(frames[0]?.label).toBe('01:00:00:00');
    expect(shown.map((p) => p.body)).toEqual(frames.map((f) => f.label));
    const lagMs = shown.map((p, i) => p.atMs - frames[i]!.sent * 1000);
    expect(lagMs.filter((ms) => ms < EARLIEST_MS || ms > LATEST_MS)).toEqual([]);
  });

  it('shows each forward-synced label at its timetag (frame instant + F), not on arrival', async () => {
    const { frames, shown } = await runMaster(['--forward', String(FORWARD_MS)]);
    expect(shown.map((p) => p.body)).toEqual(frames.map((f) => f.label));
    expect(frames.every((f) => f.timetag !== null)).toBe(true);
    const errorsMs = shown.map((p, i) => p.atMs - hexToUnixMs(frames[i]!.timetag!));
    const afterSendMs = shown.map((p, i) => p.atMs - frames[i]!.sent * 1000);
    console.info(`[pd smpte] label line - timetag: ${formatSpread(errorsMs)}`);
    expect(errorsMs.filter((ms) => ms < EARLIEST_MS || ms > LATEST_MS)).toEqual([]);
    expect(afterSendMs.filter((ms) => ms < FORWARD_MS - 50)).toEqual([]); // held, not on arrival
    expect(pd.prints('UNHANDLED')).toEqual([]);
  });

  it('quits when it receives /quit', async () => {
    const run = createCliRunner().run(['send', `127.0.0.1:${pdPort}`, '/quit']);
    expect(await run.code).toBe(0);
    const exit = await Promise.race([pd.process.exited, sleepMs(5000).then(() => 'running')]);
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
