/**
 * Example 1 (strings both ways) with Pure Data on the other side: assets/peers/example1-strings.pd
 * against our CLI run in process. `syncroscope send` gives Pd a string on /pd; Pd prints it and
 * sends the same arguments back as /py to `syncroscope listen`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCliRunner } from '../../electron/cli/cli-run.test-util';
import { startCliListener, type CliListener } from './harness/cli-listener';
import { freeUdpPorts } from './harness/free-port';
import { companionPatch, PD_REQUIREMENTS, startPd, type PdPeer } from './harness/pd';
import { describeWithPeers } from './harness/require-peer';
import { sleepMs } from './harness/wall-clock';

const PATCH = companionPatch('example1-strings.pd');

describeWithPeers('example1-strings.pd: strings both ways with Pure Data', PD_REQUIREMENTS, () => {
  const cli = createCliRunner();
  let pd: PdPeer;
  let pdPort: number;
  let listener: CliListener;

  const startStringsPd = (port: number, replyPort: number): Promise<PdPeer> =>
    startPd({
      patch: PATCH,
      sends: [`syncroscope-port ${port}`, `syncroscope-reply 127.0.0.1 ${replyPort}`],
      quitPort: port,
    });
  const send = async (port: number, ...words: string[]): Promise<void> => {
    const run = cli.run(['send', `127.0.0.1:${port}`, ...words]);
    expect(await run.code, run.err.join('\n')).toBe(0);
  };

  beforeAll(async () => {
    const [port, replyPort] = await freeUdpPorts(2);
    pdPort = port!;
    listener = await startCliListener(cli, replyPort!);
    pd = await startStringsPd(pdPort, replyPort!);
  });
  afterAll(async () => {
    await pd?.stop();
    await cli.stopAll();
  });

  it('prints the string Syncroscope sends and sends the same arguments back as /py', async () => {
    await send(pdPort, '/pd', 'hello', '42', '0.5');
    const [reply] = await listener.waitForMessages('/py', 1);
    expect(reply).toMatchObject({ types: 'sif', args: ['hello', 42, 0.5], timetag: null });
    await pd.waitForPrint('RECEIVED', (body) => body === 'hello 42 0.5', 5000);
  });

  it('sends a string with spaces back as one string', async () => {
    const before = listener.messages('/py').length;
    await send(pdPort, '/pd', 'hello from Syncroscope');
    const replies = await listener.waitForMessages('/py', before + 1);
    expect(replies.slice(before)).toMatchObject([{ types: 's', args: ['hello from Syncroscope'] }]);
  });

  it('prints any other address as UNHANDLED and answers only /pd', async () => {
    const before = listener.messages('/py').length;
    await send(pdPort, '/other', 'x');
    await send(pdPort, '/pd', 'marker');
    // Pd handles them in order: an answer to /other would arrive before the marker's.
    const replies = await listener.waitForMessages('/py', before + 1);
    expect(replies.slice(before).map((m) => m.args)).toEqual([['marker']]);
    await pd.waitForPrint('UNHANDLED', (body) => body === '/other x', 5000);
  });

  it('answers again once a listener starts after Pd: a refused reply does not silence it', async () => {
    const [port, replyPort] = await freeUdpPorts(2);
    const early = await startStringsPd(port!, replyPort!);
    try {
      await send(port!, '/pd', 'nobody-listens'); // refused by the kernel: udpsend disconnects
      await early.waitForPrint('RECEIVED', (body) => body === 'nobody-listens', 5000);
      const late = await startCliListener(cli, replyPort!);
      // The first reply after the refusal is lost with it; the patch reconnects for the next one.
      for (let i = 0; i < 20 && late.messages('/py').length === 0; i++) {
        await send(port!, '/pd', `again-${i}`);
        await sleepMs(100);
      }
      const [reply] = await late.waitForMessages('/py', 1);
      expect(reply?.args[0]).toMatch(/^again-\d+$/);
      expect(early.process.lines.some((l) => l.text.includes('Connection refused'))).toBe(true);
    } finally {
      await early.stop();
    }
  });

  it('quits when it receives /quit', async () => {
    await send(pdPort, '/quit');
    const exit = await Promise.race([pd.process.exited, sleepMs(5000).then(() => 'running')]);
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
