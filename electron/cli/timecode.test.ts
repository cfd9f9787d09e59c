/** `syncroscope timecode master|client` in-process, on real UDP: master and client talk to each other. */
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { createCliRunner, freeUdpPort } from './cli-run.test-util';

const cli = createCliRunner(['timecode']);
afterEach(cli.stopAll);
const run = cli.run;
const freePort = freeUdpPort;

describe('syncroscope timecode', () => {
  it('client locks onto the master, fires its cue at the label, and the master logs it in step', async () => {
    const [masterPort, clientPort] = [await freePort(), await freePort()];
    const client = run([
      'client',
      '--listen',
      String(clientPort),
      '--to',
      `127.0.0.1:${masterPort}`,
      '--cue',
      '00:00:10:20=/cue/video_tc,Intro video cue',
      '--json',
      '--count',
      '30',
    ]);
    await client.waitFor(() => client.err.some((e) => e.includes('listening')));
    const master = run([
      'master',
      '--listen',
      String(masterPort),
      '--to',
      `127.0.0.1:${clientPort}`,
      '--start',
      '00:00:10:00',
      '--json',
    ]);
    expect(await client.code).toBe(0);
    const lines = client.json();
    const timecodes = lines.filter((l) => l.type === 'timecode');
    expect(timecodes).toHaveLength(30);
    expect(timecodes[0]).toMatchObject({ label: '00:00:10:00', timetag: null });
    expect(timecodes.slice(0, 3).map((t) => t.label)).toEqual([
      '00:00:10:00',
      '00:00:10:01',
      '00:00:10:02',
    ]);
    // On loopback the client locks within a few frames (real time: only the behaviour is asserted).
    expect(timecodes.some((t) => t.state === 'locked')).toBe(true);
    const cue = lines.find((l) => l.type === 'cue')!;
    expect(cue).toMatchObject({
      address: '/cue/video_tc',
      args: ['Intro video cue', '00:00:10:20'],
      label: '00:00:10:20',
    });
    expect(cue.timetag).toMatch(/^[0-9a-f]{8}\.[0-9a-f]{8}$/);
    await master.waitFor(() => master.json().some((l) => l.type === 'cue'));
    const logged = master.json().find((l) => l.type === 'cue')!;
    expect(logged).toMatchObject({
      address: '/cue/video_tc',
      text: 'Intro video cue',
      master_label: '00:00:10:20',
      sender_label: '00:00:10:20',
      diff_frames: 0,
      timetag: cue.timetag,
    });
    expect(Math.abs(logged.diff_ms as number)).toBeLessThan(40);
    const frames = master.json().filter((l) => l.type === 'frame');
    expect(frames[0]).toMatchObject({ label: '00:00:10:00', frame: 250, timetag: null });
    master.stop();
    expect(await master.code).toBe(0);
    expect(master.err.at(-1)).toMatch(/frames, .* 1 cues received/);
  });

  it('master --forward sends bundles timetagged F after each frame, and the client takes the timetag', async () => {
    const clientPort = await freePort();
    const client = run([
      'client',
      '--listen',
      String(clientPort),
      '--fps',
      '29.97',
      '--df',
      '--json',
      '--count',
      '5',
    ]);
    await client.waitFor(() => client.err.some((e) => e.includes('listening')));
    const master = run([
      'master',
      '--listen',
      '0',
      '--to',
      `127.0.0.1:${clientPort}`,
      '--fps',
      '29.97',
      '--df',
      '--forward',
      '150',
      '--json',
      '--count',
      '5',
    ]);
    expect(await master.code).toBe(0);
    expect(await client.code).toBe(0);
    const frames = master.json();
    expect(frames).toHaveLength(5);
    for (const f of frames) {
      const ms = (hex: string) => {
        const [s, fr] = hex.split('.').map((h) => parseInt(h, 16));
        return (s! + fr! / 2 ** 32) * 1000;
      };
      expect(ms(f.timetag as string) - ms(f.instant as string)).toBeCloseTo(150, 3);
    }
    const heard = client.json();
    expect(heard.map((h) => h.label)).toEqual(frames.map((f) => f.label));
    for (const h of heard) expect(h.instant).toBe(h.timetag);
  });

  it('refuses bad command lines with the reason and exit code 2', async () => {
    const cases = [
      [['master', '--fps', '26'], /--fps: "26" is not a frame rate/],
      [['master', '--fps', '25', '--df'], /drop-frame exists only at 29.97 and 59.94/],
      [['master', '--start', '00:00:00:25'], /--start: frame 25 does not exist/],
      [['master', '--forward', '5000'], /--forward must be a number from 0 to 2000/],
      [['client', '--cue', '00:00:01:00'], /--cue must look like LABEL=\/address/],
      [['client', '--cue', '00:00:01:00=cue'], /--cue address must start with \//],
      [['client', '--count', '0'], /--count must be a whole number from 1/],
      [['client', '--bogus'], /bogus/],
      [['nothing'], /unknown subcommand "nothing"/],
    ] as const;
    for (const [argv, reason] of cases) {
      const r = run([...argv]);
      expect(await r.code, argv.join(' ')).toBe(2);
      expect(r.err.join('\n')).toMatch(reason);
    }
  });

  it('prints each subcommand its own help, with the JSON keys', async () => {
    const m = run(['master', '--help']);
    expect(await m.code).toBe(0);
    expect(m.out.join('\n')).toMatch(/--forward MS[\s\S]*"diff_frames"/);
    const c = run(['client', '-h']);
    expect(await c.code).toBe(0);
    expect(c.out.join('\n')).toMatch(/--cue C[\s\S]*"error_frames"/);
  });

  it('says plainly when the port is in use, with exit code 1', async () => {
    const holder = dgram.createSocket('udp4');
    await new Promise<void>((r) => holder.bind(0, '0.0.0.0', r));
    const r = run(['master', '--listen', String(holder.address().port)]);
    expect(await r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/in use/i);
    await new Promise<void>((resolve) => holder.close(() => resolve()));
  });

  it('stops cleanly on Ctrl-C with a summary', async () => {
    const c = run(['client', '--listen', '0']);
    await c.waitFor(() => c.err.some((e) => e.includes('listening')));
    c.stop();
    expect(await c.code).toBe(0);
    expect(c.err.at(-1)).toMatch(/0 frames received/);
  });
});
